"""Mounted at the site root by cms/config/urls.py: the URIs themselves (``{BASE}/id/…``),
the ontology namespace and the published JSON-LD contexts."""

from django.http import HttpResponseRedirect
from django.urls import path, re_path, reverse

from . import views_resources


def _to_catalogue(request):
    """The catalogue's own IRIs ({BASE}/id/catalogue, …/id/dataset/…, …/id/service/sparql) are
    described together in the DCAT-AP/VoID catalogue: 303 See Other to it, keeping the query."""
    target = reverse("linked_data:catalogue")
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    response = HttpResponseRedirect(target, status=303)
    response["Vary"] = "Accept"
    return response


app_name = "resources"

urlpatterns = [
    re_path(r"^id/(?:catalogue|dataset/.+|service/sparql|organisation/kpmpc)$", _to_catalogue, name="catalogue-iri"),
    path("id/<str:type_slug>/<str:code>", views_resources.resource, name="resource"),
    path("id/<str:type_slug>/<str:code>/<path:rest>", views_resources.resource, name="sub-resource"),
    # The ontology's IRI is https://data.kpmpc.lt/ontology, its terms' …/ontology/{Term}.
    path("ontology", views_resources.ontology, name="ontology-iri"),
    path("ontology/", views_resources.ontology, name="ontology"),
    path("ontology/<str:term>", views_resources.ontology, name="ontology-term"),
    path("ns/context/<str:version>.jsonld", views_resources.jsonld_context, name="jsonld-context"),
]
