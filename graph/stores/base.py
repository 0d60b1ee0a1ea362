"""The graph store contract: what every backend (embedded Oxigraph, a SPARQL server) must do.

The interface is deliberately small and expressible over HTTP with the SPARQL 1.1 Protocol
and Graph Store Protocol, so a remote backend can implement it method for method:

- every entity lives in its own named graph, replaced atomically on republish
  (``replace_graph`` = one SPARQL Update request ``DROP SILENT GRAPH <g> ; INSERT DATA {…}``);
- queries see the **union of the named graphs** as their default graph (Oxigraph's
  ``use_default_graph_as_union``; on a server, its union-default-graph setting);
- a "graph" exists when it holds at least one triple; this API never leaves an empty
  named graph behind (replacing with an empty graph drops it);
- a store may canonicalise the lexical form of valid typed literals (Oxigraph turns
  ``"1.50"^^xsd:decimal`` into ``"1.5"`` and ``+00:00`` into ``Z``): same value, other term,
  and language tags to lower case: compare by value, or project canonical forms.

The behaviour suite in ``tests/graph/store_suite.py`` is the executable form of this contract.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping
from os import PathLike
from typing import IO, Any

from rdflib import Graph, URIRef
from rdflib.term import Node

__all__ = [
    "DATASET_FORMATS",
    "DUMP_FORMATS",
    "UNION_FORMATS",
    "GraphStore",
    "Source",
    "StoreError",
    "StoreUnavailable",
]

#: Formats that keep named graphs.
DATASET_FORMATS: frozenset[str] = frozenset({"trig", "nquads"})
#: Formats that hold one graph: the union of all named graphs is written.
UNION_FORMATS: frozenset[str] = frozenset({"ttl", "nt", "jsonld"})
DUMP_FORMATS: frozenset[str] = DATASET_FORMATS | UNION_FORMATS

#: A raw RDF source: a file path or the bytes themselves.
Source = str | PathLike[str] | bytes


class StoreError(RuntimeError):
    """A store operation failed; for writes, the store is left as it was before the call."""


class StoreUnavailable(StoreError):
    """The store could not be reached or failed on its side (refused, timeout, HTTP 5xx): retry later.

    A write cut off after it was sent may or may not have been applied; replaces, drops and
    ``load_graphs`` are safe to repeat (a repeated bulk load duplicates its blank nodes).
    """


class GraphStore(abc.ABC):
    """A quad store of named graphs, queried through SPARQL over the union of its graphs."""

    # --- writes -------------------------------------------------------------------

    @abc.abstractmethod
    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """Make ``name`` hold exactly ``graph``'s triples, atomically (old or new, never a mix).

        Raises :class:`StoreError` (old graph intact) when the graph cannot be written.
        """

    @abc.abstractmethod
    def drop_graph(self, name: URIRef) -> None:
        """Remove the named graph; a missing graph is not an error."""

    def load_graphs(self, items: Iterable[tuple[URIRef, Graph]], *, atomic: bool = True) -> int:
        """Replace many graphs (a rebuild); return how many graphs were written.

        Each graph ends with exactly the given triples (replace, not merge). With ``atomic``
        every graph is replaced as by :meth:`replace_graph`; ``atomic=False`` lets a backend use
        a faster non-transactional bulk path, where a failure may leave a batch partly written
        (rerunning the load repairs it).
        """
        count = 0
        for name, graph in items:
            self.replace_graph(name, graph)
            count += 1
        return count

    def load_nquads_graphs(self, names: Iterable[URIRef], data: bytes) -> int:
        """Replace the graphs ``names`` with the N-Quads ``data`` (a rebuild); return len(names).

        Every quad of ``data`` must be in one of ``names``; a name without quads ends up absent.
        Not atomic, like ``load_graphs(atomic=False)``: a failure may leave the batch partly
        written (rerunning repairs it). Default: drop the graphs (replacing them with empty
        graphs, which a backend batches), then bulk-load the text.
        """
        names = [URIRef(name) for name in names]
        self.load_graphs(((name, Graph()) for name in names), atomic=False)
        if data:
            self.bulk_load_nquads(data)
        return len(names)

    @abc.abstractmethod
    def bulk_load_ntriples(self, source: Source, *, graph: URIRef) -> None:
        """Add the N-Triples in ``source`` (path or bytes) to ``graph`` (no replace, not atomic)."""

    @abc.abstractmethod
    def bulk_load_nquads(self, source: Source) -> None:
        """Add the N-Quads in ``source`` (path or bytes) to their graphs (no replace, not atomic)."""

    @abc.abstractmethod
    def clear(self) -> None:
        """Remove every graph."""

    # --- reads --------------------------------------------------------------------

    @abc.abstractmethod
    def has_graph(self, name: URIRef) -> bool:
        """Whether the named graph holds at least one triple."""

    @abc.abstractmethod
    def graph_names(self, prefix: str | None = None) -> list[URIRef]:
        """Sorted names of the graphs, optionally only those starting with ``prefix``."""

    @abc.abstractmethod
    def get_graph(self, name: URIRef) -> Graph:
        """A copy of the named graph (empty when missing)."""

    @abc.abstractmethod
    def select(self, sparql: str) -> list[dict[str, Node]]:
        """Run a SELECT query; one dict per solution, variable name → rdflib term (unbound left out)."""

    @abc.abstractmethod
    def ask(self, sparql: str) -> bool:
        """Run an ASK query."""

    @abc.abstractmethod
    def construct(self, sparql: str) -> Graph:
        """Run a CONSTRUCT (or DESCRIBE) query."""

    def subjects_graph(self, iris: Iterable[URIRef]) -> Graph:
        """Every triple, in any named graph, whose subject is one of ``iris``.

        This is how the publish gate pulls the referenced nodes into a validation graph.
        """
        values = " ".join(f"<{iri}>" for iri in sorted(set(iris)))
        if not values:
            return Graph()
        return self.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}")

    @abc.abstractmethod
    def triple_count(self) -> int:
        """Number of quads in the named graphs (a triple in two graphs counts twice)."""

    @abc.abstractmethod
    def dump(self, fmt: str, stream: IO[bytes], *, prefixes: Mapping[str, str] | None = None) -> None:
        """Write the store to ``stream``: trig/nquads keep named graphs, ttl/nt/jsonld the union."""

    # --- lifecycle ----------------------------------------------------------------

    def ping(self) -> bool:
        """Cheap readiness check: True, or raise :class:`StoreUnavailable` / :class:`StoreError`."""
        if not self.ask("ASK {}"):
            raise StoreError("The store answered ASK {} with false")
        return True

    def close(self) -> None:  # noqa: B027 - optional hook, most backends need nothing
        """Release resources (flush to disk); the store must not be used afterwards."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
