"""SHACL-SPARQL constraints (SHACL §5): the shape's own SELECT, pre-bound to the focus nodes."""

from __future__ import annotations

import re

from rdflib import Graph
from rdflib.namespace import SH
from rdflib.term import Node

from graph.shacl_sparql.model import ShapeInfo, UnsupportedShapeError, t

__all__ = ["constraint_query"]

_THIS = re.compile(r"[$?]this\b")
_BAD_VARS = re.compile(r"\$(currentShape|shapesGraph|value)\b")
_PATH_VAR = re.compile(r"\$PATH\b")
_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\s]*>|#[^\n]*|[{]|[^"\'<#{]+|.',
    re.S,
)


def _prefixes(sg: Graph, constraint: Node) -> str:
    lines = []
    for ontology in sg.objects(constraint, SH.prefixes):
        for decl in sg.objects(ontology, SH.declare):
            lines.append(f"PREFIX {sg.value(decl, SH.prefix)}: <{sg.value(decl, SH.namespace)}>")
    return "\n".join(sorted(set(lines)))


_AGGREGATE = re.compile(r"(?i)\bGROUP\s+BY\b|\b(COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT)\s*\(")


def constraint_query(sg: Graph, s: ShapeInfo, constraint: Node, targets: tuple[str, str]) -> str:
    select = sg.value(constraint, SH.select)
    if select is None:
        raise UnsupportedShapeError(s.node, "sh:sparql without sh:select", graph=sg)
    text = str(select)
    bad = _BAD_VARS.search(text)
    if bad:
        raise UnsupportedShapeError(s.node, f"sh:sparql with pre-bound ${bad.group(1)}", graph=sg)
    if _PATH_VAR.search(text):
        if s.path is None:
            raise UnsupportedShapeError(s.node, "sh:sparql with $PATH on a node shape", graph=sg)
        text = _PATH_VAR.sub(t(s.path), text)
    text = _THIS.sub("?this", text)
    # Pre-binding $this (SHACL §5.3.1) = joining the WHERE group with the focus nodes first;
    # each focus node once where aggregates would count it twice, else inline (much faster).
    target = targets[1] if _AGGREGATE.search(text) else targets[0]
    brace, projection = _where_brace(text)
    if brace < 0:
        raise UnsupportedShapeError(s.node, "sh:sparql", "no WHERE clause found", graph=sg)
    if "?this" not in projection and "*" not in projection:
        if re.search(r"\bGROUP\s+BY\b", text[brace:], re.I):
            raise UnsupportedShapeError(
                s.node, "sh:sparql", "aggregate query that does not project $this", graph=sg
            )
        text = re.sub(
            r"(?i)\bSELECT\b(\s+(DISTINCT|REDUCED)\b)?", lambda m: m.group(0) + " ?this", text, count=1
        )
        brace, _ = _where_brace(text)
    return f"{_prefixes(sg, constraint)}\n{text[: brace + 1]} {target} {text[brace + 1 :]}"


def _where_brace(text: str) -> tuple[int, str]:
    """Index of the ``{`` opening the WHERE group, and the text of the projection before it."""
    pos = 0
    select_at = -1
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if select_at < 0 and re.search(r"(?i)\bSELECT\b", token):
            select_at = match.start() + re.search(r"(?i)\bSELECT\b", token).start()  # type: ignore[union-attr]
        if token == "{" and select_at >= 0:
            return match.start(), text[select_at : match.start()]
        pos = match.end()
    return -1, text[:pos]
