"""Typed SHACL validation results, shared by the pySHACL and the SPARQL validators.

CONVENTIONS.md: validation returns a typed result (conforms, report graph, report text,
parsed results with focus node, path, severity, message), not a bare boolean. Both engines
produce the same :class:`ValidationIssue` objects, which is what makes them comparable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal as TypingLiteral

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from ontology.namespaces import bind_prefixes

__all__ = [
    "Severity",
    "ValidationIssue",
    "ValidationResult",
    "issues_from_report",
    "report_graph",
    "report_text",
    "severity_name",
    "shape_languages",
]

Severity = TypingLiteral["violation", "warning", "info"]
_SEVERITIES: dict[Node, Severity] = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
_SEVERITY_NODES = {name: node for node, name in _SEVERITIES.items()}


def severity_name(node: Node | None) -> Severity:
    """``sh:Violation`` → ``"violation"`` (unknown severities count as violations, per SHACL 2.1.4)."""
    return _SEVERITIES.get(node, "violation") if node is not None else "violation"


@dataclass(frozen=True)
class ValidationIssue:
    """One SHACL validation result, ready to show to an editor.

    ``messages`` maps a language tag (``""`` for untagged) to the text; ``lang`` is the
    language the result is about (the shape's ``sh:languageIn``, its ``-lt``/``-en`` name
    suffix, or the value's tag) so the form can put it on the right field.
    """

    focus_node: Node
    path: Node | None
    severity: Severity
    messages: dict[str, str] = field(hash=False)
    source_shape: Node | None
    value: Node | None = None
    lang: str | None = None
    component: URIRef | None = None

    def message(self, lang: str = "en") -> str:
        """The message in ``lang``, falling back to English, then to any message."""
        for key in (lang, "en", ""):
            if key in self.messages:
                return self.messages[key]
        return next(iter(self.messages.values()), "")

    @property
    def key(self) -> tuple[str, str | None, str | None, str]:
        """(focus, path, source shape, severity): what identifies a result across validators."""
        return (
            str(self.focus_node),
            None if self.path is None else str(self.path),
            None if self.source_shape is None else str(self.source_shape),
            self.severity,
        )


@dataclass(frozen=True)
class ValidationResult:
    """A typed validation report: ``conforms`` = no violation (warnings and infos allowed)."""

    conforms: bool
    results: list[ValidationIssue]
    report_graph: Graph = field(repr=False)
    report_text: str = field(repr=False)

    @property
    def violations(self) -> list[ValidationIssue]:
        return [r for r in self.results if r.severity == "violation"]

    @property
    def warnings(self) -> list[ValidationIssue]:
        return [r for r in self.results if r.severity == "warning"]


def sort_key(issue: ValidationIssue) -> tuple[str, str, str, str, str]:
    focus, path, shape, severity = issue.key
    return (focus, path or "", shape or "", severity, "" if issue.value is None else str(issue.value))


# --- shape languages --------------------------------------------------------------------

_LANG_SUFFIX = re.compile(r"-([a-z]{2})$")


@lru_cache(maxsize=8)
def shape_languages(shapes: Graph) -> dict[Node, str]:
    """Shape → the language it is about.

    Its own (or its qualified value shape's) single ``sh:languageIn``, else the ``-{lang}``
    suffix of its IRI: MODEL.md names shapes ``kqsh:{Entity}-{property}[-{lang}]``, which covers
    the SPARQL-based label rules that have no ``sh:languageIn``.
    """
    found: dict[Node, str] = {}
    for kind in (SH.NodeShape, SH.PropertyShape):
        for shape in shapes.subjects(RDF.type, kind):
            match = _LANG_SUFFIX.search(str(shape)) if isinstance(shape, URIRef) else None
            if match:
                found[shape] = match.group(1)
    for shape, lang_list in shapes.subject_objects(SH.languageIn):
        langs = [str(x) for x in Collection(shapes, lang_list)]
        if len(langs) == 1:
            found[shape] = langs[0].lower()
    for shape, inner in shapes.subject_objects(SH.qualifiedValueShape):
        if inner in found:
            found[shape] = found[inner]
    return found


def issue_lang(shape: Node | None, value: Node | None, shapes: Graph) -> str | None:
    lang = shape_languages(shapes).get(shape) if shape is not None else None
    if lang is None and isinstance(value, Literal) and value.language:
        lang = value.language.lower()
    return lang


# --- SHACL report graphs ----------------------------------------------------------------


def _messages(report: Graph, result: Node, shape: Node | None, shapes: Graph) -> dict[str, str]:
    """The result's messages by language.

    pySHACL 0.40.1 reports one *untagged* message for a SHACL-SPARQL constraint; when that text
    is one of the constraint's ``sh:message`` literals, all of them come back with their tags.
    """
    messages = {m.language or "": str(m) for m in report.objects(result, SH.resultMessage)}
    if shape is None or set(messages) != {""}:
        return messages
    for owner in [*shapes.objects(shape, SH.sparql), shape]:
        tagged = {m.language or "": str(m) for m in shapes.objects(owner, SH.message)}
        if messages[""] in tagged.values():
            return tagged
    return messages


def issues_from_report(report: Graph, shapes: Graph) -> list[ValidationIssue]:
    """Parse a SHACL validation report graph (pySHACL's) into sorted issues."""
    issues = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        value = report.value(result, SH.value)
        shape = report.value(result, SH.sourceShape)
        issues.append(
            ValidationIssue(
                focus_node=report.value(result, SH.focusNode),
                path=report.value(result, SH.resultPath),
                severity=severity_name(report.value(result, SH.resultSeverity)),
                messages=_messages(report, result, shape, shapes),
                source_shape=shape,
                value=value,
                lang=issue_lang(shape, value, shapes),
                component=report.value(result, SH.sourceConstraintComponent),
            )
        )
    issues.sort(key=sort_key)
    return issues


def report_graph(issues: list[ValidationIssue], *, conforms: bool) -> Graph:
    """A SHACL validation report graph (SHACL §3.6) for ``issues``."""
    graph = bind_prefixes(Graph())
    report = BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(conforms)))
    for issue in issues:
        node = BNode()
        graph.add((report, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.focusNode, issue.focus_node))
        graph.add((node, SH.resultSeverity, _SEVERITY_NODES[issue.severity]))
        for predicate, obj in (
            (SH.resultPath, issue.path),
            (SH.sourceShape, issue.source_shape),
            (SH.sourceConstraintComponent, issue.component),
            (SH.value, issue.value),
        ):
            if obj is not None:
                graph.add((node, predicate, obj))
        for lang, text in issue.messages.items():
            graph.add((node, SH.resultMessage, Literal(text, lang=lang or None)))
    return graph


def report_text(issues: list[ValidationIssue], *, conforms: bool) -> str:
    """A plain-text report in the shape of pySHACL's (for logs and test failure messages)."""
    lines = ["Validation Report", f"Conforms: {conforms}", f"Results ({len(issues)}):"]
    for issue in issues:
        component = str(issue.component).rsplit("#", 1)[-1] if issue.component else "?"
        lines.append(f"Constraint {issue.severity.title()} in {component}:")
        lines.append(f"\tSource Shape: {issue.source_shape}")
        lines.append(f"\tFocus Node: {issue.focus_node}")
        if issue.value is not None:
            lines.append(f"\tValue Node: {issue.value.n3()}")
        if issue.path is not None:
            lines.append(f"\tResult Path: {issue.path}")
        for text in issue.messages.values():
            lines.append(f"\tMessage: {text}")
    return "\n".join(lines) + "\n"
