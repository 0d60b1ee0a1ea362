"""Qualification unit and competence shapes (unit.ttl)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from ontology.namespaces import DCTERMS, ELM, KQ, SH, SKOS
from tests.ontology import builders as b
from tests.ontology.checks import Case, assert_case, run_case, validate_entity

BUILD = b.unit_graph
U = b.iri("unit", b.UNIT)
K = b.iri("competence", b.COMPETENCES[0])
TITLE, LABEL = DCTERMS.title, SKOS.prefLabel


def drop_lang(node: URIRef, predicate: URIRef, lang: str):
    def mutate(g: Graph) -> None:
        for literal in list(g.objects(node, predicate)):
            if literal.language == lang:
                g.remove((node, predicate, literal))

    return mutate


CASES = [
    Case(
        "QualificationUnit-identifier",
        lambda g: g.set((U, DCTERMS.identifier, Literal("PSF01-3"))),
        U,
        DCTERMS.identifier,
    ),
    Case("QualificationUnit-title", lambda g: g.add((U, TITLE, Literal("Kitas", lang="lt"))), U, TITLE),
    Case("QualificationUnit-title-lt", drop_lang(U, TITLE, "lt"), U, TITLE),
    Case("QualificationUnit-title-en", drop_lang(U, TITLE, "en"), U, TITLE, SH.Warning),
    Case("QualificationUnit-NQFLevel", lambda g: g.remove((U, ELM.NQFLevel, None)), U, ELM.NQFLevel),
    Case("QualificationUnit-NQFLevel-ref", lambda g: g.set((U, ELM.NQFLevel, b.level(9))), U, ELM.NQFLevel),
    Case(
        "QualificationUnit-NQFLevel-scheme",
        lambda g: g.set((U, ELM.NQFLevel, b.iri("sector", b.SECTOR))),
        U,
        ELM.NQFLevel,
    ),
    Case(
        "QualificationUnit-occupationalStandard",
        lambda g: g.remove((U, KQ.occupationalStandard, None)),
        U,
        KQ.occupationalStandard,
    ),
    Case(
        "QualificationUnit-occupationalStandard-ref",
        lambda g: g.set((U, KQ.occupationalStandard, b.iri("standard", "PSF99"))),
        U,
        KQ.occupationalStandard,
    ),
    Case(
        "QualificationUnit-specialisation",
        lambda g: g.set((U, KQ.specialisation, Literal("ne"))),
        U,
        KQ.specialisation,
    ),
    Case(
        "QualificationUnit-hasCompetence",
        lambda g: g.remove((U, KQ.hasCompetence, None)),
        U,
        KQ.hasCompetence,
    ),
    Case(
        "QualificationUnit-hasCompetence-ref",
        lambda g: g.add((U, KQ.hasCompetence, b.iri("competence", "PSF01-V03-K9"))),
        U,
        KQ.hasCompetence,
    ),
    Case("Competence-notation", lambda g: g.set((K, SKOS.notation, Literal("K1"))), K, SKOS.notation),
    Case("Competence-prefLabel", lambda g: g.add((K, LABEL, Literal("Kitas", lang="lt"))), K, LABEL),
    Case("Competence-prefLabel-lt", drop_lang(K, LABEL, "lt"), K, LABEL),
    Case("Competence-prefLabel-en", drop_lang(K, LABEL, "en"), K, LABEL, SH.Warning),
    Case(
        "Competence-competenceBoundary",
        lambda g: g.add((K, KQ.competenceBoundary, Literal("Be kalbos"))),
        K,
        KQ.competenceBoundary,
    ),
    Case("Competence-partOfUnit", lambda g: g.remove((K, KQ.partOfUnit, None)), K, KQ.partOfUnit),
    Case(
        "Competence-partOfUnit-ref",
        lambda g: g.set((K, KQ.partOfUnit, b.iri("unit", "PSF01-V99"))),
        K,
        KQ.partOfUnit,
    ),
]


def test_default_unit_conforms() -> None:
    assert validate_entity(BUILD()) == []


def test_specialisation_unit_conforms() -> None:
    g = BUILD()
    g.set((U, KQ.specialisation, Literal(True)))
    assert validate_entity(g) == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_failing_example(case: Case) -> None:
    assert_case(run_case(BUILD, case), case)
