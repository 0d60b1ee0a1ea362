"""Included by cms/api/urls.py under ``api/v1/``."""

from django.urls import path

from . import api

urlpatterns = [
    path("search", api.SearchView.as_view(), name="search"),
    path("search/autocomplete", api.AutocompleteView.as_view(), name="search-autocomplete"),
    path("search/related", api.RelatedView.as_view(), name="search-related"),
]
