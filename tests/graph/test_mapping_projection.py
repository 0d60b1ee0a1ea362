from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import rdflib.namespace as rns
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from graph.mapping import (
    ChildMapping,
    Children,
    ChildUri,
    ConceptRef,
    Constant,
    Embedded,
    EntityMapping,
    EntityRecord,
    FieldLocation,
    MappingError,
    Ref,
    Text,
    Value,
    field_for_result,
)
from graph.projection import entity_graph_name, project, to_literal
from ontology.namespaces import ADMS, DCTERMS, ELM, EQF, ISCED_F, KQ, SKOS
from tests.graph import mappings as m
from tests.graph import records

BASE = records.BASE
Q = URIRef(f"{BASE}/id/qualification/K4101301")


def assert_isomorphic(actual: Graph, expected: Graph) -> None:
    if not isomorphic(actual, expected):
        _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
        pytest.fail(
            "graphs differ\nonly in actual:\n"
            + only_actual.serialize(format="nt")
            + "\nonly in expected:\n"
            + only_expected.serialize(format="nt")
        )


def expected_qualification() -> Graph:
    g = Graph()
    o1, o2 = URIRef(f"{Q}/outcome/1"), URIRef(f"{Q}/outcome/2")
    for t in [
        (Q, RDF.type, ELM.Qualification),
        (Q, DCTERMS.identifier, Literal("K4101301")),
        (Q, DCTERMS.title, Literal("Mūrininkas", lang="lt")),
        (Q, DCTERMS.title, Literal("Bricklayer", lang="en")),
        (Q, DCTERMS.description, Literal("Kvalifikacija mūro darbams", lang="lt")),
        (Q, ELM.NQFLevel, URIRef(f"{BASE}/id/level/4")),
        (Q, ELM.EQFLevel, EQF["4"]),
        (Q, KQ.sector, URIRef(f"{BASE}/id/sector/S05")),
        (Q, KQ.occupationalStandard, URIRef(f"{BASE}/id/standard/PSF01")),
        (Q, KQ.hasUnit, URIRef(f"{BASE}/id/unit/PSF01-V03")),
        (Q, ELM.learningOutcome, o1),
        (Q, ELM.learningOutcome, o2),
        (o1, RDF.type, ELM.LearningOutcome),
        (o1, DCTERMS.title, Literal("Mūryti sienas", lang="lt")),
        (o1, DCTERMS.title, Literal("Lay walls", lang="en")),
        (o1, KQ.position, Literal(1, datatype=rns.XSD.integer)),
        (o2, RDF.type, ELM.LearningOutcome),
        (o2, DCTERMS.title, Literal("Tinkuoti paviršius", lang="lt")),
        (o2, DCTERMS.title, Literal("Plaster surfaces", lang="en")),
        (o2, KQ.position, Literal(2, datatype=rns.XSD.integer)),
        (Q, ELM.ISCEDFCode, ISCED_F["0732"]),
        (Q, KQ.qualificationType, KQ.QualificationForWork),
        (Q, ADMS.status, KQ.StatusValid),
        (Q, DCTERMS.issued, Literal("2020-01-15", datatype=rns.XSD.date)),
        (Q, DCTERMS.modified, Literal("2024-05-01T12:30:00+00:00", datatype=rns.XSD.dateTime)),
    ]:
        g.add(t)
    return g


def test_project_qualification_matches_hand_built_graph():
    graph = project(records.qualification(), m.QUALIFICATION, base=BASE)
    assert_isomorphic(graph, expected_qualification())


def test_projection_is_deterministic_and_base_independent():
    record = records.qualification()
    a = project(record, m.QUALIFICATION, base=BASE)
    b = project(record, m.QUALIFICATION, base=BASE + "/")
    assert set(a) == set(b)
    other = project(record, m.QUALIFICATION, base="http://localhost:8000")
    assert (URIRef("http://localhost:8000/id/qualification/K4101301"), RDF.type, ELM.Qualification) in other


def test_empty_values_are_skipped():
    record = records.qualification(
        title_en="", description_lt="   ", standard=None, units=[], outcomes=[], valid_until=None
    )
    graph = project(record, m.QUALIFICATION, base=BASE)
    assert not list(graph.objects(Q, KQ.occupationalStandard))
    assert not list(graph.objects(Q, KQ.hasUnit))
    assert not list(graph.objects(Q, ELM.learningOutcome))
    assert not list(graph.objects(Q, DCTERMS.description))
    assert [str(t) for t in graph.objects(Q, DCTERMS.title)] == ["Mūrininkas"]
    assert all(str(o).strip() for o in graph.objects())


def test_children_with_minted_uris_and_inverse():
    graph = project(records.unit(), m.UNIT, base=BASE)
    unit = URIRef(f"{BASE}/id/unit/PSF01-V03")
    k2 = URIRef(f"{BASE}/id/competence/PSF01-V03-K2")
    assert (unit, KQ.hasCompetence, k2) in graph
    assert (k2, KQ.partOfUnit, unit) in graph
    assert set(graph.objects(k2, RDF.type)) == {
        URIRef("http://data.europa.eu/esco/model#Skill"),
        SKOS.Concept,
    }
    assert (k2, KQ.competenceBoundary, Literal("Vidaus darbai", lang="lt")) in graph
    assert (unit, KQ.specialisation, Literal(False)) in graph


def test_embedded_node_from_parent_values():
    graph = project(records.sector(), m.SECTOR, base=BASE)
    s05 = URIRef(f"{BASE}/id/sector/S05")
    committee = URIRef(f"{BASE}/id/committee/S05")
    expected = Graph()
    for t in [
        (s05, RDF.type, SKOS.Concept),
        (s05, SKOS.inScheme, URIRef(f"{BASE}/id/scheme/sector")),
        (s05, SKOS.notation, Literal("S05")),
        (s05, SKOS.prefLabel, Literal("Statybos", lang="lt")),
        (s05, SKOS.prefLabel, Literal("Construction", lang="en")),
        (s05, KQ.naceSection, Literal("F")),
        (s05, KQ.hasCommittee, committee),
        (committee, RDF.type, KQ.SectorCommittee),
        (committee, KQ.committeeOf, s05),
        (committee, SKOS.prefLabel, Literal("Statybos sektorinis profesinis komitetas", lang="lt")),
        (committee, SKOS.prefLabel, Literal("Construction Sectoral Professional Committee", lang="en")),
    ]:
        expected.add(t)
    assert_isomorphic(graph, expected)


def test_embedded_only_if():
    mapping = EntityMapping(
        "sector",
        [SKOS.Concept],
        [
            Embedded(
                KQ.hasCommittee,
                [KQ.SectorCommittee],
                ChildUri.minted("committee"),
                [],
                only_if="has_committee",
            )
        ],
    )
    assert len(project(EntityRecord("sector", "S01", {"has_committee": False}), mapping, base=BASE)) == 1
    assert len(project(EntityRecord("sector", "S01", {"has_committee": True}), mapping, base=BASE)) == 3


def test_programme_membership_sub_nodes():
    graph = project(records.programme(), m.PROGRAMME, base=BASE)
    p = URIRef(f"{BASE}/id/programme/M44101301")
    membership = URIRef(f"{p}/module/4102203")
    assert (p, KQ.hasModuleMembership, membership) in graph
    assert (membership, KQ.module, URIRef(f"{BASE}/id/module/4102203")) in graph
    assert (membership, KQ.moduleRole, KQ.RoleOptional) in graph
    assert (p, ELM.hasPart, URIRef(f"{BASE}/id/module/4102203")) in graph


@pytest.mark.parametrize(
    ("value", "datatype", "expected"),
    [
        (dt.date(2020, 1, 2), None, Literal("2020-01-02", datatype=rns.XSD.date)),
        (dt.datetime(2020, 1, 2, 3, 4, 5), None, Literal("2020-01-02T03:04:05", datatype=rns.XSD.dateTime)),
        (True, None, Literal("true", datatype=rns.XSD.boolean)),
        (5, None, Literal("5", datatype=rns.XSD.integer)),
        (Decimal("1.50"), None, Literal("1.50", datatype=rns.XSD.decimal)),
        ("x", None, Literal("x")),
        ("5", rns.XSD.integer, Literal("5", datatype=rns.XSD.integer)),
        (5, rns.XSD.positiveInteger, Literal("5", datatype=rns.XSD.positiveInteger)),
    ],
)
def test_to_literal(value, datatype, expected):
    literal = to_literal(value, datatype)
    assert literal == expected and literal.datatype == expected.datatype


def test_mapping_errors_are_clear():
    mapping = EntityMapping(
        "standard", [KQ.OccupationalStandard], [ConceptRef("status", ADMS.status, m.STATUS)]
    )
    with pytest.raises(MappingError, match="no concept is mapped for the value 'draft'"):
        project(EntityRecord("standard", "PSF01", {"status": "draft"}), mapping, base=BASE)
    with pytest.raises(MappingError, match="many=True"):
        project(records.qualification(standard=["PSF01"]), m.QUALIFICATION, base=BASE)
    with pytest.raises(MappingError, match="not a list"):
        project(records.qualification(sectors="S05"), m.QUALIFICATION, base=BASE)
    with pytest.raises(MappingError, match="'programme' mapping"):
        project(records.qualification(), m.PROGRAMME, base=BASE)
    with pytest.raises(MappingError, match="Unknown entity type"):
        Ref("x", KQ.sector, "sectors")
    with pytest.raises(ValueError, match="Invalid code"):
        project(records.qualification(units=["bad code"]), m.QUALIFICATION, base=BASE)


def test_concept_lookup_accepts_str_keys_and_callables():
    mapping = EntityMapping(
        "qualification",
        [ELM.Qualification],
        [
            ConceptRef("level", ELM.EQFLevel, {"4": EQF["4"]}),
            ConceptRef("isced", ELM.ISCEDFCode, ISCED_F.term),
        ],
    )
    graph = project(
        EntityRecord("qualification", "K4101301", {"level": 4, "isced": "0732"}), mapping, base=BASE
    )
    assert (Q, ELM.EQFLevel, EQF["4"]) in graph
    assert (Q, ELM.ISCEDFCode, ISCED_F["0732"]) in graph


def test_entity_graph_name():
    assert entity_graph_name(records.qualification(), BASE) == URIRef(f"{BASE}/graph/qualification/K4101301")


def test_predicates_and_terms():
    preds = m.UNIT.predicates()
    assert {
        DCTERMS.identifier,
        KQ.hasCompetence,
        KQ.partOfUnit,
        SKOS.prefLabel,
        KQ.competenceBoundary,
    } <= preds
    terms = m.QUALIFICATION.terms()
    assert {
        ELM.Qualification,
        ELM.LearningOutcome,
        KQ.StatusValid,
        KQ.QualificationForLearning,
        EQF["8"],
    } <= terms
    assert KQ.SectorCommittee in m.SECTOR.terms() and KQ.committeeOf in m.SECTOR.terms()
    assert rns.XSD.integer in m.MODULE.terms()


def test_every_mapped_term_exists_in_the_ontology():
    """What the Django system check will do: every kq:/elm: term we map is declared."""
    from ontology.loader import load_vocabulary

    ontology = load_vocabulary("ontology", base=BASE)
    declared = set(ontology.subjects())
    for mapping in m.MAPPINGS.values():
        ours = {t for t in mapping.terms() if str(t).startswith(str(KQ._NS))}
        assert ours <= declared, ours - declared


# --- field_for_result -------------------------------------------------------------------


def test_field_for_result_top_level_by_language():
    kw = {"entity_uri": Q, "focus_node": Q}
    assert field_for_result(m.QUALIFICATION, path=DCTERMS.title, lang="lt", **kw) == FieldLocation("title_lt")
    assert field_for_result(m.QUALIFICATION, path=DCTERMS.title, lang="en", **kw) == FieldLocation("title_en")
    assert field_for_result(m.QUALIFICATION, path=DCTERMS.title, lang=None, **kw) == FieldLocation("title_lt")
    assert field_for_result(m.QUALIFICATION, path=KQ.sector, lang=None, **kw) == FieldLocation("sectors")
    assert field_for_result(m.QUALIFICATION, path=ELM.learningOutcome, **kw) == FieldLocation("outcomes")
    assert field_for_result(m.QUALIFICATION, path=KQ.credits, **kw) is None


def test_field_for_result_prefers_untagged_field_when_lang_is_none():
    mapping = EntityMapping(
        "standard",
        [KQ.OccupationalStandard],
        [Text("title_lt", DCTERMS.title, "lt"), Value("title_any", DCTERMS.title)],
    )
    s = URIRef(f"{BASE}/id/standard/PSF01")
    loc = field_for_result(mapping, entity_uri=s, focus_node=s, path=DCTERMS.title, lang=None)
    assert loc == FieldLocation("title_any")
    loc = field_for_result(mapping, entity_uri=s, focus_node=s, path=DCTERMS.title, lang="lt")
    assert loc == FieldLocation("title_lt")


def test_field_for_result_child_rows():
    record = records.qualification(
        outcomes=[{"position": 3, "text_lt": "a"}, {"position": 7, "text_lt": "b"}]
    )
    loc = field_for_result(
        m.QUALIFICATION,
        entity_uri=Q,
        focus_node=URIRef(f"{Q}/outcome/7"),
        path=DCTERMS.title,
        lang="en",
        record=record,
    )
    assert loc == FieldLocation("outcomes", index=1, child_field="text_en", key="7")
    loc = field_for_result(
        m.QUALIFICATION, entity_uri=Q, focus_node=URIRef(f"{Q}/outcome/7"), path=KQ.position
    )
    assert loc == FieldLocation("outcomes", index=None, child_field="position", key="7")


def test_field_for_result_minted_children_and_inverse():
    unit = URIRef(f"{BASE}/id/unit/PSF01-V03")
    k2 = URIRef(f"{BASE}/id/competence/PSF01-V03-K2")
    loc = field_for_result(
        m.UNIT, entity_uri=unit, focus_node=k2, path=SKOS.prefLabel, lang="en", record=records.unit()
    )
    assert loc == FieldLocation("competences", index=1, child_field="name_en", key="PSF01-V03-K2")
    loc = field_for_result(m.UNIT, entity_uri=unit, focus_node=k2, path=KQ.partOfUnit, lang=None)
    assert loc == FieldLocation("competences", index=None, child_field=None, key="PSF01-V03-K2")


def test_field_for_result_embedded_and_unrelated():
    s05 = URIRef(f"{BASE}/id/sector/S05")
    committee = URIRef(f"{BASE}/id/committee/S05")
    loc = field_for_result(m.SECTOR, entity_uri=s05, focus_node=committee, path=SKOS.prefLabel, lang="lt")
    assert loc == FieldLocation("committee_name_lt")
    other = URIRef(f"{BASE}/id/sector/S06")
    assert (
        field_for_result(m.SECTOR, entity_uri=s05, focus_node=other, path=SKOS.prefLabel, lang="lt") is None
    )


def test_constant_accepts_callables_and_iris():
    mapping = EntityMapping(
        "sector",
        [SKOS.Concept],
        [Constant(SKOS.inScheme, KQ.StatusScheme), Constant(KQ.naceSection, Literal("F"))],
    )
    graph = project(EntityRecord("sector", "S01", {}), mapping, base=BASE)
    s = URIRef(f"{BASE}/id/sector/S01")
    assert (s, SKOS.inScheme, KQ.StatusScheme) in graph and (s, KQ.naceSection, Literal("F")) in graph


def test_child_uri_needs_key():
    mapping = EntityMapping(
        "qualification",
        [ELM.Qualification],
        [
            Children(
                "outcomes",
                ELM.learningOutcome,
                ChildMapping([ELM.LearningOutcome], ChildUri.sub("outcome"), []),
            )
        ],
    )
    with pytest.raises(MappingError, match="no 'position' value"):
        project(EntityRecord("qualification", "K4101301", {"outcomes": [{"text": "x"}]}), mapping, base=BASE)
