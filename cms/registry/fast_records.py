"""Projection records of every live row of a model, read with values() (the rebuild's path).

`records.record_for` reads one model instance (the publish path). Over a whole table, building
instances and prefetching their relations costs more than projecting them
(benchmarks/README.md), so here a chunk of rows is read in one query per relation into light
rows carrying only what the mapping names, and `records.record_from` turns each light row into
its record exactly as it turns an instance (tests/cms/test_rebuild.py compares the two).

A mapping may name a model property (`VetProgramme.module_codes`): the light row class gets a
copy of it, and the row carries every column, its children and its foreign keys (as codes that
also answer `.code`), which is what such properties read. A model whose mapping needs anything
else falls back to instances, with a warning.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from graph.mapping import Children, EntityRecord, FieldMapping, Ref

from .records import mapping_specs, record_from

log = logging.getLogger(__name__)

CHUNK_ROWS = 2000

__all__ = ["CHUNK_ROWS", "live_records"]


class Unsupported(Exception):
    """The mapping needs something light rows cannot give: use model instances."""


class LightRow:
    """Stands in for a model instance: plain attributes, set from one values() row."""


class Code(str):
    """A foreign key read as its target's code; `.code` lets a copied property follow it."""

    __slots__ = ()

    @property
    def code(self) -> str:
        return str(self)


class Rows(list):
    """A to-many relation read ahead: `.all()` as on a related manager."""

    def all(self) -> Rows:
        return self


@dataclass
class _Plan:
    """How to read one model's rows (an entity, or the rows of a Children field) as light rows."""

    model: type[models.Model]
    row_class: type[LightRow]
    attrs: list[str] = field(default_factory=list)  # attribute per column, after "pk"
    columns: list[str] = field(default_factory=list)  # values_list lookups
    codes: set[str] = field(default_factory=set)  # attrs holding a foreign key's code
    to_many: dict[str, str] = field(default_factory=dict)  # attr → lookup of the related code
    children: dict[str, tuple[str, _Plan]] = field(default_factory=dict)  # attr → (parent column, plan)

    def add_column(self, attr: str, lookup: str) -> None:
        if attr not in self.attrs:
            self.attrs.append(attr)
            self.columns.append(lookup)

    def light(self, values: tuple) -> LightRow:
        row = self.row_class()
        attrs = dict(zip(self.attrs, values[1:], strict=True))
        for name in self.codes:
            if attrs[name] is not None:
                attrs[name] = Code(attrs[name])
        attrs["pk"] = values[0]
        for name in (*self.to_many, *self.children):
            attrs[name] = Rows()
        row.__dict__.update(attrs)
        return row


def _plan(model: type[models.Model], specs: list[FieldMapping], *, nested: bool = False) -> _Plan:
    """What to read for `specs` (the mapping's, or a Children field's row mapping) of `model`."""
    properties: dict[str, Any] = {}
    plan = _Plan(model, LightRow)
    if _has_field(model, "code"):  # record_from reads obj.code, and _row a child's code
        plan.add_column("code", "code")
    for spec in specs:
        name = spec.field
        try:
            found = model._meta.get_field(name)
        except FieldDoesNotExist:
            attr = inspect.getattr_static(model, name, None)
            if not isinstance(attr, (property, cached_property)):
                raise Unsupported(f"{model.__name__}.{name} is neither a field nor a property") from None
            properties[name] = attr
            continue
        if isinstance(spec, Children):
            if nested or not found.one_to_many:
                raise Unsupported(f"{model.__name__}.{name}: children must be a reverse foreign key")
            # record_for numbers the rows itself: "position" is not read
            child_specs = [f for f in spec.child.fields if f.field != "position"]
            child = _plan(found.related_model, child_specs, nested=True)
            if _has_field(found.related_model, "sort_order"):
                child.add_column("sort_order", "sort_order")
            plan.children[name] = (found.field.attname, child)
        elif found.many_to_many or found.one_to_many:
            if nested or not isinstance(spec, Ref):
                raise Unsupported(f"{model.__name__}.{name}: only a Ref may read a to-many relation")
            plan.to_many[name] = f"{name}__code"
        elif found.is_relation:
            plan.add_column(name, f"{name}__code")
            plan.codes.add(name)
        else:
            plan.add_column(name, found.attname)
    if properties:
        # A property may read any column: carry them all.
        for column in model._meta.concrete_fields:
            if not column.is_relation:
                plan.add_column(column.attname, column.attname)
        plan.row_class = type(f"Light{model.__name__}", (LightRow,), properties)
    return plan


def _has_field(model: type[models.Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _chunks(model: type[models.Model], plan: _Plan, chunk_rows: int) -> Iterator[list[EntityRecord]]:
    mapping = model.rdf_mapping
    live = model._default_manager.filter(live=True)
    last = None
    while True:
        page = live if last is None else live.filter(pk__gt=last)
        rows = list(page.order_by("pk").values_list("pk", *plan.columns)[:chunk_rows])
        if not rows:
            return
        first, last = rows[0][0], rows[-1][0]
        by_pk = {row[0]: plan.light(row) for row in rows}
        in_range = {"pk__gte": first, "pk__lte": last}
        for name, lookup in plan.to_many.items():
            related = live.filter(**in_range).order_by().values_list("pk", lookup)
            for pk, code in related:
                if code is not None:
                    getattr(by_pk[pk], name).append(Code(code))
        for name, (parent, child) in plan.children.items():
            related = child.model._default_manager.filter(**{f"{parent}__gte": first, f"{parent}__lte": last})
            for values in related.order_by().values_list(parent, "pk", *child.columns):
                owner = by_pk.get(values[0])  # rows of drafts in the pk range are skipped
                if owner is not None:
                    getattr(owner, name).append(child.light(values[1:]))
        yield [record_from(row, mapping) for row in by_pk.values()]


def live_records(model: type[models.Model], *, chunk_rows: int | None = None) -> Iterator[EntityRecord]:
    """The record of every live row of `model`, in pk order, read `chunk_rows` rows at a time."""
    chunk_rows = chunk_rows or CHUNK_ROWS
    try:
        plan = _plan(model, list(mapping_specs(model.rdf_mapping)))
        chunks = _chunks(model, plan, chunk_rows)
        first = next(chunks, [])  # a property the light rows cannot compute fails here, not midway
    except (Unsupported, AttributeError) as exc:
        log.warning("rebuild reads %s as model instances (slower): %s", model.__name__, exc)
        yield from _instance_records(model, chunk_rows)
        return
    yield from first
    for chunk in chunks:
        yield from chunk


def _instance_records(model: type[models.Model], chunk_rows: int) -> Iterator[EntityRecord]:
    live = model._default_manager.filter(live=True).order_by("pk")
    for spec in mapping_specs(model.rdf_mapping):
        try:
            found = model._meta.get_field(spec.field)
        except FieldDoesNotExist:
            continue
        if found.many_to_one:
            live = live.select_related(spec.field)
        elif found.one_to_many or found.many_to_many:
            live = live.prefetch_related(spec.field)
    for obj in live.iterator(chunk_size=chunk_rows):
        yield record_from(obj, model.rdf_mapping)
