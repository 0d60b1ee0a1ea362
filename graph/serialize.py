"""Serialise small graphs (one resource's description) with Oxigraph's writers, or, for JSON-LD,
with a compactor for our published context.

rdflib's Turtle writer took ≈ 6 ms for a 4 KB description, most of an /id/ request; Oxigraph
writes the same graph in well under a millisecond. :func:`write` takes pyoxigraph triples as they
come from the store (graph.native_description), :func:`serialize` an rdflib graph.

JSON-LD: rdflib's compaction against our context took ≈ 3 ms for the same description.
:func:`write_jsonld` writes what it wrote (a flat ``@graph`` of nodes, terms of the published
context where a value fits the term's definition, compact IRIs elsewhere, the context referenced
by URL) directly from the triples: the published context only has simple terms, ``@type``
coercions (``@id`` or a datatype) and ``@language`` maps, so choosing a term per value is a
lookup. A value no term fits goes under the compact IRI of its property, in expanded form.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import lru_cache

import orjson
import pyoxigraph as ox
from rdflib import Graph

from graph.jsonld_context import CURRENT_VERSION, context_document, context_url
from graph.stores.oxigraph import to_ox

__all__ = ["pretty_json", "serialize", "write", "write_jsonld"]

_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML}
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING, _XSD_INTEGER, _XSD_BOOLEAN = _XSD + "string", _XSD + "integer", _XSD + "boolean"


def serialize(graph: Graph, rdflib_format: str) -> bytes:
    """The graph in ``rdflib_format`` ("turtle", "nt", "xml" by Oxigraph; others by rdflib)."""
    if rdflib_format not in _FORMATS:
        return graph.serialize(format=rdflib_format, encoding="utf-8")
    triples = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph]
    return write(triples, rdflib_format, {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix})


def write(triples: Iterable[ox.Triple], rdflib_format: str, prefixes: Mapping[str, str]) -> bytes:
    """``triples`` as Turtle, N-Triples or RDF/XML (rdflib's format names), declaring the
    ``prefixes`` some IRI uses."""
    fmt = _FORMATS[rdflib_format]
    triples = list(triples)
    if fmt is ox.RdfFormat.N_TRIPLES:
        return ox.serialize(triples, format=fmt)
    by_namespace = {namespace: prefix for prefix, namespace in prefixes.items()}
    used = {}
    for namespace in _namespaces(triples):
        if namespace in by_namespace:
            used[by_namespace[namespace]] = namespace
    return ox.serialize(triples, format=fmt, prefixes=used or None)


def _namespaces(triples: list[ox.Triple]) -> set[str]:
    """Each IRI's namespace, cut after its last ``/`` or ``#`` (where a prefixed name can start)."""
    iris = set()
    for t in triples:
        iris.add(t.predicate.value)
        for term in (t.subject, t.object):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal):
                iris.add(term.datatype.value)
    return {_namespace(iri) for iri in iris}


@lru_cache(maxsize=16384)  # descriptions repeat the same predicates, types and vocabularies
def _namespace(iri: str) -> str:
    return iri[: max(iri.rfind("/"), iri.rfind("#")) + 1]


# --- JSON-LD ---------------------------------------------------------------------------------


class _Context:
    """The published context, read for compaction: prefixes, and the terms of each property IRI."""

    def __init__(self, version: str) -> None:
        definitions = context_document(version)["@context"]
        self.prefixes: dict[str, str] = {}
        self.terms: dict[str, list[tuple[str, str | None, str | None]]] = {}  # iri → (term, type, container)
        self.classes: dict[str, str] = {}  # iri → simple term (for @type values)
        for term, definition in definitions.items():
            if isinstance(definition, str) and definition.endswith(("/", "#")) and ":" in definition:
                self.prefixes[term] = definition
        for term, definition in definitions.items():
            if term in self.prefixes:
                continue
            if isinstance(definition, str):
                definition = {"@id": definition}
            iri = self._expand(definition["@id"])
            coercion = definition.get("@type")
            coercion = self._expand(coercion) if coercion and coercion != "@id" else coercion
            container = definition.get("@container")
            self.terms.setdefault(iri, []).append((term, coercion, container))
            if coercion is None and container is None:
                self.classes.setdefault(iri, term)
        for candidates in self.terms.values():  # a simple term takes any value: try it last
            candidates.sort(key=lambda candidate: candidate[1:] == (None, None))
        self.names = set(definitions)

    def _expand(self, value: str) -> str:
        prefix, _, suffix = value.partition(":")
        return self.prefixes[prefix] + suffix if prefix in self.prefixes else value

    @lru_cache(maxsize=4096)  # noqa: B019 - one instance per context version, kept for the process
    def iri(self, iri: str) -> str:
        """``iri`` as the shortest compact IRI (then the first alphabetically), or whole."""
        best = iri
        for prefix, namespace in self.prefixes.items():
            if iri.startswith(namespace) and len(iri) > len(namespace):
                suffix = iri[len(namespace) :]
                candidate = f"{prefix}:{suffix}"
                if suffix.startswith("//") or candidate in self.names:
                    continue
                if len(candidate) < len(best) or (len(candidate) == len(best) and candidate < best):
                    best = candidate
        return best

    def vocab(self, iri: str) -> str:
        """A class or datatype IRI: its simple term, else as :meth:`iri`."""
        return self.classes.get(iri) or self.iri(iri)


@lru_cache(maxsize=4)
def _context(version: str) -> _Context:
    return _Context(version)


def _node_id(context: _Context, term) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else context.iri(term.value)


def _expanded(context: _Context, value):
    """A value in the form that needs no term definition (under a compact IRI key)."""
    if not isinstance(value, ox.Literal):
        return {"@id": _node_id(context, value)}
    if value.language:
        return {"@value": value.value, "@language": value.language}
    datatype = value.datatype.value
    if datatype == _XSD_STRING:
        return value.value
    if datatype == _XSD_INTEGER and value.value == str(_integer(value.value)):
        return int(value.value)
    if datatype == _XSD_BOOLEAN and value.value in ("true", "false"):
        return value.value == "true"
    return {"@value": value.value, "@type": context.vocab(datatype)}


def _integer(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _place(context: _Context, node: dict, predicate: str, value) -> None:
    """Put ``value`` under the first term of ``predicate`` it fits, else under its compact IRI."""
    is_literal = isinstance(value, ox.Literal)
    for term, coercion, container in context.terms.get(predicate, ()):
        if container == "@language":
            if is_literal and value.language:
                node.setdefault(term, {}).setdefault(value.language, []).append(value.value)
                return
        elif container is not None:
            continue  # not in our context: leave such terms to the compact IRI
        elif coercion == "@id":
            if not is_literal:
                node.setdefault(term, []).append(_node_id(context, value))
                return
        elif coercion is not None:
            if is_literal and not value.language and value.datatype.value == coercion:
                node.setdefault(term, []).append(value.value)
                return
        else:  # a simple term holds any value in expanded form
            node.setdefault(term, []).append(_expanded(context, value))
            return
    node.setdefault(context.iri(predicate), []).append(_expanded(context, value))


def _single(values):
    """One value alone, several as a list (language maps: per language)."""
    if isinstance(values, dict):
        return {lang: _single(texts) for lang, texts in sorted(values.items())}
    if len(values) == 1:
        return values[0]
    return sorted(values, key=lambda v: v if isinstance(v, str) else json.dumps(v, sort_keys=True))


def write_jsonld(
    triples: Iterable[ox.Triple], *, base: str, first: str | None = None, version: str = CURRENT_VERSION
) -> bytes:
    """``triples`` as compacted JSON-LD referring to the published context by URL.

    With ``first``, that node and then the nodes under its IRI (its outcomes…) lead ``@graph``.
    """
    context = _context(version)
    nodes: dict[ox.NamedNode | ox.BlankNode, dict] = {}
    for t in triples:
        node = nodes.setdefault(t.subject, {})
        if t.predicate.value == _RDF_TYPE and not isinstance(t.object, ox.Literal):
            node.setdefault("@type", []).append(context.vocab(t.object.value) if isinstance(
                t.object, ox.NamedNode) else _node_id(context, t.object))  # fmt: skip
        else:
            _place(context, node, t.predicate.value, t.object)
    documents = []
    for subject, properties in nodes.items():
        document = {"@id": _node_id(context, subject)}
        for key in sorted(properties):
            document[key] = _single(properties[key])
        documents.append(document)
    documents.sort(key=lambda d: _rank(d["@id"], first))
    url = context_url(base, version)
    if len(documents) == 1:
        ordered = {"@context": url, **documents[0]}
    else:
        ordered = {"@context": url, "@graph": documents}
    return pretty_json(ordered)


def pretty_json(document) -> bytes:
    """``json.dumps(document, ensure_ascii=False, indent=2)`` as UTF-8, byte for byte, by orjson:
    Python's encoder takes its slow pure-Python path whenever it indents (≈ 0.23 ms of a 0.5 ms
    JSON-LD description; orjson 5 µs). What orjson refuses (integers past 64 bits) goes to json."""
    try:
        return orjson.dumps(document, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:
        return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _rank(node_id: str, first: str | None) -> tuple[int, str]:
    if first is None:
        return (0, node_id)
    if node_id == first:
        return (0, "")
    return (1 if node_id.startswith(first + "/") else 2, node_id)
