"""Embedded Oxigraph (pyoxigraph) store: on disk (RocksDB) or in memory.

perf-baselines.md: pyoxigraph loads and queries 8–40× faster than rdflib's memory store, so
the store never goes through rdflib; only the small graphs written or read per request are
rdflib graphs (measurements of this module: ``graph/README.md``).

Atomic replace is one SPARQL Update request (``DROP SILENT GRAPH <g> ; INSERT DATA {…}``):
Oxigraph applies an update request in one transaction (verified by a test that makes the
last operation of such a request fail). An on-disk store can be opened read-write by one
process at a time (RocksDB lock). ``read_only=True`` opens it from another process, but
Oxigraph calls reading while another process writes undefined behaviour: with the embedded
store, web and worker share one process (Celery eager), or use a SPARQL server backend.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import IO, Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from graph.stores.base import DUMP_FORMATS, UNION_FORMATS, GraphStore, Source, StoreError
from graph.stores.terms import InvalidTermError, graph_batches, nquads, nt_term, replace_request, triples_text

__all__ = ["OxigraphStore", "from_ox", "to_ox"]

_FORMATS: dict[str, ox.RdfFormat] = {
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_XSD_STRING = str(XSD.string)
#: Triples per transaction in :meth:`OxigraphStore.load_graphs` (atomic) …
BATCH_TRIPLES = 50_000
#: … and per ``bulk_load`` call (non-atomic): bigger batches mean fewer, larger RocksDB files.
BULK_BATCH_TRIPLES = 500_000
_UNION_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def from_ox(term: Any) -> Node:
    """A pyoxigraph term as an rdflib term (``xsd:string`` literals become plain literals)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise StoreError(f"Unsupported term from the store: {term!r}")


def to_ox(term: Node) -> Any:
    """An rdflib term as a pyoxigraph term."""
    try:
        if isinstance(term, URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is not None:
                return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            return ox.Literal(str(term))
        if isinstance(term, BNode):
            return ox.BlankNode(nt_term(term)[2:])
    except ValueError as exc:
        raise InvalidTermError(f"Cannot store term {term!r}: {exc}") from exc
    raise InvalidTermError(f"Unsupported RDF term {term!r}")


class OxigraphStore(GraphStore):
    """A :class:`GraphStore` on an embedded pyoxigraph ``Store``.

    ``path=None`` keeps everything in memory (tests, small demos); a path opens (or creates)
    a RocksDB directory. ``read_only=True`` opens an existing directory for reading only.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> None:
        self.path = os.fspath(path) if path is not None else None
        if read_only:
            if self.path is None:
                raise StoreError("read_only needs a path")
            self._store = ox.Store.read_only(self.path)
        else:
            self._store = ox.Store(self.path)
        self.read_only = read_only

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for code that streams large results itself."""
        return self._store

    # --- writes -------------------------------------------------------------------

    def _update(self, sparql: str) -> None:
        try:
            self._store.update(sparql)
        except (SyntaxError, ValueError, RuntimeError, OSError) as exc:
            raise StoreError(f"Store update failed: {exc}") from exc

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        g = nt_term(URIRef(name))
        body = triples_text(graph)
        if body:
            self._update(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body}}} }}")
        else:
            self._update(f"DROP SILENT GRAPH {g}")

    def drop_graph(self, name: URIRef) -> None:
        self._update(f"DROP SILENT GRAPH {nt_term(URIRef(name))}")

    def load_graphs(self, items: Iterable[tuple[URIRef, Graph]], *, atomic: bool = True) -> int:
        """Replace many graphs, batched.

        Graphs not yet in the store go in as N-Quads (a transactional ``load``, or ``bulk_load``
        with ``atomic=False``), which is 2–3× faster than SPARQL ``INSERT DATA`` on disk; graphs
        that exist are replaced by ``DROP``+``INSERT DATA`` requests (atomic) or dropped first
        (bulk). Either way each graph ends with exactly the given triples.
        """
        count = 0
        for batch in graph_batches(items, BATCH_TRIPLES if atomic else BULK_BATCH_TRIPLES):
            existing = {n for n in batch if self._store.contains_named_graph(ox.NamedNode(str(n)))}
            fresh = [(n, g) for n, g in batch.items() if n not in existing and len(g)]
            if atomic:
                data = nquads(fresh).encode()  # format (and check) every term before writing
                if existing:
                    self._update(replace_request({n: batch[n] for n in existing}))
                if data:
                    self._load_quads(data, bulk=False)
            else:
                if existing:
                    self._update(" ;\n".join(f"DROP SILENT GRAPH {nt_term(n)}" for n in existing))
                rest = [(n, g) for n, g in batch.items() if len(g)]
                if rest:
                    self._load_quads(nquads(rest).encode(), bulk=True)
            count += len(batch)
        return count

    def load_nquads_graphs(self, names: Iterable[URIRef], data: bytes) -> int:
        """Drop those of ``names`` that exist (one update), then ``bulk_load`` the text.

        ``bulk_load`` releases the GIL, so a caller may project the next batch meanwhile.
        """
        names = list(names)
        contains = self._store.contains_named_graph
        existing = [n for n in names if contains(ox.NamedNode(str(n)))]
        if existing:
            self._update(" ;\n".join(f"DROP SILENT GRAPH {nt_term(URIRef(n))}" for n in existing))
        if data:
            self._load_quads(data, bulk=True)
        return len(names)

    def _load_quads(self, data: bytes, *, bulk: bool) -> None:
        try:
            if bulk:
                self._store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
            else:
                self._store.load(data, format=ox.RdfFormat.N_QUADS)
        except (SyntaxError, ValueError, RuntimeError, OSError) as exc:
            raise StoreError(f"Loading graphs failed: {exc}") from exc

    def _bulk_load(self, source: Source, fmt: ox.RdfFormat, graph: URIRef | None = None) -> None:
        kwargs: dict[str, Any] = {"format": fmt}
        if graph is not None:
            kwargs["to_graph"] = ox.NamedNode(str(graph))
        if isinstance(source, (bytes, bytearray)):
            kwargs["input"] = bytes(source)
        else:
            kwargs["path"] = os.fspath(source)
        try:
            self._store.bulk_load(**kwargs)
        except (SyntaxError, ValueError, RuntimeError, OSError) as exc:
            raise StoreError(f"Bulk load failed: {exc}") from exc

    def bulk_load_ntriples(self, source: Source, *, graph: URIRef) -> None:
        self._bulk_load(source, ox.RdfFormat.N_TRIPLES, graph)

    def bulk_load_nquads(self, source: Source) -> None:
        self._bulk_load(source, ox.RdfFormat.N_QUADS)

    def clear(self) -> None:
        try:
            self._store.clear()
        except OSError as exc:
            raise StoreError(f"Clearing the store failed: {exc}") from exc

    # --- reads --------------------------------------------------------------------

    def has_graph(self, name: URIRef) -> bool:
        pattern = self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(name)))
        return next(iter(pattern), None) is not None

    def graph_names(self, prefix: str | None = None) -> list[URIRef]:
        names = [
            g.value
            for g in self._store.named_graphs()
            if isinstance(g, ox.NamedNode) and (prefix is None or g.value.startswith(prefix))
        ]
        return [URIRef(n) for n in sorted(names) if self.has_graph(URIRef(n))]

    def get_graph(self, name: URIRef) -> Graph:
        return _graph(
            q.triple for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(name)))
        )

    def _query(self, sparql: str) -> Any:
        try:
            return self._store.query(sparql, use_default_graph_as_union=True)
        except (SyntaxError, ValueError, RuntimeError, OSError) as exc:
            raise StoreError(f"Query failed: {exc}") from exc

    def select(self, sparql: str) -> list[dict[str, Node]]:
        results = self._query(sparql)
        if not isinstance(results, ox.QuerySolutions):
            raise StoreError("select() needs a SELECT query")
        names = [v.value for v in results.variables]
        rows: list[dict[str, Node]] = []
        for solution in results:
            row: dict[str, Node] = {}
            for index, name in enumerate(names):
                term = solution[index]
                if term is not None:
                    row[name] = from_ox(term)
            rows.append(row)
        return rows

    def ask(self, sparql: str) -> bool:
        result = self._query(sparql)
        if not isinstance(result, ox.QueryBoolean):
            raise StoreError("ask() needs an ASK query")
        return bool(result)

    def construct(self, sparql: str) -> Graph:
        result = self._query(sparql)
        if not isinstance(result, ox.QueryTriples):
            raise StoreError("construct() needs a CONSTRUCT or DESCRIBE query")
        return _graph(result)

    def subjects_graph(self, iris: Iterable[URIRef]) -> Graph:
        quads = self._store.quads_for_pattern
        return _graph(q.triple for iri in set(iris) for q in quads(ox.NamedNode(str(iri)), None, None, None))

    def triple_count(self) -> int:
        return len(self._store)

    def dump(self, fmt: str, stream: IO[bytes], *, prefixes: Mapping[str, str] | None = None) -> None:
        if fmt not in DUMP_FORMATS:
            raise StoreError(f"Unknown dump format {fmt!r}; use one of {', '.join(sorted(DUMP_FORMATS))}")
        prefix_map = {k: str(v) for k, v in (prefixes or {}).items()}
        try:
            if fmt in UNION_FORMATS:
                triples = self._store.query(_UNION_TRIPLES, use_default_graph_as_union=True)
                ox.serialize(triples, stream, _FORMATS[fmt], prefixes=prefix_map or None)
            else:
                self._store.dump(stream, _FORMATS[fmt], prefixes=prefix_map or None)
        except (ValueError, RuntimeError, OSError) as exc:
            raise StoreError(f"Dump failed: {exc}") from exc

    def close(self) -> None:
        if not self.read_only and self.path is not None:
            self._store.flush()
        self._store = None  # type: ignore[assignment]


def _graph(triples: Iterable[Any]) -> Graph:
    graph = Graph()
    add = graph.add
    for t in triples:
        add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    return graph
