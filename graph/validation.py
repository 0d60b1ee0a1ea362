"""The publish gate: validate one entity's subgraph against the SHACL shapes.

ARCHITECTURE.md decision 2 / perf-baselines.md: validating the whole store costs minutes,
validating one entity's subgraph costs milliseconds whatever the store size. The validation
graph (MODEL.md, "Validation graph for one entity") is the entity graph plus every triple
whose subject is a node the entity references, so ``sh:class`` on a referenced node is the
referential-integrity check ("… is not published").

Two engines give the same results (a test holds them to it):

- ``"pyshacl"``: pySHACL, no inference, SHACL-AF on; the reference implementation.
- ``"sparql"``: the shapes compiled to SPARQL (:mod:`graph.shacl_sparql`) and run by an
  in-memory Oxigraph holding just the validation graph: 4–10× faster on our shapes, whose
  SHACL-SPARQL rules on every ``skos:Concept`` cost pySHACL one rdflib query per concept.

:func:`validate_entity` uses ``"auto"``: the SPARQL engine when every shape compiles, else
pySHACL (a shape with a component the compiler lacks still gets checked, just slower).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal as TypingLiteral

import pyoxigraph as ox
from pyshacl.graph_abstraction import DataGraph
from pyshacl.monkey import apply_patches
from pyshacl.shapes_graph import ShapesGraph
from pyshacl.validator import Validator, assign_baked_in
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from graph.report import check_issues
from graph.results import (
    Severity,
    ValidationIssue,
    ValidationResult,
    issues_from_report,
    report_graph,
    report_text,
    severity_name,
    shape_languages,
    sort_key,
)
from graph.shacl_sparql import UnsupportedShapeError, compiled_checks
from graph.stores.base import GraphStore
from graph.stores.oxigraph import OxigraphStore, to_ox
from ontology.loader import shapes_graph
from ontology.namespaces import bind_prefixes

__all__ = [
    "Engine",
    "Severity",
    "ValidationIssue",
    "ValidationResult",
    "entity_focus_nodes",
    "severity_name",
    "shape_languages",
    "validate",
    "validate_entity",
    "validation_graph",
]

_log = logging.getLogger(__name__)
Engine = TypingLiteral["pyshacl", "sparql", "auto"]


# --- the validation graph ---------------------------------------------------------------


def entity_focus_nodes(entity_graph: Graph) -> set[URIRef]:
    """The nodes an entity graph describes (the entity, its sub-nodes and embedded nodes)."""
    return {s for s in entity_graph.subjects() if isinstance(s, URIRef)}


def validation_graph(entity_graph: Graph, *, entity_uri: URIRef, store: GraphStore) -> Graph:
    """Entity graph + the store's triples about every node it references (MODEL.md).

    Referenced = IRI objects that are neither described by the entity graph itself (the
    entity, its ``{entity}/…`` sub-nodes, an embedded node) nor sub-nodes of it: those come
    from the new version only, never from the published one. One hop only, plus the class
    hierarchy of the referenced nodes' types, because ``sh:class`` follows ``rdfs:subClassOf``.
    """
    own = entity_focus_nodes(entity_graph)
    prefix = str(entity_uri) + "/"
    referenced = {
        o
        for o in entity_graph.objects()
        if isinstance(o, URIRef) and o != entity_uri and o not in own and not str(o).startswith(prefix)
    }
    graph = bind_prefixes(Graph())
    graph += entity_graph
    seen = set(referenced) | own
    hop = store.subjects_graph(referenced) if referenced else Graph()
    graph += hop
    frontier = {o for p in (RDF.type, RDFS.subClassOf) for o in hop.objects(None, p) if isinstance(o, URIRef)}
    frontier -= seen
    while frontier:  # class hierarchy only: a few small look-ups
        seen |= frontier
        classes = store.subjects_graph(frontier)
        graph += classes
        frontier = {o for o in classes.objects(None, RDFS.subClassOf) if isinstance(o, URIRef)} - seen
    return graph


# --- pySHACL engine ---------------------------------------------------------------------


class _QueryCachingGraph(Graph):
    """A data graph that parses each SPARQL text once per process.

    pySHACL evaluates ``sh:sparql`` constraints by query text, once per focus node; rdflib's
    pyparsing parser takes ≈ 20 ms per parse, which alone was ≈ 70 % of a gate run.
    """

    def query(self, query_object, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        if isinstance(query_object, str):
            query_object = _prepared_query(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=1024)
def _prepared_query(text: str) -> Query:
    return prepareQuery(text)


_local = threading.local()


def _shapes_for_thread(shapes: Graph) -> ShapesGraph:
    """pySHACL's parsed shapes, built once per thread and shapes graph (they hold run state)."""
    cache: dict[int, tuple[Graph, ShapesGraph]] = _local.__dict__.setdefault("shapes", {})
    entry = cache.get(id(shapes))
    if entry is None or entry[0] is not shapes:
        entry = (shapes, ShapesGraph(shapes, False, _log))
        cache[id(shapes)] = entry
    return entry[1]


def _pyshacl_issues(data_graph: Graph, shapes: Graph) -> tuple[list[ValidationIssue], Graph, str]:
    """Run pySHACL on a copy of ``data_graph``.

    pySHACL's own ``focus_nodes`` option is not used: in pySHACL 0.40.1 it also filters the
    nested evaluations of ``sh:qualifiedValueShape`` (whose focus nodes are literals), so a
    missing Lithuanian title would pass. Callers filter the results instead.
    """
    apply_patches()
    assign_baked_in()
    data = _QueryCachingGraph()
    data += data_graph
    options = {
        "inference": "none",
        "advanced": True,
        "inplace": True,
        "allow_warnings": True,
        "allow_infos": True,
        "logger": _log,
    }
    validator = Validator(DataGraph.from_rdflib(data), shacl_graph=shapes, options=options)
    validator.shacl_graph = _shapes_for_thread(shapes)  # reuse parsed shapes (≈ 5 ms per run)
    _, graph, text = validator.run()
    return issues_from_report(graph, shapes), graph, text


# --- SPARQL engine ----------------------------------------------------------------------


def _classes_of(data: Graph, nodes: set[URIRef]) -> set[URIRef]:
    """Types of ``nodes`` and all their superclasses in ``data``."""
    found = {t for n in nodes for t in data.objects(n, RDF.type) if isinstance(t, URIRef)}
    frontier = set(found)
    while frontier:
        frontier = {
            s for c in frontier for s in data.objects(c, RDFS.subClassOf) if isinstance(s, URIRef)
        } - found
        found |= frontier
    return found


def _sparql_issues(data_graph: Graph, shapes: Graph, focus: set[URIRef] | None) -> list[ValidationIssue]:
    checks = compiled_checks(shapes)
    if focus is not None:  # skip checks that cannot target any of the nodes we keep
        classes = _classes_of(data_graph, focus)
        checks = [c for c in checks if c.target_classes is None or c.target_classes & classes]
    store = OxigraphStore()
    graph = ox.NamedNode("urn:x-kpmpc:validation")
    store.oxigraph.extend([ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph) for s, p, o in data_graph])
    issues = [issue for check in checks for issue in check_issues(store, check)]
    issues.sort(key=sort_key)
    return issues


# --- entry points -----------------------------------------------------------------------


def validate(
    data_graph: Graph,
    *,
    shapes: Graph | None = None,
    focus_nodes: Iterable[URIRef] | None = None,
    engine: Engine = "pyshacl",
) -> ValidationResult:
    """Validate ``data_graph`` against ``shapes`` (default: the project shapes).

    ``focus_nodes`` keeps only the results about those nodes: the gate passes the entity's own
    nodes, since referenced entities are in the graph for their types and values, not to be
    judged. ``data_graph`` is never modified.
    """
    shapes = shapes if shapes is not None else shapes_graph()
    focus = set(focus_nodes) if focus_nodes is not None else None
    if engine == "auto":
        try:
            compiled_checks(shapes)
            engine = "sparql"
        except UnsupportedShapeError as exc:
            _log.warning("Validating with pySHACL: %s", exc)
            engine = "pyshacl"
    if engine == "pyshacl":
        issues, graph, text = _pyshacl_issues(data_graph, shapes)
    elif engine == "sparql":
        issues, graph, text = _sparql_issues(data_graph, shapes, focus), None, None
    else:
        raise ValueError(f"Unknown validation engine {engine!r}; use 'pyshacl', 'sparql' or 'auto'")
    if focus is not None:
        issues = [i for i in issues if i.focus_node in focus]
    conforms = not any(i.severity == "violation" for i in issues)
    if graph is None or focus is not None:  # the report must say what the result says
        graph = report_graph(issues, conforms=conforms)
        text = report_text(issues, conforms=conforms)
    return ValidationResult(conforms, issues, graph, text)


def validate_entity(
    entity_graph: Graph, *, entity_uri: URIRef, store: GraphStore, engine: Engine = "auto"
) -> ValidationResult:
    """The publish gate: validate the entity's own nodes in its validation graph."""
    data = validation_graph(entity_graph, entity_uri=entity_uri, store=store)
    return validate(data, focus_nodes=entity_focus_nodes(entity_graph), engine=engine)
