"""Mounted under ``datasets/`` by cms/config/urls.py: the URLs the QDR pulls must not change."""

from django.urls import path

from . import views_elm

app_name = "linked_data"

urlpatterns = [
    path("elm/qualifications.ttl", views_elm.elm_qualifications, {"fmt": "ttl"}, name="elm-ttl"),
    path("elm/qualifications.xml", views_elm.elm_qualifications, {"fmt": "xml"}, name="elm-xml"),
]
