"""The SPARQL-compiled full report must find exactly what pySHACL finds (same union graph)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from graph.report import validate_store
from graph.results import issues_from_report
from graph.shacl_sparql import UnsupportedShapeError, compile_shapes
from graph.stores.oxigraph import OxigraphStore
from graph.uris import vocab_graph_name
from graph.validation import validate
from graph.vocabularies import load_reference_vocabularies
from ontology.loader import shapes_graph
from ontology.namespaces import ELM, EQF, KQ
from tests.graph import records
from tests.graph.records import BASE, graph_of

DATA = Path(__file__).parent / "data"


def keys(issues) -> Counter:
    """(focus, path, source shape, severity, value) with blank nodes made comparable."""
    out = Counter()
    for i in issues:
        focus, path, shape, severity = i.key
        shape = "_:shape" if isinstance(i.source_shape, BNode) else shape
        value = "_:value" if isinstance(i.value, BNode) else (None if i.value is None else str(i.value))
        out[(focus, path, shape, severity, value)] += 1
    return out


def assert_equivalent(compiled, expected) -> None:
    a, b = keys(compiled), keys(expected)
    assert a == b, f"only compiled: {sorted((a - b).items())}\nonly pySHACL: {sorted((b - a).items())}"


def real_store(*record_sets) -> OxigraphStore:
    """Vocabularies (ISCED-F trimmed to the fields used, to keep pySHACL fast) + entity graphs."""
    store = OxigraphStore()
    load_reference_vocabularies(store, base=BASE)
    store.load_graphs(records.sector_graphs(BASE))
    name = vocab_graph_name(BASE, "isced-f")
    isced = store.get_graph(name)
    trimmed = Graph()
    for t in isced:
        if str(t[0]).rsplit("/", 1)[-1] in {"07", "073", "0732", "25831c2"}:
            trimmed.add(t)
    store.replace_graph(name, trimmed)
    for recs in record_sets:
        store.load_graphs((records.entity_graph_name(r, BASE), graph_of(r)) for r in recs)
    return store


def union_of(store: OxigraphStore) -> Graph:
    return store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")


def test_fixture_components_match_pyshacl():
    shapes = Graph().parse(DATA / "shapes_components.ttl")
    ds = Dataset()
    ds.parse(DATA / "data_components.trig", format="trig")
    store = OxigraphStore()
    store.load_graphs((g.identifier, g) for g in ds.graphs() if len(g))
    report = validate_store(store, shapes=shapes, max_results=10_000)
    _, report_graph, _ = pyshacl_validate(
        union_of(store), shacl_graph=shapes, inference="none", advanced=True
    )
    expected = issues_from_report(report_graph, shapes)
    assert_equivalent(report.results, expected)
    # the fixture really exercises every component it names
    components = {str(i.component).rsplit("#", 1)[-1] for i in report.results}
    assert {
        "MinCountConstraintComponent",
        "PatternConstraintComponent",
        "MinLengthConstraintComponent",
        "MaxLengthConstraintComponent",
        "DatatypeConstraintComponent",
        "MaxInclusiveConstraintComponent",
        "MaxExclusiveConstraintComponent",
        "MinExclusiveConstraintComponent",
        "MinInclusiveConstraintComponent",
        "HasValueConstraintComponent",
        "LanguageInConstraintComponent",
        "QualifiedMaxCountConstraintComponent",
        "QualifiedMinCountConstraintComponent",
        "NodeKindConstraintComponent",
        "ClassConstraintComponent",
        "InConstraintComponent",
        "SPARQLConstraintComponent",
    } <= components
    assert {"violation", "warning", "info"} == {i.severity for i in report.results}
    odd = [i for i in report.results if i.component.endswith("SPARQLConstraintComponent")]
    assert odd and all(i.message().startswith("score ") and "{?value}" not in i.message() for i in odd)


def test_real_shapes_match_pyshacl_on_a_conforming_world():
    store = real_store(records.world(4, defects=False))
    report = validate_store(store)
    expected = validate(union_of(store)).results
    assert_equivalent(report.results, expected)
    assert report.conforms and report.counts  # conforms, yet module outcomes lack EN text: warnings


def test_real_shapes_match_pyshacl_on_a_defective_world():
    store = real_store(records.world(12, seed=3, defect_rate=0.6))
    report = validate_store(store)
    expected = validate(union_of(store)).results
    assert_equivalent(report.results, expected)
    assert not report.conforms


def handmade_defects() -> list[Graph]:
    """Defects of every kind the real shapes check, one or more per entity."""
    q = graph_of(
        records.qualification(
            "K4101302",
            title_lt=None,
            sectors=["S05", "S99"],
            units=["PSF01-V03", "PSF01-V77"],
            qualification_type="learning",
        )
    )
    quri = URIRef(f"{BASE}/id/qualification/K4101302")
    q.add((quri, DCTERMS.title, Literal("Antras", lang="en")))  # two EN titles: uniqueLang
    q.add((quri, DCTERMS.title, Literal("be kalbos")))  # plain literal: datatype langString
    q.add((quri, ELM.EQFLevel, EQF["5"]))  # two EQF levels, one inconsistent
    q.add((quri, DCTERMS.issued, Literal("2020-13-45", datatype=XSD.date)))  # ill-typed date
    q.add((quri, KQ.hasUnit, Literal("PSF01-V03")))  # literal instead of IRI
    q.add((quri, ELM.learningOutcome, URIRef(f"{BASE}/id/level/4")))  # not an outcome
    q.add((quri, ELM.ISCEDFCode, URIRef("http://example.org/isced/9999")))  # pattern + class
    m = graph_of(records.module("5102299", level=4, credits=0))  # code digit ≠ level, credits > 0
    muri = URIRef(f"{BASE}/id/module/5102299")
    m.add((muri, KQ.credits, Literal("three")))  # second credits, wrong datatype
    m.remove((URIRef(f"{muri}/outcome/1"), KQ.position, None))
    p = graph_of(
        records.programme(
            "M44101399",
            modules=[("4102201", "general", 5), ("4102203", "optional", 5)],
            credits=99,
            required_optional_credits=20,
            kind="initial",
        )
    )
    puri = URIRef(f"{BASE}/id/programme/M44101399")
    p.add((puri, ELM.hasPart, URIRef(f"{BASE}/id/module/4102202")))  # part without membership
    s = graph_of(records.sector("S17", name_lt=None, nace_sections=["f", "FF"]))
    u = graph_of(records.unit("PSF01-V09", competences=[{"code": "PSF01-V09-X", "name_en": "No LT"}]))
    std = graph_of(records.standard("PSX1", sector="S05", status="withdrawn", title_en=None))
    std.add((URIRef(f"{BASE}/id/standard/PSX1"), KQ.approvalOrder, Literal(5)))
    level = Graph()
    lvl = URIRef(f"{BASE}/id/level/9")
    level.add((lvl, RDF.type, SKOS.Concept))
    level.add((lvl, SKOS.prefLabel, Literal("IX", lang="lt")))
    level.add((lvl, SKOS.prefLabel, Literal("IX bis", lang="lt")))
    return [q, m, p, s, u, std, level]


def test_real_shapes_match_pyshacl_on_handmade_defects():
    store = real_store(
        [records.standard(), records.unit(), records.qualification()],
        [records.module(c, credits=5) for c in ("4102201", "4102202", "4102203")],
    )
    for i, g in enumerate(handmade_defects()):
        store.replace_graph(URIRef(f"{BASE}/graph/test/{i}"), g)
    report = validate_store(store, max_results=100_000)
    expected = validate(union_of(store)).results
    assert_equivalent(report.results, expected)
    shapes_hit = {str(i.source_shape).rsplit("/", 1)[-1] for i in report.results}
    for shape in (
        "Qualification-title-lt",
        "Qualification-title",
        "Qualification-EQFLevel",
        "Qualification-EQFLevel-consistent",
        "Qualification-issued",
        "Qualification-hasUnit",
        "Qualification-hasUnit-ref",
        "Qualification-sector-ref",
        "Qualification-ISCEDFCode",
        "Module-identifier-level",
        "Module-credits",
        "LearningOutcome-position",
        "VetProgramme-credits-sum",
        "VetProgramme-requiredOptionalCredits-offered",
        "VetProgramme-hasModuleMembership-introductory",
        "VetProgramme-hasModuleMembership-final",
        "VetProgramme-hasPart-membership",
        "Sector-prefLabel-lt",
        "Sector-naceSection",
        "Sector-notation",
        "Competence-prefLabel-lt",
        "Competence-notation",
        "OccupationalStandard-identifier",
        "OccupationalStandard-approvalOrder",
        "Level-notation",
        "Concept-prefLabel",
    ):
        assert shape in shapes_hit, shape


def test_every_compiled_query_runs():
    store = OxigraphStore()
    checks = compile_shapes(shapes_graph())
    assert len(checks) > 150
    for check in checks:
        assert store.select(check.query) == []


def _shapes(ttl: str) -> Graph:
    prefixes = (
        "@prefix ex: <http://example.org/> . @prefix sh: <http://www.w3.org/ns/shacl#> . "
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    )
    return Graph().parse(data=prefixes + ttl, format="turtle")


@pytest.mark.parametrize(
    ("ttl", "component"),
    [
        ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:or ( [ sh:datatype xsd:string ] ) .", "sh:or"),
        ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:node ex:Other .", "sh:node"),
        ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true .", "sh:closed"),
        ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ( ex:a ex:b ) ] .", "sh:path"),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:a ; sh:equals ex:b ] .",
            "sh:equals",
        ),
        ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:minCount 1 .", "sh:minCount"),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:a ; "
            "sh:qualifiedValueShape [ sh:minCount 1 ] ; sh:qualifiedMinCount 1 ] .",
            "sh:qualifiedValueShape",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "
            '"SELECT $this WHERE { $this ?p $currentShape }" ] .',
            "$currentShape",
        ),
    ],
)
def test_unsupported_components_raise(ttl, component):
    with pytest.raises(UnsupportedShapeError, match="http://example.org/S") as info:
        compile_shapes(_shapes(ttl))
    assert component in str(info.value)


def test_deactivated_shapes_are_not_compiled():
    shapes = _shapes("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:deactivated true ; sh:or ( ) .")
    assert compile_shapes(shapes) == []


# --- the report object --------------------------------------------------------------------


def test_report_counts_are_exact_when_results_are_capped():
    store = real_store(records.world(6, seed=3, defect_rate=0.6))
    calls = []
    full = validate_store(store, max_results=100_000)
    capped = validate_store(
        store, max_results=3, progress=lambda done, total, shape: calls.append((done, total))
    )
    assert len(capped.results) == 3 and capped.truncated
    assert capped.total_results == full.total_results == len(full.results)
    assert capped.counts == full.counts
    assert sum(n for per in full.counts.values() for n in per.values()) == full.total_results
    assert capped.focus_counts == full.focus_counts
    assert full.focus_counts["violation"] == len(
        {i.focus_node for i in full.results if i.severity == "violation"}
    )
    assert calls[-1] == (capped.checks, capped.checks) and len(calls) == capped.checks
    assert capped.duration > 0


def test_report_issue_fields():
    store = real_store([records.qualification(title_lt=None, modified=dt.datetime(2024, 1, 1))])
    report = validate_store(store)
    (issue,) = [i for i in report.results if str(i.source_shape).endswith("Qualification-title-lt")]
    assert issue.focus_node == URIRef(f"{BASE}/id/qualification/K4101301")
    assert issue.path == DCTERMS.title and issue.severity == "violation" and issue.lang == "lt"
    assert issue.message("lt").startswith("Kvalifikacijos pavadinimas lietuvių")
    assert issue.message("en") == "The Lithuanian name of the qualification is required"
