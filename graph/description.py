"""What a dereferenced URI returns: a bounded description of one published resource.

An entity's description is its named graph (the entity and the nodes it owns: outcomes,
module memberships, competences, its committee) plus the labels of every resource it points
at, so a reader (person or program) can show "Sector: Accommodation…" without a second request,
as ESCO and Skosmos do. A node stored inside another's graph (a committee, a competence, an
outcome, a level, a scheme) is described by its own triples, the owner's links to it, and the
same labels. Labels are ``skos:prefLabel``, ``dcterms:title`` and ``rdfs:label`` only: the
referenced resources' other triples stay at their own URIs.

The store holds only published data, so nothing here can leak a draft.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from ontology.namespaces import bind_prefixes

from .stores.base import GraphStore

__all__ = ["LABEL_PREDICATES", "describe_entity", "describe_node", "label_graph"]

LABEL_PREDICATES: tuple[URIRef, ...] = (SKOS.prefLabel, DCTERMS.title, RDFS.label)


def describe_entity(store: GraphStore, entity: URIRef, graph_name: URIRef) -> Graph:
    """The entity's named graph plus labels; empty when the entity is not published."""
    description = store.get_graph(graph_name)
    if (entity, None, None) not in description:
        return Graph()
    return _with_labels(store, description)


def describe_node(store: GraphStore, node: URIRef, owner: URIRef | None = None) -> Graph:
    """A node's own triples, ``owner``'s links to it, plus labels; empty when unknown."""
    description = store.subjects_graph([node])
    if not len(description):
        return Graph()
    if owner is not None:
        description += store.construct(
            f"CONSTRUCT {{ <{owner}> ?p <{node}> }} WHERE {{ <{owner}> ?p <{node}> }}"
        )
    return _with_labels(store, description)


def label_graph(store: GraphStore, iris: Iterable[URIRef]) -> Graph:
    """The label triples (any language) of ``iris``, from every named graph."""
    # subjects_graph is an index lookup per subject on the embedded store; a CONSTRUCT with
    # two VALUES blocks made Oxigraph scan the whole store (≈ 0.4 s per page at 50k).
    labels = Graph()
    for s, p, o in store.subjects_graph(set(iris)):
        if p in LABEL_PREDICATES:
            labels.add((s, p, o))
    return labels


def _with_labels(store: GraphStore, description: Graph) -> Graph:
    # Nodes typed here are described in full already; every other IRI gets its labels.
    typed = set(description.subjects(RDF.type, None))
    mentioned = {t for triple in description for t in (triple[0], triple[2]) if isinstance(t, URIRef)}
    description += label_graph(store, mentioned - typed)
    return bind_prefixes(description)
