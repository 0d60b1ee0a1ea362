"""Project an :class:`~graph.mapping.EntityRecord` to RDF with its :class:`~graph.mapping.EntityMapping`.

One projector for every registry model: the mapping says what the fields mean, this module
only applies it. The output is a small rdflib graph (rdflib is for building small graphs,
perf-baselines.md), deterministic for a given record, with empty values left out so that a
missing required value shows up as a SHACL ``sh:minCount`` result rather than an empty literal.
A full rebuild uses :mod:`graph.nquads_projection` instead: the same triples, as N-Quads text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from graph.mapping import (
    Children,
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
from graph.uris import entity_uri, graph_name, normalise_base

__all__ = ["concept_for", "entity_graph_name", "field_values", "is_empty", "project", "record_uri", "to_literal"]


def record_uri(record: EntityRecord, base: str) -> URIRef:
    """The IRI of the entity ``record`` describes."""
    return entity_uri(base, record.type_slug, record.code)


def entity_graph_name(record: EntityRecord, base: str) -> URIRef:
    """The named graph ``record``'s triples live in (``{BASE}/graph/{type}/{code}``)."""
    return graph_name(base, record.type_slug, record.code)


def project(record: EntityRecord, mapping: EntityMapping, *, base: str) -> Graph:
    """Return the entity's triples: its own, its children's and its embedded nodes'."""
    if record.type_slug != mapping.type_slug:
        raise MappingError(f"Record of type {record.type_slug!r} given to the {mapping.type_slug!r} mapping")
    base = normalise_base(base)
    # No prefix binding here: it costs more than building the triples (≈ 1 ms per graph), and
    # the graphs mostly go straight into the store. Serialisers bind prefixes themselves.
    graph = Graph(bind_namespaces="none")
    subject = entity_uri(base, record.type_slug, record.code)
    values = dict(record.values)
    values.setdefault(mapping.code_field, record.code)
    _add_node(graph, subject, mapping.rdf_types, mapping.fields, values, base)
    return graph


def _add_node(
    graph: Graph,
    subject: URIRef,
    rdf_types: Iterable[URIRef],
    fields: Iterable[FieldMapping],
    values: Mapping[str, Any],
    base: str,
) -> None:
    for rdf_type in rdf_types:
        graph.add((subject, RDF.type, rdf_type))
    for item in fields:
        if isinstance(item, Children):
            _add_children(graph, subject, item, values.get(item.field), base)
        elif isinstance(item, Embedded):
            _add_embedded(graph, subject, item, values, base)
        elif isinstance(item, Constant):
            value = item.value(base) if callable(item.value) else item.value
            graph.add((subject, item.predicate, value))
        else:
            for obj in _objects(item, values.get(item.field), base):
                graph.add((subject, item.predicate, obj))


def _add_children(graph: Graph, parent: URIRef, item: Children, rows: Any, base: str) -> None:
    for row in field_values(rows, many=True, name=item.field):
        if not isinstance(row, Mapping):
            raise MappingError(
                f"Field {item.field!r}: each child row must be a dict, got {type(row).__name__}"
            )
        child = item.child.uri.mint(base=base, parent=parent, row=row)
        graph.add((parent, item.predicate, child))
        if item.inverse is not None:
            graph.add((child, item.inverse, parent))
        _add_node(graph, child, item.child.rdf_types, item.child.fields, row, base)


def _add_embedded(graph: Graph, parent: URIRef, item: Embedded, values: Mapping[str, Any], base: str) -> None:
    if item.only_if is not None:
        flag = values.get(item.only_if)
        if is_empty(flag) or flag is False:
            return
    node = item.uri.mint(base=base, parent=parent, row=values)
    graph.add((parent, item.predicate, node))
    if item.inverse is not None:
        graph.add((node, item.inverse, parent))
    _add_node(graph, node, item.rdf_types, item.fields, values, base)


def is_empty(value: Any) -> bool:
    """None, blank text or an empty collection: a value the projection leaves out."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, set, frozenset)):
        return len(value) == 0
    return False


def field_values(value: Any, *, many: bool, name: str) -> list[Any]:
    """The non-empty values of a field, checking its shape against the declaration."""
    if is_empty(value):
        return []
    is_list = isinstance(value, (list, tuple, set, frozenset))
    if many and not is_list:
        raise MappingError(f"Field {name!r} is declared many=True but its value is not a list: {value!r}")
    if not many and is_list:
        raise MappingError(f"Field {name!r} holds a list; declare it with many=True")
    items = list(value) if is_list else [value]
    if isinstance(value, (set, frozenset)):
        items.sort(key=str)
    return [v for v in items if not is_empty(v)]


def _objects(item: FieldMapping, value: Any, base: str) -> list[Node]:
    if isinstance(item, Text):
        return [Literal(str(v), lang=item.lang) for v in field_values(value, many=False, name=item.field)]
    if isinstance(item, Value):
        return [to_literal(v, item.datatype) for v in field_values(value, many=item.many, name=item.field)]
    if isinstance(item, Ref):
        return [entity_uri(base, item.target, v) for v in field_values(value, many=item.many, name=item.field)]
    if isinstance(item, ConceptRef):
        return [concept_for(item, v) for v in field_values(value, many=item.many, name=item.field)]
    raise MappingError(f"Unsupported field mapping {item!r}")


def concept_for(item: ConceptRef, value: Any) -> URIRef:
    """The concept IRI ``item`` maps ``value`` to; an unmapped value is a :class:`MappingError`."""
    if callable(item.concepts):
        found = item.concepts(value)
    else:
        found = item.concepts.get(value)
        if found is None:
            found = item.concepts.get(str(value))
    if not isinstance(found, URIRef):
        raise MappingError(f"Field {item.field!r}: no concept is mapped for the value {value!r}")
    return found


def to_literal(value: Any, datatype: URIRef | None = None) -> Literal:
    """A typed literal for a Python value; ``datatype`` (if given) wins over the Python type."""
    if datatype is not None:
        if isinstance(value, bool):
            return Literal("true" if value else "false", datatype=datatype)
        if isinstance(value, (dt.date, dt.datetime, dt.time)):
            return Literal(value.isoformat(), datatype=datatype)
        return Literal(str(value), datatype=datatype)
    if isinstance(value, bool):
        return Literal(value, datatype=XSD.boolean)
    if isinstance(value, dt.datetime):
        return Literal(value, datatype=XSD.dateTime)
    if isinstance(value, dt.date):
        return Literal(value, datatype=XSD.date)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, Decimal):
        return Literal(value, datatype=XSD.decimal)
    if isinstance(value, float):
        return Literal(value, datatype=XSD.double)
    if isinstance(value, str):
        return Literal(value)
    raise MappingError(f"Cannot turn {type(value).__name__} value {value!r} into a literal; give a datatype")
