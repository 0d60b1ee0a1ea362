"""The publish gate on the real shapes (ontology/shapes) and the real vocabularies."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from graph.mapping import FieldLocation, field_for_result
from graph.projection import entity_graph_name, record_uri
from graph.results import issues_from_report
from graph.shacl_sparql import UnsupportedShapeError
from graph.validation import (
    ValidationIssue,
    entity_focus_nodes,
    validate,
    validate_entity,
    validation_graph,
)
from ontology.loader import shapes_graph
from ontology.namespaces import ELM, KQ
from tests.graph import mappings as m
from tests.graph import records
from tests.graph.records import BASE, graph_of

MODULES = [("4102201", 5), ("4102202", 20), ("4102203", 5), ("4102204", 5)]


@pytest.fixture
def store(vocab_store):
    """Vocabularies plus a published standard, unit, qualification and the programme's modules."""
    published = [records.standard(), records.unit(), records.qualification()]
    published += [records.module(code, credits=credits) for code, credits in MODULES]
    vocab_store.load_graphs((entity_graph_name(r, BASE), graph_of(r)) for r in published)
    return vocab_store


def gate(record, store):
    return validate_entity(graph_of(record), entity_uri=record_uri(record, BASE), store=store)


def only(issues, shape_suffix) -> ValidationIssue:
    found = [i for i in issues if str(i.source_shape).endswith("/" + shape_suffix)]
    assert len(found) == 1, [(i.key, i.message()) for i in issues]
    return found[0]


@pytest.mark.parametrize(
    "record",
    [
        records.sector(),
        records.standard(),
        records.unit(),
        records.qualification(),
        records.module(),
        records.programme(),
    ],
    ids=lambda r: r.type_slug,
)
def test_valid_entities_pass_the_gate(store, record):
    result = gate(record, store)
    assert result.conforms, result.report_text
    assert result.violations == []


def test_missing_lithuanian_title_is_a_violation_on_the_title_field(store):
    record = records.qualification(title_lt="")
    result = gate(record, store)
    assert not result.conforms
    issue = only(result.violations, "Qualification-title-lt")
    q = record_uri(record, BASE)
    assert issue.focus_node == q and issue.path == DCTERMS.title and issue.lang == "lt"
    assert issue.messages["lt"] == "Kvalifikacijos pavadinimas lietuvių kalba privalomas"
    assert issue.messages["en"] == "The Lithuanian name of the qualification is required"
    assert issue.message("de") == issue.messages["en"]
    location = field_for_result(
        m.QUALIFICATION, entity_uri=q, focus_node=issue.focus_node, path=issue.path, lang=issue.lang
    )
    assert location == FieldLocation("title_lt")
    assert "Qualification-title-lt" in result.report_text
    assert len(result.report_graph) > 0


def test_warnings_do_not_break_conformance(store):
    result = gate(records.qualification(title_en=None), store)
    assert result.conforms
    warning = only(result.warnings, "Qualification-title-en")
    assert warning.severity == "warning" and warning.lang == "en"


def test_reference_to_an_unpublished_standard_fails(store):
    record = records.qualification(standard="PSZ99")
    result = gate(record, store)
    issue = only(result.violations, "Qualification-occupationalStandard-ref")
    assert issue.value == URIRef(f"{BASE}/id/standard/PSZ99")
    assert "not published" in issue.message("en")
    assert "nepaskelbtas" in issue.message("lt")


def test_programme_rules_read_the_referenced_modules(store):
    record = records.programme(credits=31)  # 5 + 20 + 5 mandatory + 5 optional = 35
    result = gate(record, store)
    issue = only(result.violations, "VetProgramme-credits-sum")
    assert issue.path == KQ.credits and issue.value == Literal(31)
    unpublished = records.programme(
        modules=[("4102201", "introductory", 5), ("4109999", "final", 5)],
        credits=15,
        required_optional_credits=5,
    )
    result = gate(unpublished, store)
    assert {"VetProgramme-hasPart-ref", "ModuleMembership-module-ref"} <= {
        str(i.source_shape).rsplit("/", 1)[-1] for i in result.violations
    }


def test_child_row_results_map_to_the_row(store):
    record = records.unit(
        competences=[
            {"code": "PSF01-V03-K1", "name_lt": "Mūryti", "name_en": "Lay"},
            {"code": "PSF01-V03-K2", "name_en": "Plaster"},
        ]
    )
    result = gate(record, store)
    issue = only(result.violations, "Competence-prefLabel-lt")
    assert issue.focus_node == URIRef(f"{BASE}/id/competence/PSF01-V03-K2")
    location = field_for_result(
        m.UNIT,
        entity_uri=record_uri(record, BASE),
        focus_node=issue.focus_node,
        path=issue.path,
        lang=issue.lang,
        record=record,
    )
    assert location == FieldLocation("competences", index=1, child_field="name_lt", key="PSF01-V03-K2")


def test_embedded_committee_is_validated_from_the_new_values(store):
    record = records.sector(committee_name_lt=None)
    result = gate(record, store)
    issue = only(result.violations, "SectorCommittee-prefLabel-lt")
    assert issue.focus_node == URIRef(f"{BASE}/id/committee/S05")
    location = field_for_result(
        m.SECTOR,
        entity_uri=record_uri(record, BASE),
        focus_node=issue.focus_node,
        path=issue.path,
        lang=issue.lang,
    )
    assert location == FieldLocation("committee_name_lt")


def test_sparql_rule_with_language_suffix_maps_to_the_language(store):
    result = gate(records.sector(name_en=None), store)
    issue = only(result.warnings, "Sector-prefLabel-en")
    assert issue.lang == "en" and issue.path == SKOS.prefLabel


def test_validation_graph_contents(store):
    record = records.programme()
    entity = graph_of(record)
    p = record_uri(record, BASE)
    # a stale published version of the programme must not leak into the validation graph
    store.replace_graph(entity_graph_name(record, BASE), graph_of(records.programme(title_lt="Sena versija")))
    data = validation_graph(entity, entity_uri=p, store=store)
    assert (p, DCTERMS.title, Literal("Sena versija", lang="lt")) not in data
    assert set(entity) <= set(data)
    module = URIRef(f"{BASE}/id/module/4102202")
    assert (module, KQ.credits, Literal(20)) in data  # one hop: the rules need module credits
    assert (URIRef(f"{BASE}/id/level/4"), SKOS.notation, Literal("4")) in data
    assert (KQ.Module, RDFS.subClassOf, ELM.LearningAchievementSpecification) in data  # class hierarchy
    assert not any(str(s).startswith(f"{module}/") for s in data.subjects())  # not two hops
    assert entity_focus_nodes(entity) == {p} | {URIRef(f"{p}/module/{c}") for c, _ in MODULES}


def test_referenced_entities_are_not_revalidated(store):
    # a published standard that is itself broken must not fail the qualification's gate
    broken = records.standard(title_lt=None)
    store.replace_graph(entity_graph_name(broken, BASE), graph_of(broken))
    assert gate(records.qualification(), store).conforms


def test_validate_accepts_custom_shapes_and_leaves_input_untouched():
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message "p puuttuu"@fi ] .
        """,
        format="turtle",
    )
    data = Graph().parse(data="<http://example.org/x> a <http://example.org/C> .", format="turtle")
    before = set(data)
    for engine in ("pyshacl", "sparql"):
        result = validate(data, shapes=shapes, engine=engine)
        assert not result.conforms and result.violations[0].message("en") == "p puuttuu"
        assert set(data) == before
        assert validate(data, shapes=shapes, focus_nodes=[], engine=engine).conforms


GATE_CASES = [
    records.sector(),
    records.sector(name_lt=None, nace_sections=["f"], committee_name_en=None),
    records.standard(),
    records.standard(sector="S99", title_lt=None, status="withdrawn"),
    records.unit(),
    records.unit(level=9, standard="PSZ99", competences=[{"code": "PSF01-V03-K7"}]),
    records.qualification(),
    records.qualification(title_lt=None, title_en=None, level=5, sectors=[], units=["PSF01-V99"]),
    records.module(),
    records.module("5102201", level=4, credits=0, competences=["PSF01-V03-K9"]),
    records.programme(),
    records.programme(credits=1, kind="continuing", qualification="K9999999"),
]


@pytest.mark.parametrize("record", GATE_CASES, ids=lambda r: f"{r.type_slug}-{r.code}-{len(r.values)}")
def test_sparql_and_pyshacl_gates_agree(store, record):
    fast = gate_with(record, store, "sparql")
    reference = gate_with(record, store, "pyshacl")
    assert [(i.key, str(i.value), i.lang) for i in fast.results] == [
        (i.key, str(i.value), i.lang) for i in reference.results
    ], reference.report_text
    assert fast.conforms == reference.conforms
    assert {(i.key, i.messages["en"]) for i in fast.results} == {
        (i.key, i.messages["en"]) for i in reference.results
    }
    parsed = issues_from_report(fast.report_graph, shapes_graph())
    assert [i.key for i in parsed] == [i.key for i in fast.results]


def gate_with(record, store, engine):
    return validate_entity(graph_of(record), entity_uri=record_uri(record, BASE), store=store, engine=engine)


def test_auto_engine_falls_back_to_pyshacl_for_uncompilable_shapes():
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:or ( [ sh:class ex:D ] [ sh:class ex:E ] ) .
        """,
        format="turtle",
    )
    data = Graph().parse(data="<http://example.org/x> a <http://example.org/C> .", format="turtle")
    assert not validate(data, shapes=shapes, engine="auto").conforms
    with pytest.raises(UnsupportedShapeError):
        validate(data, shapes=shapes, engine="sparql")
    with pytest.raises(ValueError, match="Unknown validation engine"):
        validate(data, shapes=shapes, engine="fast")  # type: ignore[arg-type]
