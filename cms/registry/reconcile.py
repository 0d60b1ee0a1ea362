"""Compare what is published in the database with the graph, entity graph by entity graph,
and repair drift both ways: missing or different graphs are rewritten from the database,
graphs with no live entity behind them are dropped."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from graph.digest import graph_digest, stored_digests
from graph.projection import entity_graph_name, project
from graph.vocabularies import load_reference_vocabularies

from .events import notify_graph_changed
from .fast_records import live_records
from .graph_store import graph_store, linked_data_base
from .models import REGISTRY_MODELS

log = logging.getLogger("cms.registry.reconcile")


@dataclass
class ReconcileReport:
    checked: int = 0
    missing: list[str] = field(default_factory=list)  # live entity, no graph
    different: list[str] = field(default_factory=list)  # graph differs from the projection
    orphaned: list[str] = field(default_factory=list)  # graph, no live entity
    repaired: bool = False

    @property
    def drift(self) -> int:
        return len(self.missing) + len(self.different) + len(self.orphaned)

    def summary(self) -> dict:
        return {
            "checked": self.checked,
            "missing": len(self.missing),
            "different": len(self.different),
            "orphaned": len(self.orphaned),
            "repaired": self.repaired,
        }


def reconcile(*, repair: bool = True) -> ReconcileReport:
    store, base = graph_store(), linked_data_base()
    report = ReconcileReport(repaired=repair)
    if repair:
        load_reference_vocabularies(store, base=base)  # replaced whole: cheap and always right
    for model in REGISTRY_MODELS:
        prefix = f"{base}/graph/{model.rdf_mapping.type_slug}/"
        stored = stored_digests(store, prefix)
        for record in live_records(model):  # the rebuild's fast reads: light rows per chunk
            report.checked += 1
            graph = project(record, model.rdf_mapping, base=base)
            name = entity_graph_name(record, base)
            have = stored.pop(name, None)
            if have == graph_digest(graph):
                continue
            (report.missing if have is None else report.different).append(str(name))
            if repair:
                store.replace_graph(name, graph)
        for name in sorted(stored):  # left over: no live entity has this graph
            report.orphaned.append(str(name))
            if repair:
                store.drop_graph(name)
    if report.drift:
        log.warning("reconcile found drift: %s", report.summary())
        if repair:
            notify_graph_changed(report.missing + report.different + report.orphaned)
    return report
