"""The full validation report over the whole store, from SHACL shapes compiled to SPARQL.

Whole-store pySHACL needs the graph in rdflib memory and minutes per 10k entities
(perf-baselines.md); here each compiled check (:mod:`graph.shacl_sparql`) is one SPARQL
query the store runs over the union of its graphs. Counts are exact; the list of results
is capped so a badly broken import cannot exhaust memory.
"""

from __future__ import annotations

import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef

from graph.results import ValidationIssue
from graph.shacl_sparql import CompiledCheck, compiled_checks
from graph.stores.base import GraphStore
from ontology.loader import shapes_graph

__all__ = ["FullReport", "ProgressCallback", "check_issues", "validate_store"]

#: Called after each check: (checks done, checks in total, shape IRI of the check just run).
ProgressCallback = Callable[[int, int, str], None]


@dataclass
class FullReport:
    """The store-wide report.

    ``counts``: shape IRI → severity → number of results (exact). ``focus_counts``: severity →
    number of distinct focus nodes with at least one result of that severity (exact).
    ``results`` holds at most ``max_results`` issues, in check order (``truncated`` says so).
    """

    conforms: bool
    total_results: int
    counts: dict[str, dict[str, int]]
    results: list[ValidationIssue]
    focus_counts: dict[str, int]
    duration: float
    checks: int
    truncated: bool = False
    timings: dict[str, float] = field(default_factory=dict, repr=False)


_TEMPLATE = re.compile(r"\{[$?]([A-Za-z_][A-Za-z0-9_]*)\}")


def _fill(messages: dict[str, str], row: dict) -> dict[str, str]:
    """Substitute ``{?var}``/``{$var}`` in SHACL-SPARQL messages (SHACL §5.3.2)."""
    if not any("{" in m for m in messages.values()):
        return messages
    return {k: _TEMPLATE.sub(lambda m: str(row.get(m.group(1), m.group(0))), v) for k, v in messages.items()}


def check_rows(store: GraphStore, check: CompiledCheck) -> list[dict]:
    """The distinct solutions of one check (pySHACL reports one result per distinct solution)."""
    rows, seen = [], set()
    for row in store.select(check.query):
        key = tuple(sorted((k, str(v)) for k, v in row.items()))
        if "this" in row and key not in seen:
            seen.add(key)
            rows.append(row)
    return rows


def check_issues(store: GraphStore, check: CompiledCheck) -> list[ValidationIssue]:
    """Run one compiled check and type its results."""
    return [_issue(check, row) for row in check_rows(store, check)]


def _issue(check: CompiledCheck, row: dict) -> ValidationIssue:
    focus = row["this"]
    value = row.get("value")
    if value is None and check.focus_as_value and check.component.endswith("SPARQLConstraintComponent"):
        value = focus
    lang = check.lang
    if lang is None and isinstance(value, Literal) and value.language:
        lang = value.language.lower()
    path = row.get("path", check.path)
    return ValidationIssue(
        focus_node=focus,
        path=path if isinstance(path, URIRef) else check.path,
        severity=check.severity,
        messages=_fill(check.messages, row),
        source_shape=check.shape,
        value=value,
        lang=lang,
        component=check.component_of(row),
    )


def validate_store(
    store: GraphStore,
    *,
    shapes: Graph | None = None,
    progress: ProgressCallback | None = None,
    max_results: int = 1000,
) -> FullReport:
    """Run every compiled SHACL check over the store's union graph (the offline full report)."""
    started = time.perf_counter()
    shapes = shapes if shapes is not None else shapes_graph()
    checks = compiled_checks(shapes)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    focus: dict[str, set[str]] = defaultdict(set)
    results: list[ValidationIssue] = []
    timings: dict[str, float] = {}
    total = 0
    for done, check in enumerate(checks, 1):
        t0 = time.perf_counter()
        for row in check_rows(store, check):
            total += 1
            counts[str(check.shape)][check.severity] += 1
            focus[check.severity].add(str(row["this"]))
            if len(results) < max_results:
                results.append(_issue(check, row))
        label = (
            f"{check.shape} {'+'.join(c.rsplit('#', 1)[-1] for c in check.components or (check.component,))}"
        )
        timings[label] = timings.get(label, 0.0) + time.perf_counter() - t0
        if progress is not None:
            progress(done, len(checks), str(check.shape))
    return FullReport(
        conforms="violation" not in focus,
        total_results=total,
        counts={shape: dict(c) for shape, c in sorted(counts.items())},
        results=results,
        focus_counts={severity: len(nodes) for severity, nodes in sorted(focus.items())},
        duration=time.perf_counter() - started,
        checks=len(checks),
        truncated=total > len(results),
        timings=timings,
    )
