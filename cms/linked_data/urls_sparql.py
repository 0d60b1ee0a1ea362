"""Mounted at ``sparql`` by cms/config/urls.py: the public SPARQL 1.1 Protocol endpoint /sparql."""

from django.urls import path

from . import views_sparql

app_name = "sparql"

urlpatterns = [path("", views_sparql.sparql, name="endpoint")]
