"""Occupational standard shapes (standard.ttl)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal

from ontology.namespaces import ADMS, DCTERMS, KQ, SH
from tests.ontology import builders as b
from tests.ontology.checks import Case, assert_case, run_case, validate_entity

BUILD = b.standard_graph
PS = b.iri("standard", b.STANDARD)
TITLE = DCTERMS.title


def drop_title(lang: str):
    def mutate(g: Graph) -> None:
        for title in list(g.objects(PS, TITLE)):
            if title.language == lang:
                g.remove((PS, TITLE, title))

    return mutate


CASES = [
    Case(
        "OccupationalStandard-identifier",
        lambda g: g.set((PS, DCTERMS.identifier, Literal("PS01"))),
        PS,
        DCTERMS.identifier,
        label="pattern",
    ),
    Case(
        "OccupationalStandard-identifier",
        lambda g: g.remove((PS, DCTERMS.identifier, None)),
        PS,
        DCTERMS.identifier,
        label="missing",
    ),
    Case(
        "OccupationalStandard-title",
        lambda g: g.add((PS, TITLE, Literal("Kitas", lang="lt"))),
        PS,
        TITLE,
        label="two-lt",
    ),
    Case(
        "OccupationalStandard-title",
        lambda g: g.add((PS, TITLE, Literal("Be kalbos"))),
        PS,
        TITLE,
        label="no-language",
    ),
    Case("OccupationalStandard-title-lt", drop_title("lt"), PS, TITLE),
    Case("OccupationalStandard-title-en", drop_title("en"), PS, TITLE, SH.Warning),
    Case(
        "OccupationalStandard-description",
        lambda g: g.add((PS, DCTERMS.description, Literal("Be kalbos"))),
        PS,
        DCTERMS.description,
    ),
    Case(
        "OccupationalStandard-sector",
        lambda g: g.remove((PS, KQ.sector, None)),
        PS,
        KQ.sector,
        label="missing",
    ),
    Case(
        "OccupationalStandard-sector",
        lambda g: g.add((PS, KQ.sector, b.iri("sector", "S06"))),
        PS,
        KQ.sector,
        label="two",
    ),
    Case(
        "OccupationalStandard-sector-ref",
        lambda g: g.set((PS, KQ.sector, b.iri("sector", "S99"))),
        PS,
        KQ.sector,
    ),
    Case("OccupationalStandard-sector-scheme", lambda g: g.set((PS, KQ.sector, b.level(4))), PS, KQ.sector),
    Case(
        "OccupationalStandard-approvalOrder",
        lambda g: g.add((PS, KQ.approvalOrder, Literal("V-2"))),
        PS,
        KQ.approvalOrder,
    ),
    Case(
        "OccupationalStandard-issued",
        lambda g: g.set((PS, DCTERMS.issued, Literal("2019-07-12"))),
        PS,
        DCTERMS.issued,
    ),
    Case(
        "OccupationalStandard-status",
        lambda g: g.set((PS, ADMS.status, KQ.RoleFinal)),
        PS,
        ADMS.status,
        label="not-a-status",
    ),
    Case(
        "OccupationalStandard-status",
        lambda g: g.remove((PS, ADMS.status, None)),
        PS,
        ADMS.status,
        label="missing",
    ),
]


def test_default_standard_conforms() -> None:
    assert validate_entity(BUILD()) == []


def test_withdrawn_standard_without_optional_fields_conforms() -> None:
    g = BUILD()
    g.set((PS, ADMS.status, KQ.StatusWithdrawn))
    for optional in (DCTERMS.description, KQ.approvalOrder, DCTERMS.issued):
        g.remove((PS, optional, None))
    assert validate_entity(g) == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_failing_example(case: Case) -> None:
    assert_case(run_case(BUILD, case), case)
