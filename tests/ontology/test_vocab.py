"""Reference vocabularies: LTKS, EQF, ISCED-F and the 16 demo sectors."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, Literal, URIRef

from ontology.loader import load_vocabulary
from ontology.namespaces import EQF, ISCED_F, KQ, LTKS_TO_QDR, QDR, RDF, RDFS, SKOS
from tests.ontology import builders as b
from tests.ontology.checks import validate_entity

BASE = b.BASE
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
QDR_SCHEME = QDR["25831c2"]
ISCED_SCHEME = ISCED_F["25831c2"]

#: lt-domain.md §8.1: ISCED-F detailed fields most relevant to Lithuanian VET.
VET_FIELDS = (
    "0411 0413 0416 0612 0613 0713 0714 0715 0716 0721 0722 0723 0732 "
    "0811 0812 0821 0913 0922 0923 1012 1013 1015 1032 1041 0211 0214"
).split()


def langs(graph: Graph, node: URIRef, predicate: URIRef) -> set[str | None]:
    return {o.language for o in graph.objects(node, predicate)}


def lang_value(graph: Graph, node: URIRef, predicate: URIRef, lang: str) -> str:
    (value,) = (str(o) for o in graph.objects(node, predicate) if o.language == lang)
    return value


@pytest.fixture(scope="module")
def ltks() -> Graph:
    return load_vocabulary("ltks", base=BASE)


@pytest.fixture(scope="module")
def sectors() -> Graph:
    return load_vocabulary("sector-scheme", base=BASE)


@pytest.fixture(scope="module")
def isced() -> Graph:
    return load_vocabulary("isced-f", base=BASE)


# --- LTKS ---------------------------------------------------------------------------


@pytest.mark.parametrize("n", range(1, 9))
def test_ltks_level_matches_eqf_and_qdr(ltks: Graph, n: int) -> None:
    level = b.level(n)
    assert (level, RDF.type, SKOS.Concept) in ltks
    assert (level, SKOS.inScheme, URIRef(f"{BASE}/id/scheme/ltks")) in ltks
    assert set(ltks.objects(level, SKOS.exactMatch)) == {EQF[str(n)], LTKS_TO_QDR[n]}
    assert ltks.value(level, SKOS.notation) == Literal(str(n))
    assert ltks.value(level, KQ.romanNumeral) == Literal(ROMAN[n - 1])
    assert lang_value(ltks, level, SKOS.prefLabel, "lt") == f"LTKS {ROMAN[n - 1]} lygis"
    assert lang_value(ltks, level, SKOS.prefLabel, "en") == f"LTQF level {n}"
    assert langs(ltks, level, SKOS.definition) == {"lt", "en"}


@pytest.mark.parametrize("n", range(1, 9))
def test_qdr_ltqf_level_concepts_are_included(ltks: Graph, n: int) -> None:
    concept = LTKS_TO_QDR[n]
    assert (concept, RDF.type, SKOS.Concept) in ltks
    assert (concept, SKOS.inScheme, QDR_SCHEME) in ltks
    assert ltks.value(concept, SKOS.prefLabel) == Literal(f"LTQF Level {n}", lang="en")


def test_ltks_scheme_matches_the_qdr_framework_and_flags_paraphrases(ltks: Graph) -> None:
    scheme = URIRef(f"{BASE}/id/scheme/ltks")
    assert (scheme, SKOS.closeMatch, QDR["c_a6d433f4"]) in ltks
    assert "paraphrase" in lang_value(ltks, scheme, RDFS.comment, "en")
    assert len(set(ltks.objects(scheme, SKOS.hasTopConcept))) == 8


def test_relative_iris_follow_the_base() -> None:
    one = load_vocabulary("ltks", base="https://data.kpmpc.lt")
    other = load_vocabulary("ltks", base="https://example.org/kq/")
    assert (URIRef("https://data.kpmpc.lt/id/level/4"), SKOS.exactMatch, EQF["4"]) in one
    assert (URIRef("https://example.org/kq/id/level/4"), SKOS.exactMatch, EQF["4"]) in other
    assert not any("data.kpmpc.lt/id/" in str(s) for s in other.subjects())
    sectors = load_vocabulary("sector-scheme", base="https://example.org/kq")
    assert (URIRef("https://example.org/kq/id/sector/S05"), RDF.type, SKOS.Concept) in sectors


# --- EQF ----------------------------------------------------------------------------


@pytest.mark.parametrize("n", range(1, 9))
def test_eqf_levels(n: int) -> None:
    eqf = load_vocabulary("eqf", base=BASE)
    level = EQF[str(n)]
    assert (level, SKOS.inScheme, EQF["25831c2"]) in eqf
    assert lang_value(eqf, level, SKOS.prefLabel, "en") == f"Level {n}"
    assert lang_value(eqf, level, SKOS.prefLabel, "lt") == f"EKS {n} lygis"


# --- Sectors --------------------------------------------------------------------------


def test_sixteen_sectors_in_order(sectors: Graph) -> None:
    scheme = URIRef(f"{BASE}/id/scheme/sector")
    codes = sorted(str(sectors.value(s, SKOS.notation)) for s in sectors.subjects(SKOS.inScheme, scheme))
    assert codes == [f"S{n:02d}" for n in range(1, 17)]
    s01, s16 = b.iri("sector", "S01"), b.iri("sector", "S16")
    assert lang_value(sectors, s01, SKOS.prefLabel, "lt").startswith("Švietimo, mokslinių tyrimų")
    assert lang_value(sectors, s16, SKOS.prefLabel, "lt").startswith("Verslo, finansų")


@pytest.mark.parametrize("n", range(1, 17))
def test_sector_has_labels_nace_sections_and_committee(sectors: Graph, n: int) -> None:
    code = f"S{n:02d}"
    sector, committee = b.iri("sector", code), b.iri("committee", code)
    assert langs(sectors, sector, SKOS.prefLabel) == {"lt", "en"}
    sections = [str(s) for s in sectors.objects(sector, KQ.naceSection)]
    assert sections and all(re.fullmatch("[A-U]", s) for s in sections)
    assert sectors.value(sector, KQ.hasCommittee) == committee
    assert (committee, RDF.type, KQ.SectorCommittee) in sectors
    assert (committee, KQ.committeeOf, sector) in sectors
    assert lang_value(sectors, committee, SKOS.prefLabel, "lt").endswith("sektorinis profesinis komitetas")
    assert lang_value(sectors, committee, SKOS.prefLabel, "en").endswith("Sectoral Professional Committee")


@pytest.mark.parametrize(
    ("code", "sections"),
    [("S01", {"P", "M"}), ("S05", {"F"}), ("S06", {"D", "E"}), ("S16", {"K", "L", "N", "O", "R", "S"})],
)
def test_sector_nace_sections(sectors: Graph, code: str, sections: set[str]) -> None:
    assert {str(s) for s in sectors.objects(b.iri("sector", code), KQ.naceSection)} == sections


@pytest.mark.parametrize("n", range(1, 17))
def test_sector_vocabulary_conforms_to_the_shapes(sectors: Graph, n: int) -> None:
    """Each seeded sector with its committee passes the publish gate unchanged."""
    code = f"S{n:02d}"
    entity = Graph()
    for node in (b.iri("sector", code), b.iri("committee", code)):
        for triple in sectors.triples((node, None, None)):
            entity.add(triple)
    assert validate_entity(entity) == []


# --- ISCED-F ---------------------------------------------------------------------------


def _isced_codes(isced: Graph) -> dict[str, URIRef]:
    return {str(isced.value(c, SKOS.notation)): c for c in isced.subjects(SKOS.inScheme, ISCED_SCHEME)}


def test_isced_has_220_concepts_with_english_labels(isced: Graph) -> None:
    codes = _isced_codes(isced)
    assert len(codes) == 220
    for code, concept in codes.items():
        assert concept == ISCED_F[code]
        assert "en" in langs(isced, concept, SKOS.prefLabel)
        assert len(set(isced.objects(concept, SKOS.prefLabel))) == len(langs(isced, concept, SKOS.prefLabel))


def test_isced_broader_follows_the_code_hierarchy(isced: Graph) -> None:
    for code, concept in _isced_codes(isced).items():
        broader = set(isced.objects(concept, SKOS.broader))
        if len(code) == 2:
            assert not broader
            assert (concept, SKOS.topConceptOf, ISCED_SCHEME) in isced
        else:
            assert broader == {ISCED_F[code[:-1]]}, code


def test_isced_lithuanian_labels(isced: Graph) -> None:
    codes = _isced_codes(isced)
    broad = [c for c in codes if len(c) == 2]
    assert len(broad) == 12
    for code in [*VET_FIELDS, *broad]:
        assert "lt" in langs(isced, codes[code], SKOS.prefLabel), code
    assert lang_value(isced, ISCED_F["1013"], SKOS.prefLabel, "lt") == "Viešbučiai, restoranai ir maitinimas"


# --- Our concept schemes (kpmpc.ttl) ------------------------------------------------------

SCHEMES = {
    KQ.ModuleRoleScheme: {
        KQ.RoleIntroductory: "įvadinis",
        KQ.RoleGeneral: "bendrasis",
        KQ.RoleCompetence: "kvalifikaciją sudarančios kompetencijos",
        KQ.RoleOptional: "pasirenkamasis",
        KQ.RoleFinal: "baigiamasis",
    },
    KQ.StatusScheme: {KQ.StatusValid: "galiojanti", KQ.StatusWithdrawn: "išregistruota"},
    KQ.QualificationTypeScheme: {
        KQ.QualificationForWork: "kvalifikacija darbui",
        KQ.QualificationForLearning: "kvalifikacija mokymuisi",
    },
    KQ.ProgrammeKindScheme: {
        KQ.InitialVet: "pirminis profesinis mokymas",
        KQ.ContinuingVet: "tęstinis profesinis mokymas",
    },
}


@pytest.mark.parametrize("scheme", list(SCHEMES), ids=lambda s: str(s).rsplit("/", 1)[-1])
def test_concept_schemes(scheme: URIRef) -> None:
    ontology = load_vocabulary("ontology", base=BASE)
    assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology
    members = set(ontology.subjects(SKOS.inScheme, scheme))
    assert members == set(SCHEMES[scheme])
    for concept, lt_label in SCHEMES[scheme].items():
        assert lang_value(ontology, concept, SKOS.prefLabel, "lt") == lt_label
        assert "en" in langs(ontology, concept, SKOS.prefLabel)
        assert ontology.value(concept, SKOS.notation) is not None
