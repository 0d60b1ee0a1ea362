"""Database → graph for every live entity: the `rebuild_graph` command and the benchmark."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import models

from graph.vocabularies import load_reference_vocabularies

from .graph_store import graph_store, linked_data_base
from .models import REGISTRY_MODELS
from .services import entity_project


def graph_rebuild(*, progress: Callable[..., Iterable] | None = None) -> dict[str, int]:
    """Database → graph for every live entity, plus the reference vocabularies.

    Idempotent: each entity graph is replaced whole, and graphs of entities that are no
    longer live are dropped, so a rerun after an interruption converges. Loads are bulk
    (non-transactional per batch) for speed; a graph cut short by a crash is replaced whole
    by the rerun."""
    store = graph_store()
    base = linked_data_base()
    counts = {"vocabularies": len(load_reference_vocabularies(store, base=base))}
    wrap = progress or (lambda items, total, label: items)
    expected: set[str] = set()
    for model in REGISTRY_MODELS:
        live = _with_relations(model.objects.filter(live=True))
        batch, done = [], 0
        for obj in wrap(live.iterator(chunk_size=1000), live.count(), model._meta.verbose_name_plural):
            done += 1
            projection = entity_project(obj=obj)
            expected.add(str(projection.graph_name))
            batch.append((projection.graph_name, projection.graph))
            if len(batch) >= 2000:
                store.load_graphs(batch, atomic=False)
                batch = []
        if batch:
            store.load_graphs(batch, atomic=False)
        counts[model.rdf_mapping.type_slug] = done
    stale = [
        name
        for model in REGISTRY_MODELS
        for name in store.graph_names(prefix=f"{base}/graph/{model.rdf_mapping.type_slug}/")
        if str(name) not in expected
    ]
    for name in stale:
        store.drop_graph(name)
    counts["dropped"] = len(stale)
    return counts


_PREFETCH = {
    "qualification": ("sectors", "units", "outcomes"),
    "qualificationunit": ("competences",),
    "module": ("competences", "outcomes"),
    "vetprogramme": ("module_links__module",),
}
_SELECT = {
    "qualification": ("standard",),
    "occupationalstandard": ("sector",),
    "qualificationunit": ("standard",),
    "vetprogramme": ("qualification",),
}


def _prefetches(model: type[models.Model]) -> tuple[str, ...]:
    return _PREFETCH.get(model._meta.model_name, ())


def _with_relations(queryset: models.QuerySet) -> models.QuerySet:
    name = queryset.model._meta.model_name
    return queryset.select_related(*_SELECT.get(name, ())).prefetch_related(*_prefetches(queryset.model))
