"""Registry services: the publish gate and keeping the graph in step with the database.

Views, tasks, hooks and commands call these; they hold the logic (CONVENTIONS: services)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models
from rdflib import Graph

from graph.projection import entity_graph_name, project
from graph.uris import entity_uri, graph_name
from graph.validation import ValidationResult, validate_entity

from .graph_store import graph_store, linked_data_base
from .models import REGISTRY_MODELS, RegistryEntity
from .records import record_for

log = logging.getLogger(__name__)


class PublishRefused(Exception):
    """Publishing would put an entity that breaks the SHACL shapes into the graph."""

    def __init__(self, obj: RegistryEntity, result: ValidationResult):
        self.obj = obj
        self.result = result
        super().__init__(result.report_text)


class UnpublishRefused(Exception):
    """Published entities still point at the one being withdrawn from the graph."""

    def __init__(self, obj: RegistryEntity, referrers: list[RegistryEntity]):
        self.obj = obj
        self.referrers = referrers
        super().__init__(", ".join(str(r) for r in referrers))


@dataclass(frozen=True)
class Projection:
    uri: str
    graph_name: str
    graph: Graph


def entity_project(*, obj: RegistryEntity) -> Projection:
    base = linked_data_base()
    record = record_for(obj)
    graph = project(record, type(obj).rdf_mapping, base=base)
    return Projection(
        uri=entity_uri(base, record.type_slug, record.code),
        graph_name=entity_graph_name(record, base),
        graph=graph,
    )


def entity_publish_gate(*, obj: RegistryEntity) -> ValidationResult:
    """Validate what would be published (a revision object); raise PublishRefused on violations."""
    projection = entity_project(obj=obj)
    result = validate_entity(projection.graph, entity_uri=projection.uri, store=graph_store())
    if not result.conforms:
        raise PublishRefused(obj, result)
    return result


def model_for_slug(type_slug: str) -> type[RegistryEntity]:
    for model in REGISTRY_MODELS:
        if model.rdf_mapping.type_slug == type_slug:
            return model
    raise LookupError(f"No registry type {type_slug!r}")


@dataclass(frozen=True)
class SyncResult:
    outcome: str  # "replaced", "removed" or "unchanged" (nothing to write)
    uri: str
    graph: Graph | None  # what the entity's named graph now holds (None: removed)


#: Other kinds of published content the outbox keeps in the graph (e.g. "page" from cms.site),
#: registered at app start: type_slug -> function(code) -> SyncResult.
EXTRA_SYNCERS: dict[str, Callable[[str], SyncResult]] = {}


def entity_sync_graph(*, type_slug: str, code: str) -> SyncResult:
    """Make the entity's named graph hold exactly what is live in the database now.

    Keyed by type and code (the URI), not by row: whatever happened before (publish,
    unpublish, delete, a new row taking a freed code), the graph ends in the current state,
    so applying it once, twice or late gives the same graph."""
    if type_slug in EXTRA_SYNCERS:
        return EXTRA_SYNCERS[type_slug](code)
    base = linked_data_base()
    obj = model_for_slug(type_slug).objects.filter(code=code, live=True).first()
    if obj is None:
        graph_store().drop_graph(graph_name(base, type_slug, code))
        return SyncResult("removed", str(entity_uri(base, type_slug, code)), None)
    projection = entity_project(obj=obj)
    graph_store().replace_graph(projection.graph_name, projection.graph)
    return SyncResult("replaced", str(projection.uri), projection.graph)


#: Other content that may reference registry entities (pages, from cms.site), registered at app
#: start: function(obj, include_drafts=...) -> list of referrers. The registry does not import them.
REFERRER_FINDERS: list[Callable[..., list]] = []


def all_referrers(*, obj: RegistryEntity, include_drafts: bool = False) -> list:
    """Registry entities, then any other registered content, that reference ``obj``."""
    found: list = list(live_referrers(obj=obj, include_drafts=include_drafts))
    for finder in REFERRER_FINDERS:
        found.extend(finder(obj, include_drafts=include_drafts))
    return found


def live_referrers(*, obj: RegistryEntity, include_drafts: bool = False) -> list[RegistryEntity]:
    """Registry entities that reference `obj`: the live ones (whose published graph points at
    it), or with include_drafts every row that does (deleting would break those too)."""
    me = (obj._meta.label, obj.pk)
    found: dict[tuple[str, int], RegistryEntity] = {}
    for row in _related_rows(obj):
        owner = _owning_entity(row)
        if owner is not None and (include_drafts or owner.live) and (owner._meta.label, owner.pk) != me:
            found[(owner._meta.label, owner.pk)] = owner
    return sorted(found.values(), key=lambda e: (e._meta.label, e.code))


def _related_rows(obj: models.Model) -> Iterable[models.Model]:
    for relation in obj._meta.related_objects:
        related = getattr(obj, relation.get_accessor_name() or "", None)
        if related is None:
            continue
        for row in related.all() if hasattr(related, "all") else [related]:
            yield row
            # A unit's competences are referenced by modules: follow one level down.
            if row._meta.model_name == "competence":
                yield from row.modules.all()


def _owning_entity(row: models.Model) -> RegistryEntity | None:
    """The registry entity a row belongs to (itself, or the parent of an inline row)."""
    if isinstance(row, RegistryEntity):
        return row
    for field in row._meta.fields:
        if field.many_to_one and field.name in {"programme", "qualification", "module", "unit"}:
            parent = getattr(row, field.name, None)
            if isinstance(parent, RegistryEntity):
                return parent
    return None
