"""Dereferenceable URIs over real HTTP: every entity URI answers in the format the client
negotiates (HTML, Turtle, JSON-LD, RDF/XML, N-Triples), each parsing back with rdflib to the
same graph; 404 for what was never published, 410 for what was withdrawn."""

from __future__ import annotations

import json
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from django.conf import settings
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from cms.registry.models import Module, Qualification
from graph.serialize import write_jsonld
from graph.stores.oxigraph import from_ox
from graph.uris import entity_uri, graph_name
from ontology.namespaces import ADMS, DCTERMS, KQ, RDF, SKOS, XSD

from .factories import module, programme, publish, qualification, sector, standard, unit

pytestmark = pytest.mark.django_db(transaction=True)

BASE = settings.LINKED_DATA_BASE
QUALIFICATION = "/id/qualification/K4101301"
PARSERS = {"ttl": "turtle", "nt": "nt", "rdf": "xml"}
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


@pytest.fixture
def registry(graph):
    s = sector()
    st = standard(s)
    u = unit(st)
    q = qualification([s], st, units=[u])
    intro, cook, final = module("4000006", 2), module("4101301", 40), module("4000002", 5)
    links = [(intro, "introductory"), (cook, "competence"), (final, "final")]
    p = publish(programme(q, links, credits=47))
    return {"sector": s, "standard": st, "unit": u, "qualification": q, "programme": p}


def _context(client) -> dict:
    response = client.get("/ns/context/v1.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    return json.loads(response.content)


def _parse(client, response, fmt: str) -> Graph:
    if fmt == "jsonld":
        document = json.loads(response.content)
        # The context is referenced by URL; substitute what that URL serves (no network).
        assert document["@context"] == f"{BASE}/ns/context/v1.jsonld"
        document["@context"] = _context(client)["@context"]
        return Graph().parse(data=json.dumps(document), format="json-ld")
    return Graph().parse(data=response.content, format=PARSERS[fmt])


@pytest.mark.parametrize(
    "path",
    [
        QUALIFICATION,
        "/id/programme/M44101301",
        "/id/unit/PSI01-V01",
        "/id/standard/PSI01",
        "/id/sector/S08",
        "/id/module/4101301",
        "/id/committee/S08",
        "/id/competence/PSI01-V01-K1",
        "/id/level/4",
        "/id/scheme/ltks",
        QUALIFICATION + "/outcome/1",
        "/id/programme/M44101301/module/4000006",
    ],
)
def test_every_format_parses_back_to_the_same_graph(client, registry, path):
    turtle = client.get(path, {"format": "ttl"})
    assert turtle.status_code == 200, turtle.content
    reference = _parse(client, turtle, "ttl")
    assert (URIRef(BASE + path), None, None) in reference  # it describes the URI asked for
    for fmt in ("jsonld", "rdf", "nt"):
        response = client.get(path, {"format": fmt})
        assert response.status_code == 200
        assert isomorphic(_parse(client, response, fmt), reference), fmt


def test_an_entity_description_is_its_named_graph_plus_the_labels_of_what_it_links_to(
    client, registry, graph
):
    described = _parse(client, client.get(QUALIFICATION, HTTP_ACCEPT="text/turtle"), "ttl")
    own = graph.get_graph(graph_name(BASE, "qualification", "K4101301"))
    assert set(own) <= set(described)
    sector_uri = entity_uri(BASE, "sector", "S08")
    assert (sector_uri, SKOS.prefLabel, Literal(registry["sector"].name_lt, lang="lt")) in described
    assert (entity_uri(BASE, "level", 4), SKOS.prefLabel, Literal("LTKS IV lygis", lang="lt")) in described
    # Only labels of the sector: its other triples stay at its own URI.
    assert not list(described.triples((sector_uri, KQ.naceSection, None)))


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("text/turtle;q=0.5, application/ld+json;q=0.9", "application/ld+json"),
        ("text/turtle;q=0.9, application/ld+json;q=0.5", "text/turtle; charset=utf-8"),
        (BROWSER, "text/html; charset=utf-8"),
        ("*/*", "text/turtle; charset=utf-8"),
        ("", "text/turtle; charset=utf-8"),
        ('application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"', "application/ld+json"),
        ("application/json", "application/json"),
        ("application/rdf+xml;q=0.8, application/n-triples", "application/n-triples"),
        ("text/html;q=0, */*", "text/turtle; charset=utf-8"),
        ("*/*;q=0.1, text/turtle;q=0, application/rdf+xml;q=0.2", "application/rdf+xml"),
        ("text/*", "text/turtle; charset=utf-8"),
        ("application/*", "application/ld+json"),
    ],
)
def test_accept_header_is_negotiated_with_q_values(client, registry, accept, expected):
    response = client.get(QUALIFICATION, HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"] == expected
    assert "Accept" in response["Vary"]


def test_format_parameter_overrides_accept(client, registry):
    response = client.get(QUALIFICATION, {"format": "nt"}, HTTP_ACCEPT="text/html")
    assert response["Content-Type"] == "application/n-triples"
    assert Graph().parse(data=response.content, format="nt")


def test_unknown_format_parameter_is_a_clear_400(client, registry):
    response = client.get(QUALIFICATION, {"format": "pdf"})
    assert response.status_code == 400
    assert "pdf" in response.content.decode() and "jsonld" in response.content.decode()


def test_nothing_acceptable_is_406_listing_the_available_types(client, registry):
    response = client.get(QUALIFICATION, HTTP_ACCEPT="application/pdf, image/png;q=0.5")
    assert response.status_code == 406
    assert "Accept" in response["Vary"]
    lines = response.content.decode().splitlines()
    for media_type in (
        "text/html",
        "text/turtle",
        "application/ld+json",
        "application/rdf+xml",
        "application/n-triples",
    ):
        assert media_type in lines


def test_unknown_entity_is_404_in_the_client_s_format(client, registry):
    html = client.get("/id/qualification/K4999999", HTTP_ACCEPT=BROWSER)
    assert html.status_code == 404
    assert html["Content-Type"].startswith("text/html")
    assert f"{BASE}/id/qualification/K4999999" in html.content.decode()
    text = client.get("/id/qualification/K4999999", HTTP_ACCEPT="text/turtle")
    assert (text.status_code, text["Content-Type"]) == (404, "text/plain; charset=utf-8")
    assert "Accept" in text["Vary"]
    assert client.get("/id/banana/K4101301").status_code == 404
    assert client.get("/id/qualification/K4101301/outcome").status_code == 404  # half a sub-path
    assert client.get("/id/qualification/K4101301/outcome/9").status_code == 404


def test_a_draft_is_404_and_its_data_never_appears(client, registry):
    qualification([registry["sector"]], code="K4101399", live=False)
    Qualification.objects.filter(code="K4101399").update(name_lt="Slaptas juodraštis")
    for fmt in ("html", "ttl", "jsonld", "rdf", "nt"):
        response = client.get("/id/qualification/K4101399", {"format": fmt})
        assert response.status_code == 404
        assert "Slaptas" not in response.content.decode()
    assert "K4101399" not in client.get("/id/sector/S08", {"format": "ttl"}).content.decode()


def test_a_withdrawn_qualification_is_410_with_its_data_and_status(client, registry):
    q = Qualification.objects.get(code="K4101301")
    q.status = "withdrawn"
    publish(q)
    response = client.get(QUALIFICATION, HTTP_ACCEPT="text/turtle")
    assert response.status_code == 410
    assert (entity_uri(BASE, "qualification", "K4101301"), ADMS.status, KQ.StatusWithdrawn) in _parse(
        client, response, "ttl"
    )
    html = client.get(QUALIFICATION, {"lang": "en"}, HTTP_ACCEPT=BROWSER)
    assert html.status_code == 410
    assert "withdrawn from the register" in html.content.decode()
    assert "Accept" in html["Vary"]


def test_unpublished_or_deleted_entities_are_410_gone(client, registry):
    m = module("4102201", 1)
    assert client.get("/id/module/4102201").status_code == 200
    m.unpublish()
    gone = client.get("/id/module/4102201", HTTP_ACCEPT="text/turtle")
    assert gone.status_code == 410
    assert "Accept" in gone["Vary"]
    publish(Module.objects.get(pk=m.pk))
    Module.objects.get(pk=m.pk).delete()
    assert client.get("/id/module/4102201").status_code == 410
    assert client.get("/id/module/4102201/outcome/1").status_code == 410


def test_html_shows_both_labels_and_links_related_entities_with_their_labels(client, registry):
    response = client.get(QUALIFICATION, HTTP_ACCEPT=BROWSER, HTTP_ACCEPT_LANGUAGE="lt")
    page = response.content.decode()
    assert '<html lang="lt">' in page
    assert "Virėjas" in page and "Cook" in page
    assert f'href="/id/sector/S08">{registry["sector"].name_lt}</a>' in page
    assert 'href="/id/level/4">LTKS IV lygis</a>' in page
    assert 'href="/id/unit/PSI01-V01">Patiekalų gaminimas</a>' in page
    assert 'href="http://data.europa.eu/snb/eqf/4">EKS 4 lygis</a>' in page
    assert 'href="/id/qualification/K4101301/outcome/1">Gaminti patiekalus</a>' in page
    assert '<link rel="alternate" type="text/turtle" href="/id/qualification/K4101301?format=ttl"' in page
    assert (
        '</id/qualification/K4101301?format=jsonld>; rel="alternate"; type="application/ld+json"'
        in response["Link"]
    )
    english = client.get(QUALIFICATION, {"lang": "en"}, HTTP_ACCEPT=BROWSER).content.decode()
    assert '<html lang="en">' in english
    assert 'href="/id/level/4">LTQF level 4</a>' in english
    assert "occupational standard" in english  # property label from the ontology, in English
    by_header = client.get(QUALIFICATION, HTTP_ACCEPT=BROWSER, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in by_header


def test_a_programme_page_lists_its_modules_in_order(client, registry):
    page = client.get("/id/programme/M44101301", {"format": "html", "lang": "lt"}).content.decode()
    memberships = [
        page.index(f'href="/id/programme/M44101301/module/{c}"') for c in ("4000006", "4101301", "4000002")
    ]
    assert memberships == sorted(memberships)


def test_head_etag_and_cors(client, registry):
    get = client.get(QUALIFICATION, HTTP_ACCEPT="text/turtle")
    head = client.head(QUALIFICATION, HTTP_ACCEPT="text/turtle")
    assert (head.status_code, head.content) == (200, b"")
    assert head["Content-Type"] == get["Content-Type"] and head["ETag"] == get["ETag"]
    assert head["Content-Length"] == str(len(get.content))
    assert get["Access-Control-Allow-Origin"] == "*"
    again = client.get(QUALIFICATION, HTTP_ACCEPT="text/turtle", HTTP_IF_NONE_MATCH=get["ETag"])
    assert again.status_code == 304
    assert client.get(QUALIFICATION, {"format": "jsonld"})["ETag"] != get["ETag"]


def test_context_url_serves_the_published_context(client, registry):
    document = client.get(QUALIFICATION, {"format": "jsonld"})
    url = json.loads(document.content)["@context"]
    response = client.get(url.removeprefix(BASE))
    assert response["Content-Type"] == "application/ld+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    context = json.loads(response.content)["@context"]
    assert context["kq"] == str(KQ._NS) and context["title"]["@id"] == "dcterms:title"
    assert client.get("/ns/context/v9.jsonld").status_code == 404


def test_ontology_is_dereferenceable(client, graph):
    turtle = client.get("/ontology/", HTTP_ACCEPT="text/turtle")
    ontology = Graph().parse(data=turtle.content, format="turtle")
    assert (KQ.Module, None, None) in ontology
    for fmt in ("jsonld", "rdf", "nt"):
        assert isomorphic(_parse(client, client.get("/ontology/", {"format": fmt}), fmt), ontology)
    assert client.get("/ontology", HTTP_ACCEPT="text/turtle").status_code == 200  # the ontology IRI itself
    page = client.get("/ontology/", {"lang": "en"}, HTTP_ACCEPT=BROWSER).content.decode()
    assert 'id="RoleFinal"' in page and "Occupational standard" in page and "Profesinis standartas" in page
    term = client.get("/ontology/RoleFinal", HTTP_ACCEPT="text/turtle")
    assert (term.status_code, term["Location"]) == (303, "/ontology/#RoleFinal")
    assert client.get("/ontology/NoSuchTerm").status_code == 404


def test_a_described_resource_is_served_without_asking_the_database(
    client, registry, django_assert_num_queries
):
    client.get(QUALIFICATION, HTTP_ACCEPT="text/turtle")  # anything a first request sets up
    # Only an undescribed URI needs the registry (was it published before: 410 or 404?).
    for accept in ("text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"):
        with django_assert_num_queries(0):
            assert client.get(QUALIFICATION, HTTP_ACCEPT=accept).status_code == 200


def test_the_same_description_gives_the_same_bytes_and_etag(client, registry):
    for fmt in ("ttl", "jsonld", "nt", "rdf"):
        first, again = client.get(QUALIFICATION, {"format": fmt}), client.get(QUALIFICATION, {"format": fmt})
        assert first.content == again.content and first["ETag"] == again["ETag"], fmt


def test_jsonld_keeps_values_no_context_term_fits(client, registry):
    """Values outside the context's term definitions (a title without a language, an IRI under a
    literal property, a typed literal under another type, blank nodes, unknown properties) are
    written in expanded form under the compact IRI and parse back to the same triples."""
    subject = ox.NamedNode(f"{BASE}/id/qualification/K4101301")
    blank = ox.BlankNode("b1")

    def typed(value: str, datatype: str) -> ox.Literal:
        return ox.Literal(value, datatype=ox.NamedNode(str(XSD[datatype])))

    def triple(s, p, o) -> ox.Triple:
        return ox.Triple(s, ox.NamedNode(str(p)), o)

    triples = [
        triple(subject, DCTERMS.title, ox.Literal("Be kalbos")),
        triple(subject, DCTERMS.title, ox.Literal("Virėjas", language="lt")),
        triple(subject, DCTERMS.identifier, ox.NamedNode("http://example.org/x")),
        triple(subject, DCTERMS.issued, typed("2020", "gYear")),
        triple(subject, DCTERMS.issued, typed("2020-01-02", "date")),
        triple(subject, KQ.credits, typed("007", "integer")),
        triple(subject, KQ.credits, typed("12", "integer")),
        triple(subject, KQ.position, typed("true", "boolean")),
        triple(subject, "http://example.org/unknown", blank),
        triple(blank, RDF.type, ox.NamedNode("http://example.org/Thing")),
        triple(blank, SKOS.prefLabel, ox.Literal("tuščias", language="lt")),
        triple(subject, ADMS.status, ox.Literal("not an IRI")),
    ]
    document = json.loads(write_jsonld(triples, base=BASE, first=subject.value))
    assert document["@context"] == f"{BASE}/ns/context/v1.jsonld"
    document["@context"] = _context(client)["@context"]
    parsed = Graph().parse(data=json.dumps(document), format="json-ld")
    expected = Graph()
    for t in triples:
        expected.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    assert isomorphic(parsed, expected)


def test_answers_say_their_language_where_they_have_one(client, registry):
    """/id/ picks its language itself (?lang=, then Accept-Language; LocaleMiddleware lets the path
    through): pages and messages carry Content-Language, RDF (every language at once) does not,
    and every answer varies on both negotiated headers."""
    turtle = client.get(QUALIFICATION, HTTP_ACCEPT="text/turtle", HTTP_ACCEPT_LANGUAGE="en")
    assert turtle.status_code == 200 and not turtle.has_header("Content-Language")
    assert turtle["Vary"] == "Accept, Accept-Language"
    english = client.get("/id/qualification/K0000000", HTTP_ACCEPT="text/turtle", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 404 and english["Content-Language"] == "en"
    assert english.content.decode().startswith("No published resource has the URI")
    lithuanian = client.get("/id/qualification/K0000000", HTTP_ACCEPT="text/turtle", HTTP_ACCEPT_LANGUAGE="lt")
    assert lithuanian["Content-Language"] == "lt" and lithuanian.content.decode().startswith("Nėra paskelbto")
    assert lithuanian["Vary"] == "Accept, Accept-Language"
    refused = client.get(QUALIFICATION, HTTP_ACCEPT="image/png", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 406 and refused["Content-Language"] == "en"
    page = client.get(QUALIFICATION, {"lang": "en"}, HTTP_ACCEPT=BROWSER, HTTP_ACCEPT_LANGUAGE="lt")
    assert page["Content-Language"] == "en" and '<html lang="en">' in page.content.decode()
    assert not page.cookies  # no session or CSRF cookie on a public, cacheable answer


@pytest.mark.parametrize("code", ["x\ny", "x\r\nSet-Cookie: a=1", "Ä\u202e", "K4101301\x00"])
def test_any_code_gets_a_clean_answer_with_its_links_percent_encoded(client, registry, code):
    path = f"/id/qualification/{quote(code)}"  # quoted: urlsplit would drop a raw CR or LF
    missing = client.get(path, HTTP_ACCEPT="text/turtle", HTTP_ACCEPT_LANGUAGE="en")
    assert missing.status_code == 404 and missing.content.decode().startswith("No published resource")
    assert code.rstrip("\x00") in missing.content.decode()
    refused = client.get(path, HTTP_ACCEPT="image/png")  # 406 lists the alternates
    assert refused.status_code == 406 and "Set-Cookie" not in refused.headers
    assert "\n" not in refused["Link"] and refused["Link"].startswith("</id/qualification/")
    assert all(ord(character) < 128 for character in refused["Link"])
