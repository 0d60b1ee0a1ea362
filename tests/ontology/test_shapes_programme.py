"""Modular VET programme and module membership shapes (programme.ttl)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from ontology.namespaces import DCTERMS, ELM, KQ, SH
from tests.ontology import builders as b
from tests.ontology.checks import Case, assert_case, run_case, validate_entity

BUILD = b.programme_graph
P = b.iri("programme", b.PROGRAMME)
TITLE, MEMBERSHIP, PART = DCTERMS.title, KQ.hasModuleMembership, ELM.hasPart
INTRO, FINAL, OPTIONAL = "4000006", "4000002", "4073203"


def member(code: str) -> URIRef:
    return b.membership_iri(P, code)


def drop_lang(lang: str):
    def mutate(g: Graph) -> None:
        for literal in list(g.objects(P, TITLE)):
            if literal.language == lang:
                g.remove((P, TITLE, literal))

    return mutate


def set_role(code: str, role: URIRef):
    return lambda g: g.set((member(code), KQ.moduleRole, role))


def unlist_membership(g: Graph) -> None:
    """Keep elm:hasPart to the optional module but drop its membership."""
    g.remove((P, MEMBERSHIP, member(OPTIONAL)))
    g.remove((member(OPTIONAL), None, None))


def require_more_optional_credits(g: Graph) -> None:
    """Require 15 optional credits (10 offered), keeping the credit sum right (55 + 15)."""
    g.set((P, KQ.requiredOptionalCredits, Literal(15)))
    g.set((P, KQ.credits, Literal(70)))


def add_second_final(g: Graph) -> None:
    """Make the extra 5-credit module a second final module (and keep the credit sum right)."""
    b.add_membership(g, P, b.EXTRA_MODULE, KQ.RoleFinal, 7)
    g.set((P, KQ.credits, Literal(b.PROGRAMME_CREDITS + 5)))


CASES = [
    Case(
        "VetProgramme-identifier",
        lambda g: g.set((P, DCTERMS.identifier, Literal("X44073201"))),
        P,
        DCTERMS.identifier,
    ),
    Case("VetProgramme-title", lambda g: g.add((P, TITLE, Literal("Kita", lang="lt"))), P, TITLE),
    Case("VetProgramme-title-lt", drop_lang("lt"), P, TITLE),
    Case("VetProgramme-title-en", drop_lang("en"), P, TITLE, SH.Warning),
    Case(
        "VetProgramme-description",
        lambda g: g.add((P, DCTERMS.description, Literal("Be kalbos"))),
        P,
        DCTERMS.description,
    ),
    Case(
        "VetProgramme-programmeKind",
        lambda g: g.set((P, KQ.programmeKind, KQ.RoleFinal)),
        P,
        KQ.programmeKind,
    ),
    Case(
        "VetProgramme-awardsQualification",
        lambda g: g.remove((P, KQ.awardsQualification, None)),
        P,
        KQ.awardsQualification,
    ),
    Case(
        "VetProgramme-awardsQualification-ref",
        lambda g: g.set((P, KQ.awardsQualification, b.iri("qualification", "K4073299"))),
        P,
        KQ.awardsQualification,
    ),
    Case("VetProgramme-NQFLevel", lambda g: g.remove((P, ELM.NQFLevel, None)), P, ELM.NQFLevel),
    Case("VetProgramme-NQFLevel-ref", lambda g: g.set((P, ELM.NQFLevel, b.level(9))), P, ELM.NQFLevel),
    Case(
        "VetProgramme-NQFLevel-scheme",
        lambda g: g.set((P, ELM.NQFLevel, b.iri("sector", b.SECTOR))),
        P,
        ELM.NQFLevel,
    ),
    Case("VetProgramme-credits", lambda g: g.set((P, KQ.credits, Literal(-60))), P, KQ.credits),
    Case(
        "VetProgramme-requiredOptionalCredits",
        lambda g: g.set((P, KQ.requiredOptionalCredits, Literal(-5))),
        P,
        KQ.requiredOptionalCredits,
    ),
    Case("VetProgramme-hasPart", lambda g: g.remove((P, PART, None)), P, PART),
    Case(
        "VetProgramme-hasPart-ref", lambda g: b.add_membership(g, P, "4079999", KQ.RoleOptional, 7), P, PART
    ),
    Case("VetProgramme-hasModuleMembership", lambda g: g.remove((P, MEMBERSHIP, None)), P, MEMBERSHIP),
    Case(
        "VetProgramme-hasModuleMembership-ref",
        lambda g: g.add((P, MEMBERSHIP, member("4999999"))),
        P,
        MEMBERSHIP,
    ),
    Case("VetProgramme-hasPart-membership", unlist_membership, P, PART, label="no-membership"),
    Case(
        "VetProgramme-hasPart-membership",
        lambda g: g.remove((P, PART, b.iri("module", OPTIONAL))),
        P,
        PART,
        label="no-hasPart",
    ),
    Case(
        "VetProgramme-credits-sum",
        lambda g: g.set((P, KQ.credits, Literal(61))),
        P,
        KQ.credits,
        label="declared",
    ),
    Case(
        "VetProgramme-credits-sum", set_role(OPTIONAL, KQ.RoleCompetence), P, KQ.credits, label="role-changed"
    ),
    Case(
        "VetProgramme-requiredOptionalCredits-offered",
        require_more_optional_credits,
        P,
        KQ.requiredOptionalCredits,
    ),
    Case(
        "VetProgramme-hasModuleMembership-introductory",
        set_role(INTRO, KQ.RoleGeneral),
        P,
        MEMBERSHIP,
        label="none",
    ),
    Case(
        "VetProgramme-hasModuleMembership-final",
        set_role(FINAL, KQ.RoleCompetence),
        P,
        MEMBERSHIP,
        label="none",
    ),
    Case("VetProgramme-hasModuleMembership-final", add_second_final, P, MEMBERSHIP, label="two"),
    Case(
        "ModuleMembership-module",
        lambda g: g.remove((member(INTRO), KQ.module, None)),
        member(INTRO),
        KQ.module,
    ),
    Case(
        "ModuleMembership-module-ref",
        lambda g: g.set((member(INTRO), KQ.module, b.iri("module", "4999999"))),
        member(INTRO),
        KQ.module,
    ),
    Case(
        "ModuleMembership-moduleRole",
        set_role(INTRO, KQ.StatusValid),
        member(INTRO),
        KQ.moduleRole,
        label="not-a-role",
    ),
    Case(
        "ModuleMembership-moduleRole",
        lambda g: g.remove((member(INTRO), KQ.moduleRole, None)),
        member(INTRO),
        KQ.moduleRole,
        label="missing",
    ),
    Case(
        "ModuleMembership-position",
        lambda g: g.set((member(INTRO), KQ.position, Literal(0))),
        member(INTRO),
        KQ.position,
    ),
]


def test_default_programme_conforms() -> None:
    assert validate_entity(BUILD()) == []


def test_continuing_programme_without_introductory_module_conforms() -> None:
    g = BUILD()
    g.set((P, KQ.programmeKind, KQ.ContinuingVet))
    g.set((member(INTRO), KQ.moduleRole, KQ.RoleGeneral))
    assert validate_entity(g) == []


def test_more_optional_modules_than_required_conform() -> None:
    g = BUILD()
    b.add_membership(g, P, b.EXTRA_MODULE, KQ.RoleOptional, 7)
    assert validate_entity(g) == []


def test_programme_without_optional_credits_conforms() -> None:
    """No optional modules offered and none required: credits = the mandatory modules' sum."""
    g = BUILD()
    for code in ("4073202", OPTIONAL):
        g.remove((P, PART, b.iri("module", code)))
        g.remove((P, MEMBERSHIP, member(code)))
        g.remove((member(code), None, None))
    g.set((P, KQ.requiredOptionalCredits, Literal(0)))
    g.set((P, KQ.credits, Literal(b.PROGRAMME_CREDITS - b.REQUIRED_OPTIONAL_CREDITS)))
    assert validate_entity(g) == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_failing_example(case: Case) -> None:
    assert_case(run_case(BUILD, case), case)
