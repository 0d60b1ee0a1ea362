"""Run the shapes the way the publish gate does and read the results (focus, path, severity)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ontology.loader import shapes_graph
from ontology.namespaces import KQSH, RDF, SH
from tests.ontology import builders


@dataclass(frozen=True)
class Result:
    focus: Node
    path: Node | None
    severity: Node
    shape: Node
    value: Node | None
    messages: dict[str, str]


@dataclass(frozen=True)
class Case:
    """One failing example: alter the default entity graph, expect a result from ``shape``."""

    shape: str  # local name in kqsh:, e.g. "Qualification-title-lt"
    mutate: Callable[[Graph], object]
    focus: URIRef
    path: URIRef
    severity: URIRef = SH.Violation
    label: str = ""
    extra: tuple[Graph, ...] = field(default=())  # graphs added to the store view (rarely needed)

    @property
    def id(self) -> str:
        return f"{self.shape}{'-' + self.label if self.label else ''}"


def parse_results(report: Graph) -> list[Result]:
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(node, SH.sourceShape)
        results.append(
            Result(
                focus=report.value(node, SH.focusNode),
                path=report.value(node, SH.resultPath),
                severity=report.value(node, SH.resultSeverity),
                shape=shape,
                value=report.value(node, SH.value),
                messages=shape_messages(shape, report.value(node, SH.sourceConstraint)),
            )
        )
    return results


def shape_messages(shape: Node, constraint: Node | None) -> dict[str, str]:
    """Messages by language, read from the shapes graph.

    pySHACL copies SPARQL-constraint messages into the report without their language tags,
    so the language-tagged originals are looked up on the source shape / source constraint.
    """
    shapes = shapes_graph()
    messages: dict[str, str] = {}
    for node in (shape, constraint):
        if node is None:
            continue
        for message in shapes.objects(node, SH.message):
            if isinstance(message, Literal) and message.language:
                messages[message.language] = str(message)
    return messages


def validate_graph(data: Graph) -> list[Result]:
    _conforms, report, _text = validate(data, shacl_graph=shapes_graph(), inference="none", advanced=True)
    return parse_results(report)


def validate_entity(entity: Graph, *extra: Graph) -> list[Result]:
    """Validate one entity graph as the gate does: its one-hop view of the store, keeping only
    results about the entity's own nodes (referenced entities are validated when they publish,
    and their own references are not in this view).

    pySHACL's ``focus_nodes`` option is not used: it also filters the value nodes of nested
    shapes, so sh:qualifiedValueShape (the language-qualified labels) would always pass.
    """
    data = builders.gate_graph(entity)
    for graph in extra:
        data += graph
    own = builders.own_nodes(entity)
    return [r for r in validate_graph(data) if r.focus in own]


def shape_iri(local: str) -> URIRef:
    return KQSH[local]


def run_case(build: Callable[[], Graph], case: Case) -> list[Result]:
    graph = build()
    case.mutate(graph)
    return validate_entity(graph, *case.extra)


def assert_case(results: list[Result], case: Case) -> None:
    """The case's shape reported the case's focus node, path and severity, with LT+EN messages."""
    shape = shape_iri(case.shape)
    matching = [r for r in results if r.shape == shape]
    assert matching, f"no result from {case.shape}; got {[(str(r.shape), str(r.focus)) for r in results]}"
    hit = [r for r in matching if r.focus == case.focus and r.path == case.path]
    assert hit, (
        f"{case.shape} reported {[(str(r.focus), str(r.path)) for r in matching]}, expected {case.focus} {case.path}"
    )
    assert all(r.severity == case.severity for r in hit), f"severity {hit[0].severity} != {case.severity}"
    assert {"lt", "en"} <= set(hit[0].messages), hit[0].messages


def shapes_reported(results: list[Result]) -> set[str]:
    return {str(r.shape).removeprefix(str(KQSH)) for r in results}
