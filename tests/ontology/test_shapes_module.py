"""Module shapes (module.ttl); module learning outcomes use kqsh:LearningOutcome."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from ontology.namespaces import DCTERMS, ELM, KQ, SH
from tests.ontology import builders as b
from tests.ontology.checks import Case, assert_case, run_case, validate_entity

BUILD = b.module_graph
M = b.iri("module", "4073201")
O = b.sub(M, "outcome", "1")  # noqa: E741
TITLE = DCTERMS.title


def drop_lang(node: URIRef, lang: str):
    def mutate(g: Graph) -> None:
        for literal in list(g.objects(node, TITLE)):
            if literal.language == lang:
                g.remove((node, TITLE, literal))

    return mutate


CASES = [
    Case(
        "Module-identifier",
        lambda g: g.set((M, DCTERMS.identifier, Literal("407320"))),
        M,
        DCTERMS.identifier,
        label="six-digits",
    ),
    Case(
        "Module-identifier",
        lambda g: g.set((M, DCTERMS.identifier, Literal(4073201))),
        M,
        DCTERMS.identifier,
        label="integer",
    ),
    Case("Module-title", lambda g: g.add((M, TITLE, Literal("Kitas", lang="lt"))), M, TITLE),
    Case("Module-title-lt", drop_lang(M, "lt"), M, TITLE),
    Case("Module-title-en", drop_lang(M, "en"), M, TITLE, SH.Warning),
    Case("Module-NQFLevel", lambda g: g.remove((M, ELM.NQFLevel, None)), M, ELM.NQFLevel),
    Case("Module-NQFLevel-ref", lambda g: g.set((M, ELM.NQFLevel, b.level(0))), M, ELM.NQFLevel),
    Case(
        "Module-NQFLevel-scheme",
        lambda g: g.set((M, ELM.NQFLevel, b.iri("sector", b.SECTOR))),
        M,
        ELM.NQFLevel,
    ),
    Case("Module-credits", lambda g: g.set((M, KQ.credits, Literal(0))), M, KQ.credits, label="zero"),
    Case("Module-credits", lambda g: g.set((M, KQ.credits, Literal("5"))), M, KQ.credits, label="string"),
    Case(
        "Module-credits",
        lambda g: g.set((M, KQ.credits, Literal("2.5", datatype=b.DECIMAL))),
        M,
        KQ.credits,
        label="decimal",
    ),
    Case("Module-credits", lambda g: g.remove((M, KQ.credits, None)), M, KQ.credits, label="missing"),
    Case(
        "Module-hasCompetence",
        lambda g: g.add((M, KQ.hasCompetence, Literal("PSF01-V03-K1"))),
        M,
        KQ.hasCompetence,
    ),
    Case(
        "Module-hasCompetence-ref",
        lambda g: g.add((M, KQ.hasCompetence, b.iri("competence", "PSF01-V03-K9"))),
        M,
        KQ.hasCompetence,
    ),
    Case(
        "Module-learningOutcome",
        lambda g: g.add((M, ELM.learningOutcome, Literal("Mūryti"))),
        M,
        ELM.learningOutcome,
    ),
    Case(
        "Module-learningOutcome-ref",
        lambda g: g.add((M, ELM.learningOutcome, b.sub(M, "outcome", "2"))),
        M,
        ELM.learningOutcome,
    ),
    Case("Module-identifier-level", lambda g: g.set((M, ELM.NQFLevel, b.level(3))), M, DCTERMS.identifier),
    Case(
        "LearningOutcome-assessmentCriterion",
        lambda g: g.add((O, KQ.assessmentCriterion, Literal("Kitas kriterijus", lang="lt"))),
        O,
        KQ.assessmentCriterion,
        label="module-two-lt",
    ),
]


@pytest.mark.parametrize("code", sorted(b.MODULES))
def test_default_modules_conform(code: str) -> None:
    assert validate_entity(BUILD(code)) == []


def test_module_without_competences_or_outcomes_conforms() -> None:
    g = BUILD()
    g.remove((M, KQ.hasCompetence, None))
    g.remove((M, ELM.learningOutcome, None))
    g.remove((O, None, None))
    assert validate_entity(g) == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_failing_example(case: Case) -> None:
    assert_case(run_case(BUILD, case), case)
