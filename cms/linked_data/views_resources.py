"""Dereferenceable URIs: ``/id/{type}/{code}[/{segment}/{key}…]``, ``/ontology/`` and the JSON-LD
context, each in the representation the client negotiates (negotiation.py).

A resource is public when the graph store describes it (the store holds only published data).
When it does not: 410 Gone if the registry shows it was published before (a row unpublished
but once published, or an unpublish/delete outbox event), else 404. A withdrawn standard or
qualification is still described, with a 410 status: its data stays readable, the status tells
harvesters it no longer counts. The registry models record no successor, so no
"replaced by" link is given.

Described answers (200, and 410 withdrawn) are cached per graph generation (id_cache.py): a
repeat request reads neither the store nor the database.
"""

from __future__ import annotations

import logging

import pyoxigraph as ox
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from rdflib import Graph, URIRef

from cms.registry.graph_store import graph_store, linked_data_base
from cms.registry.models import REGISTRY_MODELS, OutboxEvent
from cms.registry.services import model_for_slug
from graph.description import describe_entity, describe_node
from graph.jsonld_context import CONTEXT_VERSIONS, context_bytes
from graph.native_description import entity_triples, node_triples
from graph.stores.base import GraphStore, StoreError
from graph.stores.oxigraph import OxigraphStore, to_ox
from graph.uris import TYPE_SLUGS, entity_uri, graph_name, scheme_uri, sub_uri
from ontology.loader import load_vocabulary
from ontology.namespaces import ADMS, KQ, bind_prefixes

from . import id_cache, representation
from .negotiation import BadFormat, negotiate

log = logging.getLogger(__name__)

#: Types whose entities have their own named graph (the registry models).
GRAPH_TYPES = frozenset(model.rdf_mapping.type_slug for model in REGISTRY_MODELS)
RESOURCE_TYPES = TYPE_SLUGS | {"scheme"}
ONTOLOGY_IRI = URIRef(str(KQ._NS).rstrip("/"))
_STATUS, _WITHDRAWN = ox.NamedNode(str(ADMS.status)), ox.NamedNode(str(KQ.StatusWithdrawn))


@require_safe
def resource(request: HttpRequest, type_slug: str, code: str, rest: str = "") -> HttpResponse:
    with translation.override(representation.page_language(request)):
        return _resource(request, type_slug, code, rest)


def _resource(request: HttpRequest, type_slug: str, code: str, rest: str) -> HttpResponse:
    choice = _choose(request)
    if isinstance(choice, HttpResponse):
        return choice
    slot, cached = id_cache.find(request, choice)
    if cached is not None:
        return representation.conditional(request, cached)
    if type_slug not in RESOURCE_TYPES:
        message = _("Unknown resource type “%(type)s”; known types: %(types)s.") % {
            "type": type_slug,
            "types": ", ".join(sorted(RESOURCE_TYPES)),
        }
        return representation.problem(request, 404, message, choice)
    base = linked_data_base()
    try:
        entity = scheme_uri(base, code) if type_slug == "scheme" else entity_uri(base, type_slug, code)
        subject = _sub_node(entity, rest)
    except ValueError:
        return _not_found(request, choice, base + request.path)
    owner = graph_name(base, type_slug, code) if not rest and type_slug in GRAPH_TYPES else None
    try:
        description = _describe(graph_store(), subject, owner, entity if rest else None, id_cache.labels(slot))
    except (StoreError, OSError, RuntimeError):
        log.exception("Graph store failed while dereferencing %s", subject)
        return representation.problem(
            request, 503, _("The knowledge graph is unavailable; try again later."), choice
        )
    if not description:
        # Only now the registry (database) is asked: a described resource never needs it.
        if type_slug != "scheme" and _was_published(type_slug, code):
            message = _("%(uri)s was published before and has been withdrawn; no replacement is recorded.")
            return representation.problem(request, 410, message % {"uri": subject}, choice)
        return _not_found(request, choice, subject)
    withdrawn = ox.Triple(ox.NamedNode(str(subject)), _STATUS, _WITHDRAWN) in description
    status = 410 if withdrawn else 200
    response = representation.describe_triples(request, choice, description, subject, status=status)
    id_cache.keep(slot, response)
    return representation.conditional(request, response)


def _describe(
    store: GraphStore, subject: URIRef, graph: URIRef | None, owner: URIRef | None, labels: dict | None
) -> list[ox.Triple]:
    """``subject``'s description (graph.description), as pyoxigraph triples: straight from the
    embedded store's indexes (``labels``: known labels of linked IRIs, id_cache.labels), or
    converted from a remote store's rdflib graph."""
    if isinstance(store, OxigraphStore):
        if graph is not None:
            return entity_triples(store.oxigraph, str(subject), str(graph), labels)
        owner_iri = str(owner) if owner is not None else None
        return node_triples(store.oxigraph, str(subject), owner_iri, labels)
    if graph is not None:
        description = describe_entity(store, subject, graph)
    else:
        description = describe_node(store, subject, owner=owner)
    return [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in description]


@require_safe
def ontology(request: HttpRequest, term: str = "") -> HttpResponse:
    """The ``kq:`` ontology as one document; a term's IRI is sent there (303) at its anchor."""
    with translation.override(representation.page_language(request)):
        choice = _choose(request)
        if isinstance(choice, HttpResponse):
            return choice
        graph = bind_prefixes(Graph()) + load_vocabulary("ontology", base=linked_data_base())
        if term:
            if (KQ._NS[term], None, None) not in graph:
                return _not_found(request, choice, KQ._NS[term])
            query = f"?{request.GET.urlencode()}" if request.GET else ""
            response = HttpResponse(status=303)
            response["Location"] = f"/ontology/{query}#{term}"
            return representation.finish(request, response, vary=False)
        return representation.describe(request, choice, graph, ONTOLOGY_IRI, status=200, ontology=True)


@require_safe
def jsonld_context(request: HttpRequest, version: str) -> HttpResponse:
    """A published JSON-LD context, byte for byte (it never changes: cache it long)."""
    if version not in CONTEXT_VERSIONS:
        message = _("Unknown JSON-LD context version “%(version)s”; published: %(versions)s.")
        body = message % {"version": version, "versions": ", ".join(CONTEXT_VERSIONS)}
        return HttpResponse(body, status=404, content_type="text/plain; charset=utf-8")
    response = HttpResponse(context_bytes(version), content_type="application/ld+json")
    response["Cache-Control"] = "public, max-age=86400"
    response["Access-Control-Allow-Origin"] = "*"
    return representation.finish(request, response, vary=False, etag=True)


def _choose(request: HttpRequest):
    try:
        choice = negotiate(request)
    except BadFormat as exc:
        message = _("Unknown format “%(format)s”; use one of: %(formats)s.") % {
            "format": exc.args[0],
            "formats": ", ".join(representation.FORMAT_KEYS),
        }
        return representation.problem(request, 400, message, None)
    if choice is None:
        return representation.not_acceptable(request)
    return choice


def _sub_node(entity: URIRef, rest: str) -> URIRef:
    """``{entity}/{segment}/{key}…`` from the path after the code; ValueError when malformed."""
    parts = rest.split("/") if rest else []
    if len(parts) % 2:
        raise ValueError(f"incomplete sub-resource path {rest!r}")
    node = entity
    for segment, key in zip(parts[::2], parts[1::2], strict=True):
        node = sub_uri(node, segment, key)
    return node


def _not_found(request: HttpRequest, choice, uri) -> HttpResponse:
    message = _("No published resource has the URI %(uri)s.") % {"uri": uri}
    return representation.problem(request, 404, message, choice)


def _registry_row(type_slug: str, code: str) -> tuple[str, str] | None:
    """The registry entity (type, code) whose publication decides whether ``type/code`` is public."""
    if type_slug in GRAPH_TYPES:
        return type_slug, code
    if type_slug == "committee":  # a committee is published with its sector
        return "sector", code
    if type_slug == "competence":  # and a competence with its unit
        return "unit", code.rsplit("-K", 1)[0]
    return None


def _was_published(type_slug: str, code: str) -> bool:
    """Whether the registry shows the entity public once and not now (the graph said not now)."""
    row = _registry_row(type_slug, code)
    if row is None:
        return False
    slug, owner_code = row
    rows = model_for_slug(slug).objects.filter(code=owner_code)
    if rows.filter(live=True).exists():
        return False  # live but not yet in the graph (a publish still on its way): not gone
    if rows.filter(first_published_at__isnull=False).exists():
        return True
    gone = (OutboxEvent.UNPUBLISH, OutboxEvent.DELETE)
    return OutboxEvent.objects.filter(type_slug=slug, code=owner_code, action__in=gone).exists()
