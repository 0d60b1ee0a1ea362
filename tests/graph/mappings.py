"""Sample mappings for every registry type, as the Django models will declare them.

They follow ontology/MODEL.md field by field, so the tests exercise the real shapes with
realistic graphs; they double as an example for the Django side.
"""

from __future__ import annotations

from graph.mapping import (
    ChildMapping,
    Children,
    ChildUri,
    ConceptRef,
    Constant,
    Embedded,
    EntityMapping,
    Ref,
    Text,
    Value,
)
from graph.uris import scheme_uri
from ontology.namespaces import ADMS, DCTERMS, ELM, EQF, ESCO, ISCED_F, KQ, SKOS, XSD

STATUS = {"valid": KQ.StatusValid, "withdrawn": KQ.StatusWithdrawn}
EQF_BY_LEVEL = {n: EQF[str(n)] for n in range(1, 9)}
ROLES = {
    "introductory": KQ.RoleIntroductory,
    "general": KQ.RoleGeneral,
    "competence": KQ.RoleCompetence,
    "optional": KQ.RoleOptional,
    "final": KQ.RoleFinal,
}


def titles(prefix: str = "title", predicate=DCTERMS.title) -> list[Text]:
    return [Text(f"{prefix}_lt", predicate, "lt"), Text(f"{prefix}_en", predicate, "en")]


SECTOR = EntityMapping(
    "sector",
    [SKOS.Concept],
    [
        Constant(SKOS.inScheme, lambda base: scheme_uri(base, "sector")),
        Value("code", SKOS.notation),
        *titles("name", SKOS.prefLabel),
        *titles("definition", SKOS.definition),
        Value("nace_sections", KQ.naceSection, many=True),
        Embedded(
            KQ.hasCommittee,
            [KQ.SectorCommittee],
            ChildUri.minted("committee"),
            titles("committee_name", SKOS.prefLabel),
            inverse=KQ.committeeOf,
        ),
    ],
)

STANDARD = EntityMapping(
    "standard",
    [KQ.OccupationalStandard],
    [
        Value("code", DCTERMS.identifier),
        *titles(),
        *titles("description", DCTERMS.description),
        Ref("sector", KQ.sector, "sector"),
        Value("approval_order", KQ.approvalOrder),
        Value("issued", DCTERMS.issued),
        ConceptRef("status", ADMS.status, STATUS),
    ],
)

COMPETENCE = ChildMapping(
    [ESCO.Skill, SKOS.Concept],
    ChildUri.minted("competence"),
    [
        Value("code", SKOS.notation),
        *titles("name", SKOS.prefLabel),
        *titles("boundary", KQ.competenceBoundary),
    ],
)

UNIT = EntityMapping(
    "unit",
    [KQ.QualificationUnit],
    [
        Value("code", DCTERMS.identifier),
        *titles(),
        Ref("level", ELM.NQFLevel, "level"),
        Ref("standard", KQ.occupationalStandard, "standard"),
        Value("specialisation", KQ.specialisation),
        Children("competences", KQ.hasCompetence, COMPETENCE, inverse=KQ.partOfUnit),
    ],
)

OUTCOME = ChildMapping(
    [ELM.LearningOutcome],
    ChildUri.sub("outcome"),
    [*titles("text"), Value("position", KQ.position)],
)

QUALIFICATION = EntityMapping(
    "qualification",
    [ELM.Qualification],
    [
        Value("code", DCTERMS.identifier),
        *titles(),
        *titles("description", DCTERMS.description),
        Ref("level", ELM.NQFLevel, "level"),
        ConceptRef("level", ELM.EQFLevel, EQF_BY_LEVEL),
        Ref("sectors", KQ.sector, "sector", many=True),
        Ref("standard", KQ.occupationalStandard, "standard"),
        Ref("units", KQ.hasUnit, "unit", many=True),
        Children("outcomes", ELM.learningOutcome, OUTCOME),
        ConceptRef("isced_f", ELM.ISCEDFCode, lambda code: ISCED_F[str(code)]),
        ConceptRef(
            "qualification_type",
            KQ.qualificationType,
            {"work": KQ.QualificationForWork, "learning": KQ.QualificationForLearning},
        ),
        ConceptRef("status", ADMS.status, STATUS),
        Value("issued", DCTERMS.issued),
        Value("valid_until", KQ.validUntil),
        Value("modified", DCTERMS.modified),
    ],
)

MODULE_OUTCOME = ChildMapping(
    [ELM.LearningOutcome],
    ChildUri.sub("outcome"),
    [*titles("text"), *titles("criterion", KQ.assessmentCriterion), Value("position", KQ.position)],
)

MODULE = EntityMapping(
    "module",
    [KQ.Module],
    [
        Value("code", DCTERMS.identifier),
        *titles(),
        Ref("level", ELM.NQFLevel, "level"),
        Value("credits", KQ.credits, datatype=XSD.integer),
        Ref("competences", KQ.hasCompetence, "competence", many=True),
        Children("outcomes", ELM.learningOutcome, MODULE_OUTCOME),
    ],
)

MEMBERSHIP = ChildMapping(
    [KQ.ModuleMembership],
    ChildUri.sub("module", key="module"),
    [
        Ref("module", KQ.module, "module"),
        ConceptRef("role", KQ.moduleRole, ROLES),
        Value("position", KQ.position),
    ],
)

PROGRAMME = EntityMapping(
    "programme",
    [KQ.VetProgramme],
    [
        Value("code", DCTERMS.identifier),
        *titles(),
        *titles("description", DCTERMS.description),
        ConceptRef("kind", KQ.programmeKind, {"initial": KQ.InitialVet, "continuing": KQ.ContinuingVet}),
        Ref("qualification", KQ.awardsQualification, "qualification"),
        Ref("level", ELM.NQFLevel, "level"),
        Value("credits", KQ.credits),
        Value("required_optional_credits", KQ.requiredOptionalCredits),
        Ref("module_codes", ELM.hasPart, "module", many=True),
        Children("modules", KQ.hasModuleMembership, MEMBERSHIP),
    ],
)

MAPPINGS = {m.type_slug: m for m in (SECTOR, STANDARD, UNIT, QUALIFICATION, MODULE, PROGRAMME)}
