"""Project an :class:`~graph.mapping.EntityRecord` straight to N-Quads text: the rebuild's path.

The same triples as :func:`graph.projection.project` (``tests/graph/test_fast_projection.py``
checks every sample mapping and record), without an rdflib ``Graph``: building one per entity,
and the garbage collector walking thousands of them, took most of a full rebuild
(``benchmarks/README.md``). What depends only on the mapping (predicates, classes, language
tags, constants) is formatted once per :class:`NQuadsProjector`, and concept lookups are cached
per value: mapping callables must depend on their argument only. The publish path keeps
``project()``: the gate needs a graph.

Terms follow ``graph/stores/terms.py`` (same escaping and checks), and codes are checked as
``graph/uris.py`` checks them, so a bad value fails here, before anything reaches the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from rdflib import RDF, XSD, URIRef

from graph.mapping import (
    ChildMapping,
    Children,
    ChildUri,
    ConceptRef,
    Constant,
    Embedded,
    EntityMapping,
    EntityRecord,
    FieldMapping,
    MappingError,
    Ref,
    Text,
    Value,
)
from graph.projection import concept_for, field_values, is_empty, to_literal
from graph.stores.terms import _ESCAPES, _LANG, InvalidTermError, _iri, nt_term
from graph.uris import _check_code, _check_segment, normalise_base

__all__ = ["NQuadsProjector", "ProjectedQuads", "literal_nt"]

#: ``emit(triples, subject IRI, values)``: append the ``s p o`` text of one field mapping.
_Emit = Callable[[list[str], str, Mapping[str, Any]], None]

_TYPED = {
    bool: f"^^<{XSD.boolean}>",
    int: f"^^<{XSD.integer}>",
    dt.date: f"^^<{XSD.date}>",
    dt.datetime: f"^^<{XSD.dateTime}>",
}


class ProjectedQuads(NamedTuple):
    graph: str  #: the named graph IRI (``{BASE}/graph/{type}/{code}``)
    text: str  #: its triples as N-Quads lines, each in that graph


def _escape(text: str) -> str:
    """``text.translate(_ESCAPES)``; most text has nothing to escape, and translate is slow."""
    if '"' in text or "\\" in text or "\n" in text or "\r" in text:
        return text.translate(_ESCAPES)
    return text


def literal_nt(value: Any, datatype: URIRef | None = None) -> str:
    """``nt_term(to_literal(value, datatype))``, without building the rdflib literal for common types."""
    if datatype is None:
        kind = type(value)  # exact types: a subclass (an enum, a lazy string) takes the slow path
        if kind is str:
            return f'"{_escape(value)}"'
        if kind is bool:
            return ('"true"' if value else '"false"') + _TYPED[bool]
        if kind is int:
            return f'"{value}"{_TYPED[int]}'
        if kind is dt.date or kind is dt.datetime:
            return f'"{value.isoformat()}"{_TYPED[kind]}'
    return nt_term(to_literal(value, datatype))


def _single(value: Any, name: str) -> list[Any] | tuple[Any, ...]:
    """``field_values(value, many=False)``, with the plain-string case inlined (most fields)."""
    if value is None:
        return ()
    if type(value) is str:
        return (value,) if value.strip() else ()
    return field_values(value, many=False, name=name)


class NQuadsProjector:
    """Projects the records of one mapping to N-Quads; build one per mapping and base, reuse it."""

    def __init__(self, mapping: EntityMapping, *, base: str) -> None:
        self.mapping = mapping
        self.base = normalise_base(base)
        _iri(self.base)  # a base the store would refuse fails here, once
        self._graph_prefix = f"<{self.base}/graph/{mapping.type_slug}/"
        self._node = self._compile_node(mapping.rdf_types, mapping.fields)

    def project(self, record: EntityRecord) -> ProjectedQuads:
        """The entity's named graph and its triples as N-Quads text (no duplicate lines)."""
        if record.type_slug != self.mapping.type_slug:
            raise MappingError(
                f"Record of type {record.type_slug!r} given to the {self.mapping.type_slug!r} mapping"
            )
        code = _check_code(record.code)
        values = dict(record.values)
        values.setdefault(self.mapping.code_field, record.code)
        triples: list[str] = []
        self._node(triples, f"{self.base}/id/{self.mapping.type_slug}/{code}", values)
        graph = f"{self._graph_prefix}{code}>"
        tail = f" {graph} .\n"
        text = "".join([t + tail for t in dict.fromkeys(triples)])  # a graph is a set
        return ProjectedQuads(graph[1:-1], text)

    # --- IRIs ---------------------------------------------------------------------------

    def _entity(self, type_slug: str, code: Any) -> str:
        return f"{self.base}/id/{type_slug}/{_check_code(code)}"

    def _mint(self, uri: ChildUri, parent: str, row: Mapping[str, Any]) -> str:
        """:meth:`ChildUri.mint`, on plain strings."""
        key = row.get(uri.key)
        if key is None or key == "":
            raise MappingError(f"Cannot mint a {uri.name!r} IRI: the row has no {uri.key!r} value")
        if uri.kind == "minted":
            return self._entity(uri.name, key)
        return f"{parent}/{uri.name}/{_check_code(key, what='key')}"

    # --- compiling a mapping into emitters ------------------------------------------------

    def _compile_node(self, rdf_types: tuple[URIRef, ...], fields: tuple[FieldMapping, ...]) -> _Emit:
        type_pos = [f"{nt_term(RDF.type)} {nt_term(t)}" for t in rdf_types]
        emitters = [self._compile(item) for item in fields]

        def node(triples: list[str], subject: str, values: Mapping[str, Any]) -> None:
            s = f"<{subject}>"
            triples.extend([f"{s} {po}" for po in type_pos])
            for emit in emitters:
                emit(triples, subject, values)

        return node

    def _compile(self, item: FieldMapping) -> _Emit:
        if isinstance(item, Children):
            return self._compile_children(item)
        if isinstance(item, Embedded):
            return self._compile_embedded(item)
        if isinstance(item, Constant):
            value = item.value(self.base) if callable(item.value) else item.value
            po = f"{nt_term(item.predicate)} {nt_term(value)}"
            return lambda triples, subject, values: triples.append(f"<{subject}> {po}")
        p = nt_term(item.predicate)
        name = item.field
        if isinstance(item, Text):
            if not _LANG.match(item.lang):
                raise InvalidTermError(f"Not a valid language tag: {item.lang!r}")
            tag = f"@{item.lang}"

            def text(triples: list[str], subject: str, values: Mapping[str, Any]) -> None:
                for v in _single(values.get(name), name):
                    triples.append(f'<{subject}> {p} "{_escape(str(v))}"{tag}')

            return text
        objects = self._objects(item)
        many = getattr(item, "many", False)

        def field(triples: list[str], subject: str, values: Mapping[str, Any]) -> None:
            value = values.get(name)
            items = field_values(value, many=True, name=name) if many else _single(value, name)
            for v in items:
                triples.append(f"<{subject}> {p} {objects(v)}")

        return field

    def _objects(self, item: FieldMapping) -> Callable[[Any], str]:
        """The object term (N-Triples text) for one value of a Value, Ref or ConceptRef field."""
        if isinstance(item, Value):
            datatype = item.datatype
            return lambda v: literal_nt(v, datatype)
        if isinstance(item, Ref):
            target = item.target
            return lambda v: f"<{self._entity(target, v)}>"
        if isinstance(item, ConceptRef):
            return _concept_terms(item)
        raise MappingError(f"Unsupported field mapping {item!r}")

    def _compile_children(self, item: Children) -> _Emit:
        child: ChildMapping = item.child
        if child.uri.kind == "sub":
            _check_segment(child.uri.name)
        node = self._compile_node(child.rdf_types, child.fields)
        p = nt_term(item.predicate)
        inverse = nt_term(item.inverse) if item.inverse is not None else None

        def children(triples: list[str], parent: str, values: Mapping[str, Any]) -> None:
            for row in field_values(values.get(item.field), many=True, name=item.field):
                if not isinstance(row, Mapping):
                    raise MappingError(
                        f"Field {item.field!r}: each child row must be a dict, got {type(row).__name__}"
                    )
                iri = self._mint(child.uri, parent, row)
                triples.append(f"<{parent}> {p} <{iri}>")
                if inverse is not None:
                    triples.append(f"<{iri}> {inverse} <{parent}>")
                node(triples, iri, row)

        return children

    def _compile_embedded(self, item: Embedded) -> _Emit:
        if item.uri.kind == "sub":
            _check_segment(item.uri.name)
        node = self._compile_node(item.rdf_types, item.fields)
        p = nt_term(item.predicate)
        inverse = nt_term(item.inverse) if item.inverse is not None else None

        def embedded(triples: list[str], parent: str, values: Mapping[str, Any]) -> None:
            if item.only_if is not None:
                flag = values.get(item.only_if)
                if is_empty(flag) or flag is False:
                    return
            iri = self._mint(item.uri, parent, values)
            triples.append(f"<{parent}> {p} <{iri}>")
            if inverse is not None:
                triples.append(f"<{iri}> {inverse} <{parent}>")
            node(triples, iri, values)

        return embedded


def _concept_terms(item: ConceptRef) -> Callable[[Any], str]:
    """Concept IRI text per value, cached: a mapping has a handful of concepts, looked up per row."""
    cache: dict[tuple[type, Any], str] = {}

    def term(value: Any) -> str:
        try:
            key = (type(value), value)  # the type keeps 1 and True apart
            found = cache.get(key)
        except TypeError:  # unhashable: no cache
            return nt_term(concept_for(item, value))
        if found is None:
            found = cache[key] = nt_term(concept_for(item, value))
        return found

    return term
