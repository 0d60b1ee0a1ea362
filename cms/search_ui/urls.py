"""Mounted at ``search/`` by cms/config/urls.py."""

from django.urls import path

from . import views

app_name = "search_ui"

urlpatterns = [path("", views.search_page, name="page")]
