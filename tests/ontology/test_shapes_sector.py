"""Sector and sectoral professional committee shapes (sector.ttl, concept.ttl)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from ontology.namespaces import KQ, SH, SKOS
from tests.ontology import builders as b
from tests.ontology.checks import Case, assert_case, run_case, validate_entity

BUILD = b.sector_graph
S = b.iri("sector", b.SECTOR)
C = b.iri("committee", b.SECTOR)
LABEL, NACE, HAS_COMMITTEE = SKOS.prefLabel, KQ.naceSection, KQ.hasCommittee


def drop_lang(node: URIRef, lang: str):
    def mutate(g: Graph) -> None:
        for label in list(g.objects(node, LABEL)):
            if label.language == lang:
                g.remove((node, LABEL, label))

    return mutate


CASES = [
    Case("Concept-prefLabel", lambda g: g.add((S, LABEL, Literal("Statyba", lang="lt"))), S, LABEL),
    Case("Sector-naceSection", lambda g: g.set((S, NACE, Literal("f"))), S, NACE, label="lowercase"),
    Case(
        "Sector-naceSection", lambda g: g.set((S, NACE, Literal("F", lang="lt"))), S, NACE, label="langString"
    ),
    Case("Sector-naceSection", lambda g: g.set((S, NACE, Literal("FG"))), S, NACE, label="two-letters"),
    Case(
        "Sector-hasCommittee-ref",
        lambda g: g.set((S, HAS_COMMITTEE, b.iri("committee", "S99"))),
        S,
        HAS_COMMITTEE,
    ),
    Case("Sector-inScheme", lambda g: g.remove((S, SKOS.inScheme, None)), S, SKOS.inScheme, label="missing"),
    Case(
        "Sector-inScheme",
        lambda g: g.set((S, SKOS.inScheme, URIRef(f"{b.BASE}/id/scheme/ltks"))),
        S,
        SKOS.inScheme,
        label="other-scheme",
    ),
    Case("Sector-notation", lambda g: g.remove((S, SKOS.notation, None)), S, SKOS.notation, label="missing"),
    Case(
        "Sector-notation",
        lambda g: g.set((S, SKOS.notation, Literal("S5"))),
        S,
        SKOS.notation,
        label="pattern",
    ),
    Case(
        "Sector-notation", lambda g: g.add((S, SKOS.notation, Literal("S06"))), S, SKOS.notation, label="two"
    ),
    Case("Sector-prefLabel-lt", drop_lang(S, "lt"), S, LABEL),
    Case("Sector-prefLabel-en", drop_lang(S, "en"), S, LABEL, SH.Warning),
    Case("Sector-naceSection-required", lambda g: g.remove((S, NACE, None)), S, NACE),
    Case(
        "Sector-hasCommittee", lambda g: g.remove((S, HAS_COMMITTEE, None)), S, HAS_COMMITTEE, label="missing"
    ),
    Case(
        "Sector-hasCommittee",
        lambda g: g.add((S, HAS_COMMITTEE, b.iri("committee", "S06"))),
        S,
        HAS_COMMITTEE,
        label="two",
    ),
    Case(
        "SectorCommittee-prefLabel",
        lambda g: g.add((C, LABEL, Literal("SPK", lang="lt"))),
        C,
        LABEL,
        label="two-lt",
    ),
    Case(
        "SectorCommittee-prefLabel",
        lambda g: g.add((C, LABEL, Literal("SPK"))),
        C,
        LABEL,
        label="no-language",
    ),
    Case("SectorCommittee-prefLabel-lt", drop_lang(C, "lt"), C, LABEL),
    Case("SectorCommittee-prefLabel-en", drop_lang(C, "en"), C, LABEL, SH.Warning),
    Case("SectorCommittee-committeeOf", lambda g: g.remove((C, KQ.committeeOf, None)), C, KQ.committeeOf),
    Case(
        "SectorCommittee-committeeOf-ref",
        lambda g: g.set((C, KQ.committeeOf, b.iri("sector", "S99"))),
        C,
        KQ.committeeOf,
    ),
]


def test_default_sector_conforms() -> None:
    assert validate_entity(BUILD()) == []


def test_several_nace_sections_pass() -> None:
    g = BUILD()
    g.add((S, NACE, Literal("E")))
    assert validate_entity(g) == []


def test_missing_english_name_is_only_a_warning() -> None:
    g = BUILD()
    drop_lang(S, "en")(g)
    assert {r.severity for r in validate_entity(g)} == {SH.Warning}


def test_rules_skip_concepts_that_are_not_sectors() -> None:
    """A concept outside /id/sector/ (an ISCED-F field) carries none of the sector properties."""
    isced = b.vocabularies().triples((URIRef("http://data.europa.eu/snb/isced-f/0732"), None, None))
    g = Graph()
    for triple in isced:
        g.add(triple)
    assert validate_entity(g) == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_failing_example(case: Case) -> None:
    assert_case(run_case(BUILD, case), case)
