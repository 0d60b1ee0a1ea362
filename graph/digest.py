"""Content hashes of named graphs, to compare what the database projects with what the
store holds (the ``reconcile`` command) without moving whole graphs around twice."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from graph.stores.base import GraphStore
from graph.stores.terms import nt_term

__all__ = ["graph_digest", "stored_digests"]


def _line(s: Node, p: Node, o: Node) -> str:
    # Projections mint IRIs for every node; a blank node, if any, hashes by position only.
    return " ".join("_:b" if isinstance(t, BNode) else nt_term(t) for t in (s, p, o))


def _digest(lines: Iterable[str]) -> str:
    h = hashlib.sha256()
    for line in sorted(lines):
        h.update(line.encode())
        h.update(b"\n")
    return h.hexdigest()


def graph_digest(graph: Graph) -> str:
    """Order-independent hash of a graph's triples in N-Triples form."""
    return _digest(_line(s, p, o) for s, p, o in graph)


def stored_digests(store: GraphStore, prefix: str) -> dict[URIRef, str]:
    """Hash of every named graph whose name starts with ``prefix``, in one query."""
    rows = store.select(
        "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{_escape(prefix)}")) }}'
    )
    lines: dict[URIRef, list[str]] = defaultdict(list)
    for row in rows:
        lines[row["g"]].append(_line(row["s"], row["p"], row["o"]))
    return {name: _digest(found) for name, found in lines.items()}


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
