"""Qualification and learning outcome shapes (qualification.ttl)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from ontology.namespaces import ADMS, DCTERMS, ELM, EQF, ISCED_F, KQ, SH
from tests.ontology import builders as b
from tests.ontology.checks import Case, assert_case, run_case, validate_entity

BUILD = b.qualification_graph
Q = b.iri("qualification", b.QUALIFICATION)
O = b.sub(Q, "outcome", "1")  # noqa: E741
TITLE = DCTERMS.title


def drop_lang(node: URIRef, lang: str):
    def mutate(g: Graph) -> None:
        for literal in list(g.objects(node, TITLE)):
            if literal.language == lang:
                g.remove((node, TITLE, literal))

    return mutate


CASES = [
    Case(
        "Qualification-identifier",
        lambda g: g.set((Q, DCTERMS.identifier, Literal("K9073201"))),
        Q,
        DCTERMS.identifier,
    ),
    Case("Qualification-title", lambda g: g.add((Q, TITLE, Literal("Mūrininkė", lang="lt"))), Q, TITLE),
    Case("Qualification-title-lt", drop_lang(Q, "lt"), Q, TITLE),
    Case("Qualification-title-en", drop_lang(Q, "en"), Q, TITLE, SH.Warning),
    Case(
        "Qualification-description",
        lambda g: g.add((Q, DCTERMS.description, Literal("Kitas", lang="en"))),
        Q,
        DCTERMS.description,
    ),
    Case("Qualification-NQFLevel", lambda g: g.remove((Q, ELM.NQFLevel, None)), Q, ELM.NQFLevel),
    Case("Qualification-NQFLevel-ref", lambda g: g.set((Q, ELM.NQFLevel, b.level(9))), Q, ELM.NQFLevel),
    Case("Qualification-NQFLevel-scheme", lambda g: g.set((Q, ELM.NQFLevel, EQF["4"])), Q, ELM.NQFLevel),
    Case(
        "Qualification-EQFLevel",
        lambda g: g.remove((Q, ELM.EQFLevel, None)),
        Q,
        ELM.EQFLevel,
        label="missing",
    ),
    Case(
        "Qualification-EQFLevel",
        lambda g: g.set((Q, ELM.EQFLevel, EQF["9"])),
        Q,
        ELM.EQFLevel,
        label="not-eqf",
    ),
    Case("Qualification-EQFLevel-consistent", lambda g: g.set((Q, ELM.EQFLevel, EQF["5"])), Q, ELM.EQFLevel),
    Case("Qualification-sector", lambda g: g.remove((Q, KQ.sector, None)), Q, KQ.sector),
    Case("Qualification-sector-ref", lambda g: g.add((Q, KQ.sector, b.iri("sector", "S99"))), Q, KQ.sector),
    Case("Qualification-sector-scheme", lambda g: g.add((Q, KQ.sector, ISCED_F["0732"])), Q, KQ.sector),
    Case(
        "Qualification-occupationalStandard",
        lambda g: g.add((Q, KQ.occupationalStandard, b.iri("standard", "PSF02"))),
        Q,
        KQ.occupationalStandard,
    ),
    Case(
        "Qualification-occupationalStandard-ref",
        lambda g: g.set((Q, KQ.occupationalStandard, b.iri("standard", "PSF99"))),
        Q,
        KQ.occupationalStandard,
    ),
    Case("Qualification-hasUnit", lambda g: g.add((Q, KQ.hasUnit, Literal("PSF01-V03"))), Q, KQ.hasUnit),
    Case(
        "Qualification-hasUnit-ref",
        lambda g: g.add((Q, KQ.hasUnit, b.iri("unit", "PSF01-V99"))),
        Q,
        KQ.hasUnit,
    ),
    Case(
        "Qualification-learningOutcome",
        lambda g: g.add((Q, ELM.learningOutcome, Literal("Mūryti"))),
        Q,
        ELM.learningOutcome,
    ),
    Case(
        "Qualification-learningOutcome-ref",
        lambda g: g.add((Q, ELM.learningOutcome, b.sub(Q, "outcome", "2"))),
        Q,
        ELM.learningOutcome,
    ),
    Case(
        "Qualification-ISCEDFCode",
        lambda g: g.remove((Q, ELM.ISCEDFCode, None)),
        Q,
        ELM.ISCEDFCode,
        label="missing",
    ),
    Case(
        "Qualification-ISCEDFCode",
        lambda g: g.set((Q, ELM.ISCEDFCode, URIRef("http://example.org/0732"))),
        Q,
        ELM.ISCEDFCode,
        label="not-isced",
    ),
    Case(
        "Qualification-ISCEDFCode-ref",
        lambda g: g.set((Q, ELM.ISCEDFCode, ISCED_F["0799"] + "9")),
        Q,
        ELM.ISCEDFCode,
    ),
    Case(
        "Qualification-qualificationType",
        lambda g: g.set((Q, KQ.qualificationType, KQ.StatusValid)),
        Q,
        KQ.qualificationType,
    ),
    Case("Qualification-status", lambda g: g.remove((Q, ADMS.status, None)), Q, ADMS.status),
    Case(
        "Qualification-issued", lambda g: g.set((Q, DCTERMS.issued, Literal("2020-01-15"))), Q, DCTERMS.issued
    ),
    Case(
        "Qualification-validUntil",
        lambda g: g.set((Q, KQ.validUntil, Literal("2030-12-31T00:00:00", datatype=b.DATE_TIME))),
        Q,
        KQ.validUntil,
    ),
    Case(
        "Qualification-modified",
        lambda g: g.set((Q, DCTERMS.modified, Literal("2024-05-01", datatype=b.DATE))),
        Q,
        DCTERMS.modified,
    ),
    Case("LearningOutcome-title", lambda g: g.add((O, TITLE, Literal("Kitas", lang="en"))), O, TITLE),
    Case("LearningOutcome-title-lt", drop_lang(O, "lt"), O, TITLE),
    Case("LearningOutcome-title-en", drop_lang(O, "en"), O, TITLE, SH.Warning),
    Case(
        "LearningOutcome-position",
        lambda g: g.set((O, KQ.position, Literal(0))),
        O,
        KQ.position,
        label="zero",
    ),
    Case(
        "LearningOutcome-position",
        lambda g: g.remove((O, KQ.position, None)),
        O,
        KQ.position,
        label="missing",
    ),
    Case(
        "LearningOutcome-assessmentCriterion",
        lambda g: g.add((O, KQ.assessmentCriterion, Literal("Be kalbos"))),
        O,
        KQ.assessmentCriterion,
    ),
]


def test_default_qualification_conforms() -> None:
    assert validate_entity(BUILD()) == []


def test_minimal_qualification_for_learning_conforms() -> None:
    """Only the required properties: no standard, units, outcomes, dates or description."""
    g = BUILD()
    for optional in (
        KQ.occupationalStandard,
        KQ.hasUnit,
        DCTERMS.description,
        DCTERMS.issued,
        KQ.validUntil,
        DCTERMS.modified,
    ):
        g.remove((Q, optional, None))
    g.remove((Q, ELM.learningOutcome, None))
    g.remove((O, None, None))
    g.set((Q, KQ.qualificationType, KQ.QualificationForLearning))
    assert validate_entity(g) == []


def test_several_sectors_conform() -> None:
    g = BUILD()
    g.add((Q, KQ.sector, b.iri("sector", "S06")))
    assert validate_entity(g) == []


@pytest.mark.parametrize("number", range(1, 9))
def test_each_level_with_its_eqf_level_conforms(number: int) -> None:
    g = BUILD()
    g.set((Q, DCTERMS.identifier, Literal(f"K{number}073201")))
    g.set((Q, ELM.NQFLevel, b.level(number)))
    g.set((Q, ELM.EQFLevel, EQF[str(number)]))
    assert validate_entity(g) == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_failing_example(case: Case) -> None:
    assert_case(run_case(BUILD, case), case)
