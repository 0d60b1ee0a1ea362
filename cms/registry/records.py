"""Turn a model instance (live row or revision object) into the plain record graph/ projects.

This is the only place that knows both Django models and graph.mapping field specs; it reads
exactly the attributes the model's `rdf_mapping` names, so the mapping stays the one truth."""

from __future__ import annotations

from typing import Any

from django.db import models

from graph.mapping import Children, ConceptRef, Embedded, EntityMapping, EntityRecord, Ref, Text, Value


def _code_of(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, models.Model):
        return str(value.code)
    return str(value)


def _read(obj: Any, spec: Any) -> Any:
    value = getattr(obj, spec.field)
    if isinstance(spec, Ref):
        if spec.many:
            items = value.all() if hasattr(value, "all") else value
            return sorted(c for c in (_code_of(v) for v in items) if c)
        return _code_of(value)
    if isinstance(spec, Children):
        rows = sorted(value.all() if hasattr(value, "all") else value, key=_order)
        return [_row(child, spec.child.fields, position) for position, child in enumerate(rows, 1)]
    if isinstance(value, models.Model):
        return _code_of(value)
    return value


def _order(child: Any) -> tuple:
    """Inline rows in editor order; the same order for a revision object and a live row."""
    sort_order = getattr(child, "sort_order", None)
    return (sort_order is None, sort_order or 0, child.pk or 0)


def _row(child: Any, fields: tuple, position: int) -> dict[str, Any]:
    row: dict[str, Any] = {"position": position}
    for spec in fields:
        if spec.field == "position":
            continue
        row[spec.field] = _read(child, spec)
    if hasattr(child, "code"):
        row.setdefault("code", child.code)
    return row


def mapping_specs(mapping: EntityMapping):
    """The field specs a record holds values for (embedded nodes read the entity's own fields)."""
    for spec in mapping.fields:
        if isinstance(spec, Embedded):
            yield from spec.fields
        elif isinstance(spec, (Text, Value, Ref, ConceptRef, Children)):
            yield spec


def record_for(obj: models.Model) -> EntityRecord:
    """The projection record of `obj` (a saved row or `revision.as_object()`)."""
    return record_from(obj, type(obj).rdf_mapping)


def record_from(obj: Any, mapping: EntityMapping) -> EntityRecord:
    """The record of anything with the attributes `mapping` names: a model instance, or the
    light rows of fast_records (the rebuild), so both paths read values the same way."""
    values: dict[str, Any] = {}
    for spec in mapping_specs(mapping):
        values.setdefault(spec.field, _read(obj, spec))
    return EntityRecord(type_slug=mapping.type_slug, code=str(obj.code), values=values)
