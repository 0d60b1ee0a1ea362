"""graph.description's descriptions as pyoxigraph triples, read straight from an embedded store.

The same bounded description (the entity's named graph, or a node's own triples and its
owner's links to it, plus the labels of every other IRI they mention), without building an
rdflib graph: converting ≈ 150 triples to rdflib terms and adding them to a Memory store was
most of an /id/ request (≈ 3 of 4 ms at 10k qualifications). Serialisers (graph.serialize)
take these triples as they are; the HTML page still gets an rdflib graph (:func:`to_graph`).

Labels of linked IRIs cost one index seek per IRI and label predicate (≈ 12 µs each, found or
not: 39 seeks for a qualification's 13 links), and most links are shared vocabulary (sector,
levels, ISCED-F, types) that every description repeats. A :class:`LabelCache` keeps them for one
*graph generation* (the caller's token that every store write replaces) and at most ``ttl``
seconds, so a harvester walking thousands of resources reads each shared label once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph

from ontology.namespaces import bind_prefixes

from .description import LABEL_PREDICATES
from .stores.oxigraph import from_ox

__all__ = ["LabelCache", "entity_triples", "node_triples", "to_graph"]

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LABELS = tuple(ox.NamedNode(str(p)) for p in LABEL_PREDICATES)


class LabelCache:
    """Label triples per IRI, valid for one generation and at most ``ttl`` seconds (bounding how
    long a write made outside the application stays unseen); ``max_iris`` bounds the memory."""

    def __init__(self, *, ttl: float, max_iris: int = 20_000) -> None:
        self.ttl = ttl
        self.max_iris = max_iris
        self._lock = threading.Lock()
        self._generation: str | None = None
        self._expires = 0.0
        self._labels: dict[ox.NamedNode, tuple[ox.Triple, ...]] = {}

    def for_generation(self, generation: str) -> dict[ox.NamedNode, tuple[ox.Triple, ...]]:
        """The labels known for ``generation`` (a fresh, empty map when it changed or expired)."""
        now = time.monotonic()
        with self._lock:
            if generation != self._generation or now >= self._expires or len(self._labels) > self.max_iris:
                self._generation, self._expires, self._labels = generation, now + self.ttl, {}
            return self._labels


def entity_triples(
    store: ox.Store, entity: str, graph_name: str, labels: dict | None = None
) -> list[ox.Triple]:
    """The entity's named graph plus labels, in a stable order; [] when it is not published.
    ``labels``: a map from :meth:`LabelCache.for_generation` (read from and filled), or None."""
    subject = ox.NamedNode(entity)
    own = [quad.triple for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(graph_name))]
    if not any(t.subject == subject for t in own):
        return []
    return _with_labels(store, own, subject, labels)


def node_triples(
    store: ox.Store, node: str, owner: str | None = None, labels: dict | None = None
) -> list[ox.Triple]:
    """A node's own triples (any graph), ``owner``'s links to it, plus labels; [] when unknown."""
    subject = ox.NamedNode(node)
    own = [quad.triple for quad in store.quads_for_pattern(subject, None, None, None)]
    if not own:
        return []
    if owner is not None:
        own += [quad.triple for quad in store.quads_for_pattern(ox.NamedNode(owner), None, subject, None)]
    return _with_labels(store, own, subject, labels)


def to_graph(triples: Iterable[ox.Triple]) -> Graph:
    """An rdflib graph of ``triples`` with the project's prefixes (for the HTML page)."""
    graph = Graph()
    for t in triples:
        graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    return bind_prefixes(graph)


def _with_labels(
    store: ox.Store, own: list[ox.Triple], first: ox.NamedNode, known: dict | None
) -> list[ox.Triple]:
    # Nodes typed here are described in full already; every other IRI gets its labels (only).
    typed = {t.subject for t in own if t.predicate == _RDF_TYPE}
    mentioned = {term for t in own for term in (t.subject, t.object) if isinstance(term, ox.NamedNode)}
    known = {} if known is None else known
    labels: list[ox.Triple] = []
    for iri in mentioned - typed:
        found = known.get(iri)
        if found is None:
            found = known[iri] = tuple(
                quad.triple for predicate in _LABELS for quad in store.quads_for_pattern(iri, predicate, None, None)
            )
        labels += found
    return _ordered(own + labels, first.value)


def _ordered(triples: list[ox.Triple], first: str) -> list[ox.Triple]:
    """Without duplicates, grouped by subject (writers group a subject's triples only when they
    are adjacent): the described resource first, then what is under its IRI, then the rest by
    IRI. Within a subject the store's index order stays, so the bytes (and ETag) stay put."""
    by_subject: dict = {}
    for t in triples:
        by_subject.setdefault(t.subject, {})[t] = None
    prefix = first + "/"

    def key(subject) -> tuple:
        s = subject.value
        return (0 if s == first else 1 if s.startswith(prefix) else 2, isinstance(subject, ox.BlankNode), s)

    return [t for subject in sorted(by_subject, key=key) for t in by_subject[subject]]
