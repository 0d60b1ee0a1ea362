"""JSON-LD documents for API resources, built from the graph store.

The JSON-LD of a resource is its linked-data description (the same triples ``/id/{type}/{code}``
serves: the entity's named graph plus the labels of what it points at) and a list page is
those of its members plus a Hydra collection node (``hydra:totalItems``, ``hydra:member``,
``hydra:view`` with ``hydra:next``/``hydra:previous``), as Triple Pattern Fragments servers do.
It is not the plain JSON with an ``@context`` added: that JSON has computed, language-selected
fields (``name``) that are not statements about the entity. Documents are compacted with the
published context and name it by URL (graph.jsonld_context). The store holds only published
data, so a draft cannot appear here either.

The linked-data modules are imported where used: they belong to the dereferencing work, and
only this module depends on their names.
"""

from __future__ import annotations

import logging

from django.utils.translation import gettext_lazy as _
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rest_framework.exceptions import APIException

from cms.registry.graph_store import graph_store, linked_data_base
from graph.stores.base import StoreError
from graph.uris import graph_name, parse_entity_uri

log = logging.getLogger(__name__)

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")


class GraphUnavailable(APIException):
    status_code = 503
    default_detail = _("The knowledge graph is unavailable or not yet updated; try again shortly.")
    default_code = "graph_unavailable"


def jsonld_context_url() -> str:
    """The URL every document names as its ``@context``."""
    from graph.jsonld_context import context_url

    return context_url(linked_data_base())


def jsonld_context() -> dict:
    """The context document itself (``{"@context": {...}}``), for local processing."""
    from graph.jsonld_context import context_document

    return context_document()


def _serialise(graph: Graph) -> bytes:
    from graph.jsonld_context import to_jsonld

    return to_jsonld(graph, base=linked_data_base())


def entity_document(uri: str) -> bytes:
    """One resource's description; 503 when the store cannot give it."""
    from graph.description import describe_entity, describe_node

    base = linked_data_base()
    type_slug, code = parse_entity_uri(base, uri)
    subject = URIRef(uri)
    try:
        if type_slug == "level":  # a vocabulary concept, stored in the LTKS graph
            description = describe_node(graph_store(), subject)
        else:
            description = describe_entity(graph_store(), subject, graph_name(base, type_slug, code))
    except StoreError as exc:
        log.exception("Graph store failed while describing %s", uri)
        raise GraphUnavailable() from exc
    if not len(description):  # live in the database, not yet projected (outbox pending)
        raise GraphUnavailable()
    return _serialise(description)


def _members_graph(uris: list[URIRef]) -> Graph:
    """The members' own triples (named graphs; levels by subject) plus labels of what they cite."""
    from graph.description import label_graph

    store, base = graph_store(), linked_data_base()
    parsed = [(uri, parse_entity_uri(base, uri)) for uri in uris]
    graphs = [graph_name(base, slug, code) for _uri, (slug, code) in parsed if slug != "level"]
    levels = [uri for uri, (slug, _code) in parsed if slug == "level"]
    members = Graph()
    if graphs:
        names = " ".join(f"<{name}>" for name in graphs)
        members += store.construct(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {names} }} GRAPH ?g {{ ?s ?p ?o }} }}"
        )
    if levels:
        members += store.subjects_graph(levels)
    typed = set(members.subjects(RDF.type, None))
    cited = {term for triple in members for term in (triple[0], triple[2]) if isinstance(term, URIRef)}
    members += label_graph(store, cited - typed)
    return members


def collection_document(
    uris: list[str],
    *,
    collection: str,
    page: str,
    count: int,
    next_page: str | None,
    previous_page: str | None,
) -> bytes:
    """A list page: its members' descriptions and the Hydra collection/view nodes."""
    members = [URIRef(uri) for uri in uris]
    try:
        graph = _members_graph(members)
    except StoreError as exc:
        log.exception("Graph store failed while describing a list page")
        raise GraphUnavailable() from exc
    node, view = URIRef(collection), URIRef(page)
    graph.add((node, RDF.type, HYDRA.Collection))
    graph.add((node, HYDRA.totalItems, Literal(count)))
    graph.add((node, HYDRA.view, view))
    for member in members:
        graph.add((node, HYDRA.member, member))
    graph.add((view, RDF.type, HYDRA.PartialCollectionView))
    for predicate, link in ((HYDRA.next, next_page), (HYDRA.previous, previous_page)):
        if link:
            graph.add((view, predicate, URIRef(link)))
    return _serialise(graph)
