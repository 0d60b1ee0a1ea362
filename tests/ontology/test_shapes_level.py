"""LTKS level shapes (level.ttl) and the SKOS label rule (concept.ttl), on the level-4 concept."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from ontology.namespaces import EQF, KQ, LTKS_TO_QDR, SH, SKOS
from tests.ontology import builders as b
from tests.ontology.checks import Case, assert_case, run_case, validate_entity

L = b.level(4)
LABEL, MATCH = SKOS.prefLabel, SKOS.exactMatch


def level_graph() -> Graph:
    """Level 4 as the vocabulary defines it (its own graph is the LTKS vocabulary graph)."""
    g = Graph()
    for triple in b.vocabularies().triples((L, None, None)):
        g.add(triple)
    return g


def drop_lang(lang: str):
    def mutate(g: Graph) -> None:
        for label in list(g.objects(L, LABEL)):
            if label.language == lang:
                g.remove((L, LABEL, label))

    return mutate


CASES = [
    Case("Concept-prefLabel", lambda g: g.add((L, LABEL, Literal("Ketvirtas lygis", lang="lt"))), L, LABEL),
    Case("Level-inScheme", lambda g: g.remove((L, SKOS.inScheme, None)), L, SKOS.inScheme, label="missing"),
    Case(
        "Level-inScheme",
        lambda g: g.set((L, SKOS.inScheme, URIRef(f"{b.BASE}/id/scheme/sector"))),
        L,
        SKOS.inScheme,
        label="other-scheme",
    ),
    Case(
        "Level-notation", lambda g: g.set((L, SKOS.notation, Literal("9"))), L, SKOS.notation, label="pattern"
    ),
    Case("Level-notation", lambda g: g.remove((L, SKOS.notation, None)), L, SKOS.notation, label="missing"),
    Case(
        "Level-romanNumeral",
        lambda g: g.set((L, KQ.romanNumeral, Literal("IIII"))),
        L,
        KQ.romanNumeral,
        label="pattern",
    ),
    Case(
        "Level-romanNumeral",
        lambda g: g.add((L, KQ.romanNumeral, Literal("V"))),
        L,
        KQ.romanNumeral,
        label="two",
    ),
    Case("Level-prefLabel-lt", drop_lang("lt"), L, LABEL),
    Case("Level-prefLabel-en", drop_lang("en"), L, LABEL, SH.Warning),
    Case(
        "Level-exactMatch-eqf",
        lambda g: (g.remove((L, MATCH, EQF["4"])), g.add((L, MATCH, EQF["5"]))),
        L,
        MATCH,
    ),
    Case("Level-exactMatch-qdr", lambda g: g.remove((L, MATCH, LTKS_TO_QDR[4])), L, MATCH),
]


@pytest.mark.parametrize("number", range(1, 9))
def test_every_vocabulary_level_conforms(number: int) -> None:
    level = b.level(number)
    g = Graph()
    for triple in b.vocabularies().triples((level, None, None)):
        g.add(triple)
    assert validate_entity(g) == []


def test_rules_skip_concepts_that_are_not_levels() -> None:
    """EQF level 4 is a concept without notation rules of ours (no Roman numeral, no QDR match)."""
    g = Graph()
    for triple in b.vocabularies().triples((EQF["4"], None, None)):
        g.add(triple)
    assert validate_entity(g) == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_failing_example(case: Case) -> None:
    assert_case(run_case(level_graph, case), case)
