"""ELM LOQ export on a small store: the mapping, what is left out, and RDF/XML agreement.

The official shapes and XSD are checked on the whole demo in tests/cms/test_export_elm.py.
"""

from __future__ import annotations

import pytest
from lxml import etree
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, SKOS

from graph.elm import build_dataset, export_elm, to_graph
from graph.elm.vocabulary import ELM_AP as ELM
from graph.projection import entity_graph_name
from graph.uris import graph_name
from tests.graph import records
from tests.graph.records import BASE

Q = f"{BASE}/id/qualification"
LOQ_NS = "{http://data.europa.eu/snb/model/ap/loq-constraints/}"

#: Written out (not taken from the code under test): LTKS n → QDR "LTQF Level n".
LTQF_LEVELS = {
    1: "c_98b42a9f",
    2: "c_8525e36a",
    3: "c_9d34b310",
    4: "c_d1e9f55d",
    5: "c_b62fa7ef",
    6: "c_caa3091a",
    7: "c_dbbbe65b",
    8: "c_6e015474",
}


def _load(store, *entities):
    store.load_graphs((entity_graph_name(r, BASE), records.graph_of(r)) for r in entities)
    return store


def _export_graph(store) -> Graph:
    return to_graph(build_dataset(store, BASE))


@pytest.mark.parametrize("level", range(1, 9))
def test_ltks_level_maps_to_the_qdr_ltqf_concept_and_the_eqf_level(vocab_store, level):
    code = f"K{level}073201"
    _load(vocab_store, records.qualification(code, level=level))
    graph = _export_graph(vocab_store)
    q = URIRef(f"{Q}/{code}")
    assert set(graph.objects(q, ELM.NQFLevel)) == {
        URIRef(f"http://data.europa.eu/snb/qdr/{LTQF_LEVELS[level]}")
    }
    assert set(graph.objects(q, ELM.EQFLevel)) == {URIRef(f"http://data.europa.eu/snb/eqf/{level}")}


def test_fields_languages_outcomes_and_credits(vocab_store):
    _load(
        vocab_store,
        records.qualification(
            "K4101301",
            isced_f="1013",
            outcomes=[
                {"position": 2, "text_lt": "Antras", "text_en": "Second"},
                {"position": 1, "text_lt": "Pirmas"},
            ],
        ),
        records.programme("M44101301", qualification="K4101301", kind="initial", credits=90),
        records.programme("M44101302", qualification="K4101301", kind="initial", credits=60),
        records.programme("T44101301", qualification="K4101301", kind="continuing", credits=30),
    )
    dataset = build_dataset(vocab_store, BASE)
    (q,) = dataset.qualifications
    assert q.titles == (("en", "Bricklayer"), ("lt", "Mūrininkas"))
    assert q.descriptions == (("lt", "Kvalifikacija mūro darbams"),)
    assert q.isced_f == (URIRef("http://data.europa.eu/snb/isced-f/1013"),)
    assert q.languages == (URIRef("http://publications.europa.eu/resource/authority/language/LIT"),)
    assert [o.uri for o in q.outcomes] == [
        URIRef(f"{Q}/K4101301/outcome/1"),
        URIRef(f"{Q}/K4101301/outcome/2"),
    ]
    assert q.outcomes[0].titles == (("lt", "Pirmas"),)
    assert q.credit_points == "60"  # the initial route; the smallest of the two initial variants
    assert q.homepage == f"{Q}/K4101301"

    graph = to_graph(dataset)
    uri = URIRef(f"{Q}/K4101301")
    (credit,) = graph.objects(uri, ELM.creditPoint)
    assert graph.value(credit, ELM.framework) == URIRef(
        "http://data.europa.eu/snb/education-credit/60b314e826"
    )
    assert graph.value(credit, ELM.point) == Literal("60")
    assert set(graph.objects(uri, DCTERMS.title)) == {
        Literal("Bricklayer", lang="en"),
        Literal("Mūrininkas", lang="lt"),
    }
    (opportunity,) = graph.objects(uri, ELM.awardingOpportunity)
    body = graph.value(opportunity, ELM.awardingBody)
    assert graph.value(body, RDF.type) == ELM.Organisation
    assert Literal("Kvalifikacijų ir profesinio mokymo plėtros centras", lang="lt") in set(
        graph.objects(body, URIRef("http://www.w3.org/ns/regorg#legalName"))
    )
    address = graph.value(graph.value(body, ELM.location), ELM.address)
    assert graph.value(address, ELM.countryCode) == URIRef(
        "http://publications.europa.eu/resource/authority/country/LTU"
    )


def test_continuing_programme_credits_count_only_without_an_initial_one(vocab_store):
    _load(
        vocab_store,
        records.qualification("K4101301"),
        records.programme("T44101301", qualification="K4101301", kind="continuing", credits=40),
    )
    (q,) = build_dataset(vocab_store, BASE).qualifications
    assert q.credit_points == "40"


def test_only_published_valid_qualifications_are_exported(vocab_store):
    _load(
        vocab_store,
        records.qualification("K4101301"),
        records.qualification("K4101302", status="withdrawn"),
        records.qualification("K4101303"),
        records.qualification("K4101304", outcomes=[]),
    )
    # Unpublishing drops the entity graph; a qualification described outside its own entity
    # graph (here: in a vocabulary graph) is not a published qualification either.
    vocab_store.drop_graph(graph_name(BASE, "qualification", "K4101303"))
    stray = records.graph_of(records.qualification("K4101305"))
    vocab_store.replace_graph(URIRef(f"{BASE}/graph/vocab/stray"), stray)

    dataset = build_dataset(vocab_store, BASE)
    assert [q.code for q in dataset.qualifications] == ["K4101301"]
    assert [(s.uri, s.reason) for s in dataset.skipped] == [(URIRef(f"{Q}/K4101304"), "no learning outcome")]
    exported = set(_export_graph(vocab_store).subjects(RDF.type, ELM.Qualification))
    assert exported == {URIRef(f"{Q}/K4101301")}


def test_no_internal_terms_and_every_concept_has_its_eu_scheme(vocab_store):
    _load(vocab_store, records.qualification("K4101301"), records.programme(qualification="K4101301"))
    graph = _export_graph(vocab_store)
    terms = {str(t) for triple in graph for t in triple}
    assert not [t for t in terms if t.startswith("https://data.kpmpc.lt/ontology/")]
    for concept in set(graph.objects(None, ELM.ISCEDFCode)) | set(graph.objects(None, DCTERMS.language)):
        (scheme,) = graph.objects(concept, SKOS.inScheme)
        assert (concept, RDF.type, SKOS.Concept) in graph and (scheme, RDF.type, SKOS.ConceptScheme) in graph
    assert graph.value(URIRef("http://data.europa.eu/snb/eqf/4"), SKOS.inScheme) == URIRef(
        "http://data.europa.eu/snb/eqf/25831c2"
    )


def test_xml_holds_the_same_qualifications_and_its_references_resolve(vocab_store):
    _load(vocab_store, *(records.qualification(f"K{lv}073201", level=lv) for lv in (2, 4)))
    export = export_elm(vocab_store, BASE)
    root = etree.fromstring(export.xml)
    assert root.tag == f"{LOQ_NS}Courses" and root.get("xsdVersion") == "3.1.0"
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    assert {e.get("idref") for e in root.iter() if e.get("idref")} <= ids
    xml_qualifications = {e.get("id") for e in root.iter(f"{LOQ_NS}qualification")}
    rdf = Graph().parse(data=export.turtle, format="turtle")
    assert (
        xml_qualifications
        == {str(q) for q in rdf.subjects(RDF.type, ELM.Qualification)}
        == {
            f"{Q}/K2073201",
            f"{Q}/K4073201",
        }
    )
    levels = [e.get("uri") for e in root.iter(f"{LOQ_NS}EQFLevel")]
    assert levels == ["http://data.europa.eu/snb/eqf/2", "http://data.europa.eu/snb/eqf/4"]


def test_export_is_deterministic_and_follows_the_base(vocab_store):
    _load(vocab_store, records.qualification("K4101301"), records.programme(qualification="K4101301"))
    first, second = export_elm(vocab_store, BASE), export_elm(vocab_store, BASE + "/")
    assert first.turtle == second.turtle and first.xml == second.xml
    assert isomorphic(Graph().parse(data=first.turtle, format="turtle"), to_graph(first.dataset))
    assert b"https://data.kpmpc.lt/id/organisation/kpmpc" in first.xml
    assert export_elm(vocab_store, "https://example.org").dataset.qualifications == ()
