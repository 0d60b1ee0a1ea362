"""Minimal conforming entity graphs for the shape tests, and a publish-gate imitation.

Each builder returns the content of one entity's named graph (MODEL.md, URIs) under the test
base ``https://example.test``. Tests alter one triple and check which shape reports it.
``world()`` is the store: the vocabularies plus every default entity, so that references
resolve the way they do once the referenced entities are published.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph, Literal, URIRef

from ontology.loader import VOCABULARIES, load_vocabulary
from ontology.namespaces import ADMS, DCTERMS, ELM, EQF, ESCO, ISCED_F, KQ, RDF, SKOS, XSD, bind_prefixes

BASE = "https://example.test"

SECTOR = "S05"
STANDARD = "PSF01"
UNIT = "PSF01-V03"
COMPETENCES = ("PSF01-V03-K1", "PSF01-V03-K2")
QUALIFICATION = "K4073201"
PROGRAMME = "M44073201"

#: Programme modules: code → (role, credits, Lithuanian title, English title).
MODULES: dict[str, tuple[URIRef, int, str, str]] = {
    "4000006": (KQ.RoleIntroductory, 2, "Įvadas į profesiją", "Introduction to the profession"),
    "4102201": (
        KQ.RoleGeneral,
        1,
        "Saugus elgesys ekstremaliose situacijose",
        "Safe behaviour in emergencies",
    ),
    "4073201": (KQ.RoleCompetence, 42, "Mūrijimo darbai", "Bricklaying"),
    "4073202": (KQ.RoleOptional, 5, "Apdailos darbai", "Finishing work"),
    "4073203": (KQ.RoleOptional, 5, "Plytelių klijavimas", "Tiling"),
    "4000002": (KQ.RoleFinal, 10, "Įvadas į darbo rinką", "Introduction to the labour market"),
}
REQUIRED_OPTIONAL_CREDITS = 5
PROGRAMME_CREDITS = 60  # 2 + 1 + 42 + 10 (non-optional) + 5 (optional)

# Datatypes for tests (test modules avoid importing rdflib's XSD: pytest's collection probes
# module attributes and XSD, an open namespace, warns on every unknown name).
DATE, DATE_TIME, DECIMAL = XSD.date, XSD.dateTime, XSD.decimal


def iri(kind: str, code: str) -> URIRef:
    """The test-base IRI of an entity (stands in for graph/uris.py, which tests here avoid)."""
    return URIRef(f"{BASE}/id/{kind}/{code}")


def level(number: int) -> URIRef:
    return iri("level", str(number))


def sub(parent: URIRef, *segments: str) -> URIRef:
    """IRI of a sub-node: ``{parent}/outcome/1`` or ``{programme}/module/{code}``."""
    return URIRef("/".join([str(parent), *segments]))


def lt_en(lt: str, en: str) -> tuple[Literal, Literal]:
    return Literal(lt, lang="lt"), Literal(en, lang="en")


def _graph() -> Graph:
    return bind_prefixes(Graph())


def _add_labels(g: Graph, node: URIRef, predicate: URIRef, lt: str, en: str) -> None:
    for literal in lt_en(lt, en):
        g.add((node, predicate, literal))


def _add_outcome(g: Graph, owner: URIRef, position: int, lt: str, en: str, *, criterion: bool) -> URIRef:
    outcome = sub(owner, "outcome", str(position))
    g.add((owner, ELM.learningOutcome, outcome))
    g.add((outcome, RDF.type, ELM.LearningOutcome))
    _add_labels(g, outcome, DCTERMS.title, lt, en)
    g.add((outcome, KQ.position, Literal(position)))
    if criterion:
        _add_labels(
            g,
            outcome,
            KQ.assessmentCriterion,
            "Darbas atliktas pagal technologiją.",
            "Work done to the method.",
        )
    return outcome


def sector_graph(code: str = SECTOR) -> Graph:
    """A sector and its committee, as graph/ projects a Sector row."""
    g = _graph()
    sector, committee = iri("sector", code), iri("committee", code)
    g.add((sector, RDF.type, SKOS.Concept))
    g.add((sector, SKOS.inScheme, URIRef(f"{BASE}/id/scheme/sector")))
    g.add((sector, SKOS.notation, Literal(code)))
    _add_labels(g, sector, SKOS.prefLabel, "Statybos", "Construction")
    g.add((sector, KQ.naceSection, Literal("F")))
    g.add((sector, KQ.hasCommittee, committee))
    g.add((committee, RDF.type, KQ.SectorCommittee))
    _add_labels(
        g,
        committee,
        SKOS.prefLabel,
        "Statybos sektorinis profesinis komitetas",
        "Construction Sectoral Professional Committee",
    )
    g.add((committee, KQ.committeeOf, sector))
    return g


def standard_graph(code: str = STANDARD) -> Graph:
    g = _graph()
    standard = iri("standard", code)
    g.add((standard, RDF.type, KQ.OccupationalStandard))
    g.add((standard, DCTERMS.identifier, Literal(code)))
    _add_labels(
        g,
        standard,
        DCTERMS.title,
        "Statybos sektoriaus profesinis standartas",
        "Construction occupational standard",
    )
    _add_labels(g, standard, DCTERMS.description, "Statybos kvalifikacijos.", "Construction qualifications.")
    g.add((standard, KQ.sector, iri("sector", SECTOR)))
    g.add((standard, KQ.approvalOrder, Literal("V1-140")))
    g.add((standard, DCTERMS.issued, Literal("2019-07-12", datatype=XSD.date)))
    g.add((standard, ADMS.status, KQ.StatusValid))
    return g


def unit_graph(code: str = UNIT) -> Graph:
    """A qualification unit with its competences (they live in the unit's named graph)."""
    g = _graph()
    unit = iri("unit", code)
    g.add((unit, RDF.type, KQ.QualificationUnit))
    g.add((unit, DCTERMS.identifier, Literal(code)))
    _add_labels(g, unit, DCTERMS.title, "Mūrijimas", "Bricklaying")
    g.add((unit, ELM.NQFLevel, level(4)))
    g.add((unit, KQ.occupationalStandard, iri("standard", STANDARD)))
    g.add((unit, KQ.specialisation, Literal(False)))
    for number, competence_code in enumerate(COMPETENCES, 1):
        competence = iri("competence", competence_code)
        g.add((unit, KQ.hasCompetence, competence))
        g.add((competence, RDF.type, ESCO.Skill))
        g.add((competence, RDF.type, SKOS.Concept))
        g.add((competence, SKOS.notation, Literal(competence_code)))
        _add_labels(g, competence, SKOS.prefLabel, f"Mūryti sienas ({number})", f"Build walls ({number})")
        _add_labels(g, competence, KQ.competenceBoundary, "Plytų mūras.", "Brick masonry.")
        g.add((competence, KQ.partOfUnit, unit))
    return g


def qualification_graph(code: str = QUALIFICATION) -> Graph:
    g = _graph()
    q = iri("qualification", code)
    g.add((q, RDF.type, ELM.Qualification))
    g.add((q, DCTERMS.identifier, Literal(code)))
    _add_labels(g, q, DCTERMS.title, "Mūrininkas", "Bricklayer")
    _add_labels(g, q, DCTERMS.description, "Mūrija sienas.", "Builds walls.")
    g.add((q, ELM.NQFLevel, level(4)))
    g.add((q, ELM.EQFLevel, EQF["4"]))
    g.add((q, KQ.sector, iri("sector", SECTOR)))
    g.add((q, KQ.occupationalStandard, iri("standard", STANDARD)))
    g.add((q, KQ.hasUnit, iri("unit", UNIT)))
    _add_outcome(g, q, 1, "Mūryti plytų sienas.", "Build brick walls.", criterion=False)
    g.add((q, ELM.ISCEDFCode, ISCED_F["0732"]))
    g.add((q, KQ.qualificationType, KQ.QualificationForWork))
    g.add((q, ADMS.status, KQ.StatusValid))
    g.add((q, DCTERMS.issued, Literal("2020-01-15", datatype=XSD.date)))
    g.add((q, KQ.validUntil, Literal("2030-12-31", datatype=XSD.date)))
    g.add((q, DCTERMS.modified, Literal("2024-05-01T10:00:00", datatype=XSD.dateTime)))
    return g


def module_graph(code: str = "4073201") -> Graph:
    """One of the :data:`MODULES` (the competence module by default)."""
    _role, credits, lt, en = MODULES[code]
    g = _graph()
    module = iri("module", code)
    g.add((module, RDF.type, KQ.Module))
    g.add((module, DCTERMS.identifier, Literal(code)))
    _add_labels(g, module, DCTERMS.title, lt, en)
    g.add((module, ELM.NQFLevel, level(int(code[0]))))
    g.add((module, KQ.credits, Literal(credits)))
    if code == "4073201":
        g.add((module, KQ.hasCompetence, iri("competence", COMPETENCES[0])))
    _add_outcome(g, module, 1, f"{lt}: atlikti darbus.", f"{en}: do the work.", criterion=True)
    return g


def programme_graph(code: str = PROGRAMME) -> Graph:
    """An initial VET programme whose credits add up (see :data:`PROGRAMME_CREDITS`)."""
    g = _graph()
    p = iri("programme", code)
    g.add((p, RDF.type, KQ.VetProgramme))
    g.add((p, DCTERMS.identifier, Literal(code)))
    _add_labels(
        g,
        p,
        DCTERMS.title,
        "Mūrininko modulinė profesinio mokymo programa",
        "Bricklayer modular VET programme",
    )
    _add_labels(g, p, DCTERMS.description, "Pirminio mokymo programa.", "Initial VET programme.")
    g.add((p, KQ.programmeKind, KQ.InitialVet))
    g.add((p, KQ.awardsQualification, iri("qualification", QUALIFICATION)))
    g.add((p, ELM.NQFLevel, level(4)))
    g.add((p, KQ.credits, Literal(PROGRAMME_CREDITS)))
    g.add((p, KQ.requiredOptionalCredits, Literal(REQUIRED_OPTIONAL_CREDITS)))
    for position, (module_code, (role, _credits, _lt, _en)) in enumerate(MODULES.items(), 1):
        add_membership(g, p, module_code, role, position)
    return g


def add_membership(g: Graph, programme: URIRef, module_code: str, role: URIRef, position: int) -> URIRef:
    """Add one module to a programme graph: elm:hasPart plus its kq:ModuleMembership."""
    module = iri("module", module_code)
    membership = membership_iri(programme, module_code)
    g.add((programme, ELM.hasPart, module))
    g.add((programme, KQ.hasModuleMembership, membership))
    g.add((membership, RDF.type, KQ.ModuleMembership))
    g.add((membership, KQ.module, module))
    g.add((membership, KQ.moduleRole, role))
    g.add((membership, KQ.position, Literal(position)))
    return membership


def membership_iri(programme: URIRef, module_code: str) -> URIRef:
    return sub(programme, "module", module_code)


def extra_module_graph(code: str, *, credits: int) -> Graph:
    """A published module outside :data:`MODULES` (for tests that add a module)."""
    g = _graph()
    module = iri("module", code)
    g.add((module, RDF.type, KQ.Module))
    g.add((module, DCTERMS.identifier, Literal(code)))
    _add_labels(g, module, DCTERMS.title, "Papildomas modulis", "Extra module")
    g.add((module, ELM.NQFLevel, level(int(code[0]))))
    g.add((module, KQ.credits, Literal(credits)))
    return g


EXTRA_MODULE = "4073204"


@lru_cache(maxsize=1)
def vocabularies() -> Graph:
    """All vocabularies loaded for the test base (shared: do not mutate)."""
    g = _graph()
    for name in VOCABULARIES:
        g += load_vocabulary(name, base=BASE)
    return g


@lru_cache(maxsize=1)
def world() -> Graph:
    """The published store: vocabularies plus every default entity (shared: do not mutate)."""
    g = _graph()
    g += vocabularies()
    for entity in (sector_graph(), standard_graph(), unit_graph(), qualification_graph(), programme_graph()):
        g += entity
    for code in MODULES:
        g += module_graph(code)
    g += extra_module_graph(EXTRA_MODULE, credits=5)
    return g


def gate_graph(entity: Graph) -> Graph:
    """The publish gate's validation graph (MODEL.md): the entity graph plus every triple of
    the store whose subject is an IRI the entity references and is not one of its own nodes."""
    own = own_nodes(entity)
    g = _graph()
    g += entity
    store = world()
    for obj in set(entity.objects()):
        if isinstance(obj, URIRef) and obj not in own:
            for triple in store.triples((obj, None, None)):
                g.add(triple)
    return g


def own_nodes(entity: Graph) -> set[URIRef]:
    """The entity and its sub-nodes: every IRI subject of its named graph."""
    return {s for s in entity.subjects() if isinstance(s, URIRef)}
