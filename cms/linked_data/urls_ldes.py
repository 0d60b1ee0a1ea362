"""Mounted at the root: the change feed. URLs mirror the IRIs minted in graph/ldes.py."""

from django.urls import path

from . import views_ldes

app_name = "ldes"

urlpatterns = [
    path("ldes", views_ldes.stream, name="stream"),
    path("ldes/page/<int:number>", views_ldes.page, name="page"),
    path("ldes/version/<int:member_id>", views_ldes.version, name="version"),
]
