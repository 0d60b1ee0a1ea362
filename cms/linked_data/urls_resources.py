"""Mounted at the site root by cms/config/urls.py: the URIs themselves (``{BASE}/id/…``),
the ontology namespace and the published JSON-LD contexts."""

from django.urls import path

from . import views_resources

app_name = "resources"

urlpatterns = [
    path("id/<str:type_slug>/<str:code>", views_resources.resource, name="resource"),
    path("id/<str:type_slug>/<str:code>/<path:rest>", views_resources.resource, name="sub-resource"),
    # The ontology's IRI is https://data.kpmpc.lt/ontology, its terms' …/ontology/{Term}.
    path("ontology", views_resources.ontology, name="ontology-iri"),
    path("ontology/", views_resources.ontology, name="ontology"),
    path("ontology/<str:term>", views_resources.ontology, name="ontology-term"),
    path("ns/context/<str:version>.jsonld", views_resources.jsonld_context, name="jsonld-context"),
]
