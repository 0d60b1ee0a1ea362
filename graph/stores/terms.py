"""rdflib terms as N-Triples/SPARQL text, checked, for every store backend.

Writes go to the store as SPARQL Update text (``INSERT DATA``) or N-Quads: formatting the
terms ourselves is ≈ 2.5× faster than ``Graph.serialize(format="nt")`` for the ~100-triple
graphs we write per publish, and it rejects terms the store would refuse (an IRI with a space,
a bad language tag) with a clear error *before* anything is sent. The syntax produced is the
intersection of N-Triples 1.1 and the SPARQL 1.1 ``INSERT DATA`` grammar, so a remote SPARQL
backend can reuse it unchanged.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from graph.stores.base import StoreError

__all__ = ["InvalidTermError", "graph_batches", "nquads", "nt_term", "replace_request", "triples_text"]

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_BNODE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


class InvalidTermError(StoreError, ValueError):
    """An rdflib term that cannot be written to an RDF store (bad IRI, language tag, …).

    A :class:`StoreError`, raised before anything is sent, so the store is untouched.
    """


def _iri(value: str) -> str:
    if not value or _IRI_FORBIDDEN.search(value) or ":" not in value:
        raise InvalidTermError(f"Not a valid absolute IRI: {value!r}")
    return f"<{value}>"


def nt_term(term: Node) -> str:
    """One term in N-Triples syntax (also valid in SPARQL ``INSERT DATA``)."""
    if isinstance(term, URIRef):
        return _iri(str(term))
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_ESCAPES) + '"'
        if term.language:
            if not _LANG.match(term.language):
                raise InvalidTermError(f"Not a valid language tag: {term.language!r}")
            return f"{text}@{term.language}"
        if term.datatype is not None:
            return f"{text}^^{_iri(str(term.datatype))}"
        return text
    if isinstance(term, BNode):
        label = str(term)
        if not _BNODE.match(label):
            label = "b" + hashlib.sha1(label.encode()).hexdigest()
        return f"_:{label}"
    raise InvalidTermError(f"Unsupported RDF term {term!r}")


def triples_text(graph: Graph) -> str:
    """The graph's triples, one ``s p o .`` per line."""
    return "".join(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in graph)


def nquads(items: Iterable[tuple[URIRef, Graph]]) -> str:
    """N-Quads text for ``(graph name, graph)`` pairs."""
    parts: list[str] = []
    for name, graph in items:
        g = _iri(str(name))
        parts.extend(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} {g} .\n" for s, p, o in graph)
    return "".join(parts)


def replace_request(batch: Mapping[URIRef, Graph]) -> str:
    """One SPARQL Update request replacing every graph of ``batch`` (one transaction)."""
    drops = " ;\n".join(f"DROP SILENT GRAPH {nt_term(name)}" for name in batch)
    inserts = "".join(
        f"GRAPH {nt_term(name)} {{\n{triples_text(graph)}}}\n" for name, graph in batch.items() if len(graph)
    )
    return f"{drops} ;\nINSERT DATA {{\n{inserts}}}" if inserts else drops


def graph_batches(
    items: Iterable[tuple[URIRef, Graph]], limit: int, *, max_graphs: int | None = None
) -> Iterator[dict[URIRef, Graph]]:
    """Group graphs into batches of about ``limit`` triples (and at most ``max_graphs`` graphs:
    empty graphs never fill a triple budget). A repeated name keeps the last graph."""
    batch: dict[URIRef, Graph] = {}
    size = 0
    for name, graph in items:
        name = URIRef(name)
        if name in batch:
            size -= len(batch.pop(name))
        batch[name] = graph
        size += len(graph)
        if size >= limit or (max_graphs is not None and len(batch) >= max_graphs):
            yield batch
            batch, size = {}, 0
    if batch:
        yield batch
