"""Compile SHACL shapes to SPARQL SELECT queries that find the violating focus nodes.

Whole-graph pySHACL costs minutes and gigabytes at 50k qualifications (perf-baselines.md):
it walks an rdflib graph node by node. The same constraints, as one SPARQL query per
(shape, constraint component), run inside Oxigraph over the union of named graphs in
seconds. Each query returns ``?this`` (the focus node) and, for value-level components,
``?value``; SHACL-SPARQL constraints may also bind ``?path``.

Only the SHACL subset our shapes use is compiled (SHACL §2.1.3 targets, §4 core components
listed in :data:`SUPPORTED`, §5 SPARQL-based constraints). Anything else raises
:class:`UnsupportedShapeError` naming the shape and the component: a constraint is never
skipped silently, so "conforms" from the compiled report means what pySHACL's would.
Equivalence with pySHACL is a test (``tests/graph/test_shacl_sparql.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, XSD
from rdflib.term import Node

from graph.results import Severity, severity_name, shape_languages
from graph.stores.terms import nt_term

__all__ = ["SUPPORTED", "CompiledCheck", "UnsupportedShapeError", "compile_shapes", "compiled_checks"]


class UnsupportedShapeError(ValueError):
    """A shape uses a SHACL feature the SPARQL compiler does not implement."""

    def __init__(self, shape: Node, component: str, detail: str = "", *, graph: Graph | None = None) -> None:
        self.shape = shape
        self.component = component
        suffix = f": {detail}" if detail else ""
        super().__init__(
            f"Shape {_describe(graph, shape)} uses unsupported SHACL feature {component}{suffix}"
        )


def _describe(graph: Graph | None, shape: Node) -> str:
    """A shape's IRI, or for a blank-node shape where it sits (its parent shape and path)."""
    if not isinstance(shape, BNode) or graph is None:
        return str(shape)
    parent = next(graph.subjects(SH.property, shape), None) or next(
        graph.subjects(SH.qualifiedValueShape, shape), None
    )
    path = graph.value(shape, SH.path)
    where = f" of {_describe(graph, parent)}" if parent is not None else ""
    on = f" on {path}" if isinstance(path, URIRef) else ""
    return f"[blank node shape{on}{where}]"


@dataclass(frozen=True)
class CompiledCheck:
    """One SPARQL query checking one constraint component of one shape."""

    shape: Node
    component: URIRef
    severity: Severity
    messages: dict[str, str] = field(hash=False)
    path: URIRef | None
    query: str
    lang: str | None = None
    #: node shapes report the focus node as sh:value when the query binds no ?value (SHACL §5.3.2)
    focus_as_value: bool = False
    #: the classes whose instances are the focus nodes; None when other targets are involved
    target_classes: frozenset[URIRef] | None = field(default=None, hash=False)


_IGNORED = {
    SH.name, SH.description, SH.order, SH.group, SH.defaultValue, SH.message, SH.severity,
    SH.deactivated, SH.path, SH.property, SH.targetClass, SH.targetNode, SH.targetSubjectsOf,
    SH.targetObjectsOf, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint,
    SH.declare, SH.prefixes,
}  # fmt: skip
_VALUE_PARAMS = {
    SH["class"], SH.datatype, SH.nodeKind, SH.pattern, SH.flags, SH["in"], SH.languageIn,
    SH.minInclusive, SH.minExclusive, SH.maxInclusive, SH.maxExclusive, SH.minLength, SH.maxLength,
}  # fmt: skip
_FOCUS_PARAMS = {SH.minCount, SH.maxCount, SH.hasValue, SH.uniqueLang, SH.qualifiedValueShape, SH.sparql}
#: Constraint parameters the compiler implements.
SUPPORTED: frozenset[URIRef] = frozenset(_VALUE_PARAMS | _FOCUS_PARAMS)

_COMPONENT = {
    SH["class"]: SH.ClassConstraintComponent, SH.datatype: SH.DatatypeConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent, SH.pattern: SH.PatternConstraintComponent,
    SH["in"]: SH.InConstraintComponent, SH.languageIn: SH.LanguageInConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent, SH.minExclusive: SH.MinExclusiveConstraintComponent,
    SH.maxInclusive: SH.MaxInclusiveConstraintComponent, SH.maxExclusive: SH.MaxExclusiveConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent, SH.maxLength: SH.MaxLengthConstraintComponent,
    SH.minCount: SH.MinCountConstraintComponent, SH.maxCount: SH.MaxCountConstraintComponent,
    SH.hasValue: SH.HasValueConstraintComponent, SH.uniqueLang: SH.UniqueLangConstraintComponent,
    SH.sparql: SH.SPARQLConstraintComponent,
}  # fmt: skip
_NODE_KINDS = {
    SH.IRI: "isIRI(?value)",
    SH.BlankNode: "isBlank(?value)",
    SH.Literal: "isLiteral(?value)",
    SH.BlankNodeOrIRI: "(isBlank(?value) || isIRI(?value))",
    SH.BlankNodeOrLiteral: "(isBlank(?value) || isLiteral(?value))",
    SH.IRIOrLiteral: "(isIRI(?value) || isLiteral(?value))",
}
_RANGES = {SH.minInclusive: ">=", SH.minExclusive: ">", SH.maxInclusive: "<=", SH.maxExclusive: "<"}
#: XSD datatypes whose lexical form Oxigraph can check by casting (ill-typed literals violate sh:datatype).
_CASTABLE = {
    XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.boolean, XSD.date, XSD.dateTime, XSD.time,
    XSD.duration, XSD.gYear, XSD.gYearMonth,
}  # fmt: skip
_TYPE_PATH = f"{nt_term(RDF.type)}/{nt_term(RDFS.subClassOf)}*"


def _t(node: Node) -> str:
    return nt_term(node)


def _bool(value: Node | None) -> bool:
    return isinstance(value, Literal) and value.toPython() is True


def _messages(graph: Graph, node: Node) -> dict[str, str]:
    return {m.language or "": str(m) for m in graph.objects(node, SH.message)}


# --- per-component SPARQL -----------------------------------------------------------------


def _violates(sg: Graph, shape: Node, param: URIRef, arg: Node) -> str:
    """A SPARQL expression over ?value that is true when ``?value`` violates the component."""
    if param == SH["class"]:
        return f"NOT EXISTS {{ ?value {_TYPE_PATH} {_t(arg)} }}"
    if param == SH.datatype:
        ok = f"(isLiteral(?value) && datatype(?value) = {_t(arg)})"
        if arg in _CASTABLE:
            ok = f"({ok} && COALESCE(sameTerm({_t(arg)}(STR(?value)), {_t(arg)}(STR(?value))), false))"
        return f"!COALESCE({ok}, false)"
    if param == SH.nodeKind:
        if arg not in _NODE_KINDS:
            raise UnsupportedShapeError(shape, "sh:nodeKind", f"unknown kind {arg}", graph=sg)
        return f"!{_NODE_KINDS[arg]}"
    if param == SH.pattern:
        flags = sg.value(shape, SH.flags)
        flag_arg = f", {_t(Literal(str(flags)))}" if flags is not None else ""
        return f"(isBlank(?value) || !COALESCE(REGEX(STR(?value), {_t(Literal(str(arg)))}{flag_arg}), false))"
    if param == SH["in"]:
        members = list(Collection(sg, arg))
        alternatives = " || ".join(f"sameTerm(?value, {_t(m)})" for m in members) or "false"
        return f"!({alternatives})"
    if param == SH.languageIn:
        langs = [str(x) for x in Collection(sg, arg)]
        alternatives = (
            " || ".join(f"langMatches(lang(?value), {_t(Literal(lang))})" for lang in langs) or "false"
        )
        return f"!COALESCE(isLiteral(?value) && ({alternatives}), false)"
    if param in _RANGES:
        return f"!COALESCE(?value {_RANGES[param]} {_t(arg)}, false)"
    if param in (SH.minLength, SH.maxLength):
        op = ">=" if param == SH.minLength else "<="
        return f"(isBlank(?value) || !COALESCE(STRLEN(STR(?value)) {op} {int(arg)}, false))"
    raise UnsupportedShapeError(shape, str(param), graph=sg)  # pragma: no cover - guarded by callers


def _value_params(sg: Graph, shape: Node) -> list[tuple[URIRef, Node]]:
    return [(p, o) for p, o in sg.predicate_objects(shape) if p in _VALUE_PARAMS and p != SH.flags]


def _inner_conforms(sg: Graph, outer: Node, inner: Node) -> str:
    """A SPARQL expression true when ?value conforms to the (value-level only) shape ``inner``."""
    parts: list[str] = []
    for p, o in sg.predicate_objects(inner):
        if p in (RDF.type, SH.message, SH.name, SH.description, SH.flags) or not str(p).startswith(str(SH)):
            continue
        if p in _VALUE_PARAMS:
            parts.append(f"!({_violates(sg, inner, p, o)})")
        elif p == SH.hasValue:
            parts.append(f"sameTerm(?value, {_t(o)})")
        else:
            raise UnsupportedShapeError(outer, f"sh:qualifiedValueShape with {sg.qname(p)}", graph=sg)
    return " && ".join(parts) or "true"


# --- shapes ---------------------------------------------------------------------------------


def _targets(sg: Graph, shape: Node) -> list[str]:
    patterns = [f"{{ ?this {_TYPE_PATH} {_t(c)} }}" for c in sg.objects(shape, SH.targetClass)]
    if (shape, RDF.type, RDFS.Class) in sg or (shape, RDF.type, URIRef(str(RDF) + "Class")) in sg:
        patterns.append(f"{{ ?this {_TYPE_PATH} {_t(shape)} }}")
    patterns += [f"{{ VALUES ?this {{ {_t(n)} }} }}" for n in sg.objects(shape, SH.targetNode)]
    patterns += [f"{{ ?this {_t(p)} [] }}" for p in sg.objects(shape, SH.targetSubjectsOf)]
    patterns += [f"{{ [] {_t(p)} ?this }}" for p in sg.objects(shape, SH.targetObjectsOf)]
    return patterns


def _target_block(patterns: list[str]) -> str:
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(patterns) + " } }"


@dataclass
class _Shape:
    node: Node
    path: URIRef | None
    severity: Severity
    messages: dict[str, str]
    lang: str | None


def _check_params(sg: Graph, shape: Node, *, is_property: bool) -> None:
    for p in set(sg.predicates(shape)):
        if not str(p).startswith(str(SH)) or p in _IGNORED or p in SUPPORTED:
            continue
        raise UnsupportedShapeError(shape, sg.qname(p), graph=sg)
    if not is_property:
        for p in (SH.minCount, SH.maxCount, SH.uniqueLang, SH.qualifiedValueShape):
            if (shape, p, None) in sg:
                raise UnsupportedShapeError(shape, sg.qname(p), "only supported on property shapes", graph=sg)


def _compile_shape(
    sg: Graph, s: _Shape, target: str, classes: frozenset[URIRef] | None
) -> list[CompiledCheck]:
    checks: list[CompiledCheck] = []
    values = (
        f"{target} ?this {_t(s.path)} ?value ." if s.path is not None else f"{target} BIND(?this AS ?value)"
    )

    def add(component: URIRef, body: str, select: str = "?this ?value", tail: str = "") -> None:
        query = f"SELECT DISTINCT {select} WHERE {{ {body} }} {tail}".rstrip()
        checks.append(
            CompiledCheck(
                s.node, component, s.severity, s.messages, s.path, query, s.lang, s.path is None, classes
            )
        )

    for param, arg in _value_params(sg, s.node):
        add(_COMPONENT[param], f"{values} FILTER({_violates(sg, s.node, param, arg)})")
    if s.path is not None:
        _compile_counts(sg, s, target, add)
    for arg in sg.objects(s.node, SH.hasValue):
        if s.path is None:
            add(SH.HasValueConstraintComponent, f"{target} FILTER(!sameTerm(?this, {_t(arg)}))", "?this")
        else:
            add(
                SH.HasValueConstraintComponent,
                f"{target} FILTER NOT EXISTS {{ ?this {_t(s.path)} {_t(arg)} }}",
                "?this",
            )
    for constraint in sg.objects(s.node, SH.sparql):
        if _bool(sg.value(constraint, SH.deactivated)):
            continue
        query = _sparql_constraint(sg, s, constraint, target)
        msgs = _messages(sg, constraint) or s.messages
        checks.append(
            CompiledCheck(
                s.node,
                SH.SPARQLConstraintComponent,
                s.severity,
                msgs,
                s.path,
                query,
                s.lang,
                s.path is None,
                classes,
            )
        )
    return checks


def _compile_counts(sg: Graph, s: _Shape, target: str, add: Callable[..., None]) -> None:
    p = _t(s.path)
    for arg in sg.objects(s.node, SH.minCount):
        n = int(arg)
        if n == 1:
            add(SH.MinCountConstraintComponent, f"{target} FILTER NOT EXISTS {{ ?this {p} ?v }}", "?this")
        elif n > 1:
            body = f"{target} OPTIONAL {{ ?this {p} ?v }}"
            add(
                SH.MinCountConstraintComponent,
                body,
                "?this",
                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {n})",
            )
    for arg in sg.objects(s.node, SH.maxCount):
        body = f"{target} ?this {p} ?v ."
        add(
            SH.MaxCountConstraintComponent,
            body,
            "?this",
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {int(arg)})",
        )
    for arg in sg.objects(s.node, SH.uniqueLang):
        if _bool(arg):
            body = (f"{target} ?this {p} ?a . ?this {p} ?b . FILTER(!sameTerm(?a, ?b) && lang(?a) != \"\" "
                    f"&& LCASE(lang(?a)) = LCASE(lang(?b))) BIND(LCASE(lang(?a)) AS ?lang)")  # fmt: skip
            add(SH.UniqueLangConstraintComponent, body, "?this ?lang")
    for inner in sg.objects(s.node, SH.qualifiedValueShape):
        if _bool(sg.value(s.node, SH.qualifiedValueShapesDisjoint)):
            raise UnsupportedShapeError(s.node, "sh:qualifiedValueShapesDisjoint", graph=sg)
        ok = _inner_conforms(sg, s.node, inner)
        for arg in sg.objects(s.node, SH.qualifiedMinCount):
            n = int(arg)
            if n == 1:
                body = f"{target} FILTER NOT EXISTS {{ ?this {p} ?value . FILTER({ok}) }}"
                add(SH.QualifiedMinCountConstraintComponent, body, "?this")
            elif n > 1:
                body = f"{target} OPTIONAL {{ ?this {p} ?value FILTER({ok}) }}"
                tail = f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {n})"
                add(SH.QualifiedMinCountConstraintComponent, body, "?this", tail)
        for arg in sg.objects(s.node, SH.qualifiedMaxCount):
            body = f"{target} ?this {p} ?value FILTER({ok})"
            tail = f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {int(arg)})"
            add(SH.QualifiedMaxCountConstraintComponent, body, "?this", tail)


# --- SHACL-SPARQL constraints (SHACL §5) -----------------------------------------------------

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


def _sparql_constraint(sg: Graph, s: _Shape, constraint: Node, target: str) -> str:
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
        text = _PATH_VAR.sub(_t(s.path), text)
    text = _THIS.sub("?this", text)
    # Pre-binding $this (SHACL §5.3.1) = joining the WHERE group with the focus nodes first.
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


# --- entry point ----------------------------------------------------------------------------


def compile_shapes(shapes: Graph) -> list[CompiledCheck]:
    """Compile every active, targeted shape (and its property shapes) to SPARQL checks."""
    langs = shape_languages(shapes)
    checks: list[CompiledCheck] = []
    roots = {
        s
        for p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
        for s in shapes.subjects(p, None)
    }
    roots |= {s for s in shapes.subjects(RDF.type, SH.NodeShape) if (s, RDF.type, RDFS.Class) in shapes}
    for root in sorted(roots, key=str):
        if _bool(shapes.value(root, SH.deactivated)):
            continue
        target = _target_block(_targets(shapes, root))
        classes = _target_classes(shapes, root)
        for node in [root, *sorted(shapes.objects(root, SH.property), key=str)]:
            if node != root and _bool(shapes.value(node, SH.deactivated)):
                continue
            checks.extend(_compile_node(shapes, node, target, classes, langs))
    return checks


_compiled: dict[int, tuple[Graph, list[CompiledCheck]]] = {}


def compiled_checks(shapes: Graph) -> list[CompiledCheck]:
    """:func:`compile_shapes`, once per process and shapes graph (shapes are read-only data)."""
    entry = _compiled.get(id(shapes))
    if entry is None or entry[0] is not shapes:
        entry = (shapes, compile_shapes(shapes))
        _compiled[id(shapes)] = entry
    return entry[1]


def _target_classes(sg: Graph, shape: Node) -> frozenset[URIRef] | None:
    if any((shape, p, None) in sg for p in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)):
        return None
    classes = set(sg.objects(shape, SH.targetClass))
    if (shape, RDF.type, RDFS.Class) in sg:
        classes.add(shape)
    return frozenset(c for c in classes if isinstance(c, URIRef))


def _compile_node(
    sg: Graph, node: Node, target: str, classes: frozenset[URIRef] | None, langs: dict[Node, str]
) -> list[CompiledCheck]:
    path = sg.value(node, SH.path)
    if path is not None and not isinstance(path, URIRef):
        raise UnsupportedShapeError(node, "sh:path", "only a single predicate IRI is supported", graph=sg)
    is_property = path is not None
    _check_params(sg, node, is_property=is_property)
    if is_property and (node, SH.property, None) in sg:
        raise UnsupportedShapeError(node, "sh:property", "nested property shapes", graph=sg)
    s = _Shape(node, path, severity_name(sg.value(node, SH.severity)), _messages(sg, node), langs.get(node))
    return _compile_shape(sg, s, target, classes)
