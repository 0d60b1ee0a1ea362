"""Vocabulary terms used by the project, as closed rdflib namespaces.

One place for every IRI prefix (see ``ontology/MODEL.md``). The ``DefinedNamespace``
classes are closed (``_fail = True``), so a misspelt term raises ``AttributeError`` at
import or call time instead of silently minting a new IRI.

rdflib already ships SKOS, DCTERMS, SH, ORG, FOAF, XSD, RDF, RDFS and OWL; they are
re-exported here so callers import every namespace from one module. rdflib has no
ADMS namespace, so the few ADMS terms we use are declared below.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    RDF,
    RDFS,
    SH,
    SKOS,
    XSD,
    DefinedNamespace,
    Namespace,
)

__all__ = [
    "ADMS",
    "DCTERMS",
    "ELM",
    "EQF",
    "ESCO",
    "FOAF",
    "ISCED_F",
    "KQ",
    "KQSH",
    "LTKS_TO_QDR",
    "ORG",
    "OWL",
    "PREFIXES",
    "QDR",
    "RDF",
    "RDFS",
    "SH",
    "SKOS",
    "XSD",
    "bind_prefixes",
]


class KQ(DefinedNamespace):
    """KPMPC qualifications ontology: terms that ELM, SKOS and ESCO do not provide.

    Generated from: ontology/kpmpc.ttl (kept in step by tests/ontology/test_namespaces.py)
    """

    _fail = True

    # Classes
    OccupationalStandard: URIRef  # An occupational standard (profesinis standartas) of a sector.
    QualificationUnit: URIRef  # A unit of a qualification: a bundle of competences assessed together.
    SectorCommittee: URIRef  # A sectoral professional committee (SPK); an org:Organization.
    Module: URIRef  # A module of a modular VET programme; an elm:LearningAchievementSpecification.
    VetProgramme: URIRef  # A modular VET programme; an elm:LearningAchievementSpecification.
    ModuleMembership: URIRef  # The place of one module in one programme (role and position).

    # Properties
    sector: URIRef  # Economic sector of a standard or qualification.
    naceSection: URIRef  # NACE Rev. 2 (EVRK) section letter covered by a sector.
    hasCommittee: URIRef  # The sectoral professional committee of a sector.
    committeeOf: URIRef  # The sector a sectoral professional committee works for.
    approvalOrder: URIRef  # Number of the order that approved a standard.
    occupationalStandard: URIRef  # The occupational standard a unit or qualification is based on.
    specialisation: URIRef  # Whether a qualification unit is a specialisation unit.
    hasCompetence: URIRef  # A competence of a qualification unit or developed by a module.
    competenceBoundary: URIRef  # Scope and conditions of a competence (kompetencijos ribos).
    partOfUnit: URIRef  # The qualification unit a competence belongs to.
    hasUnit: URIRef  # A qualification unit that makes up a qualification.
    qualificationType: URIRef  # Qualification for work or for learning.
    validUntil: URIRef  # Last day a qualification is valid.
    credits: URIRef  # Volume in learning credits.
    assessmentCriterion: URIRef  # Assessment criterion of a module's learning outcome.
    position: URIRef  # 1-based order of an outcome or a module in its list.
    programmeKind: URIRef  # Initial or continuing VET.
    awardsQualification: URIRef  # The qualification a programme leads to.
    requiredOptionalCredits: URIRef  # Credits a learner must take from optional modules.
    hasModuleMembership: URIRef  # A module membership of a programme.
    module: URIRef  # The module of a module membership.
    moduleRole: URIRef  # The role of a module in a programme.
    romanNumeral: URIRef  # Roman numeral of an LTKS level, as used in Lithuanian texts.

    # Concept schemes and their concepts
    ModuleRoleScheme: URIRef  # Roles a module can have in a programme.
    RoleIntroductory: URIRef  # Introductory module (įvadinis modulis).
    RoleGeneral: URIRef  # General module (bendrasis modulis).
    RoleCompetence: URIRef  # Module for the competences that make up the qualification.
    RoleOptional: URIRef  # Optional module (pasirenkamasis modulis).
    RoleFinal: URIRef  # Final module (baigiamasis modulis).
    StatusScheme: URIRef  # Register status of a standard or qualification.
    StatusValid: URIRef  # Valid (galiojanti).
    StatusWithdrawn: URIRef  # Withdrawn from the register (išregistruota).
    QualificationTypeScheme: URIRef  # Types of qualification in the LTKS.
    QualificationForWork: URIRef  # Qualification for work (kvalifikacija darbui).
    QualificationForLearning: URIRef  # Qualification for learning (kvalifikacija mokymuisi).
    ProgrammeKindScheme: URIRef  # Kinds of VET programme.
    InitialVet: URIRef  # Initial VET (pirminis profesinis mokymas).
    ContinuingVet: URIRef  # Continuing VET (tęstinis profesinis mokymas).

    _NS = Namespace("https://data.kpmpc.lt/ontology/")


class ELM(DefinedNamespace):
    """European Learning Model 3.1: only the terms this project uses.

    Generated from: ELM.ttl (http://data.europa.eu/snb/model/elm, versionInfo 3.1.0)
    """

    _fail = True

    # Classes
    Qualification: URIRef  # A qualification (formal outcome of assessment and validation).
    LearningOutcome: URIRef  # A statement of what a learner knows, understands and can do.
    LearningAchievementSpecification: URIRef  # Specification of a learning achievement.
    CreditPoint: URIRef  # A number of credit points in a credit framework.

    # Properties
    NQFLevel: URIRef  # Level in a national qualifications framework.
    EQFLevel: URIRef  # Level in the European Qualifications Framework.
    ISCEDFCode: URIRef  # ISCED-F 2013 field of education and training.
    learningOutcome: URIRef  # A learning outcome of a specification.
    hasPart: URIRef  # A smaller specification included in this one.
    isPartOf: URIRef  # A larger specification that includes this one.
    creditPoint: URIRef  # Credit points of a specification.
    framework: URIRef  # The credit framework of a credit point.
    point: URIRef  # The number of credits of a credit point.

    _NS = Namespace("http://data.europa.eu/snb/model/elm/")


class ESCO(DefinedNamespace):
    """ESCO model: only the classes we reuse."""

    _fail = True

    Skill: URIRef  # A skill or competence (we type our competences as esco:Skill).
    Occupation: URIRef  # An occupation.

    _NS = Namespace("http://data.europa.eu/esco/model#")


class ADMS(DefinedNamespace):
    """Asset Description Metadata Schema: the terms ELM and we reuse (rdflib ships none)."""

    _fail = True

    Identifier: URIRef  # An identifier in a particular context.
    identifier: URIRef  # Links a resource to an adms:Identifier.
    status: URIRef  # The status of a resource.

    _NS = Namespace("http://www.w3.org/ns/adms#")


#: Shapes are many and named by convention (``kqsh:{Entity}-{property}[-{lang}]``), so open.
KQSH = Namespace("https://data.kpmpc.lt/shapes/")

#: EU Vocabularies concept IRIs (opaque or numeric local names, so plain namespaces).
EQF = Namespace("http://data.europa.eu/snb/eqf/")
ISCED_F = Namespace("http://data.europa.eu/snb/isced-f/")
QDR = Namespace("http://data.europa.eu/snb/qdr/")

#: LTKS level number → the LTQF level concept in the Qualifications Dataset Register.
LTKS_TO_QDR: dict[int, URIRef] = {
    1: QDR["c_98b42a9f"],
    2: QDR["c_8525e36a"],
    3: QDR["c_9d34b310"],
    4: QDR["c_d1e9f55d"],
    5: QDR["c_b62fa7ef"],
    6: QDR["c_caa3091a"],
    7: QDR["c_dbbbe65b"],
    8: QDR["c_6e015474"],
}

#: The one prefix map: bind it on every graph we serialise or query.
PREFIXES: dict[str, Namespace] = {
    "kq": KQ._NS,
    "kqsh": KQSH,
    "elm": ELM._NS,
    "esco": ESCO._NS,
    "adms": ADMS._NS,
    "skos": Namespace(str(SKOS)),
    "dcterms": Namespace(str(DCTERMS)),
    "sh": Namespace(str(SH)),
    "org": Namespace(str(ORG)),
    "foaf": Namespace(str(FOAF)),
    "xsd": Namespace(str(XSD)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "eqf": EQF,
    "iscedf": ISCED_F,
    "qdr": QDR,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind :data:`PREFIXES` on ``graph`` (replacing clashing bindings) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
