"""/sparql over real HTTP: the SPARQL 1.1 Protocol, formats, limits, the page, and real clients.

The data is a small registry published through the real gate once per module (two sectors,
qualifications, modules shared by two programmes); each test gets a fresh store holding it.
"""

from __future__ import annotations

import csv
import io
import json
import time
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from django.conf import settings
from django.core.cache import cache
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from cms.linked_data.views_sparql import runner
from cms.registry.demo.loader import remove_demo
from cms.registry.graph_store import use_graph_store
from graph.sparql_endpoint.description import SD
from graph.sparql_endpoint.examples import EXAMPLES
from graph.stores.oxigraph import OxigraphStore
from graph.uris import entity_uri, graph_name
from graph.vocabularies import load_reference_vocabularies

from . import factories

pytestmark = pytest.mark.django_db

URL = "/sparql"
SR = "{http://www.w3.org/2005/sparql-results#}"
JSON_RESULTS = "application/sparql-results+json"
CODES = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX elm: <http://data.europa.eu/snb/model/elm/>
SELECT ?code WHERE { ?q a elm:Qualification ; dcterms:identifier ?code } ORDER BY ?code"""
ALL_TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


def _publish_registry() -> None:
    s08 = factories.sector()
    s05 = factories.sector("S05", name_lt="Statybos", name_en="Construction", nace_sections="F")
    standard = factories.standard(s08)
    cook = factories.qualification([s08], standard)
    builder = factories.qualification([s05], code="K4101302")
    intro = factories.module(
        "4000006", 2, name_lt="Įvadas į profesiją", name_en="Introduction to the profession"
    )
    safety = factories.module("4102201", 1, name_lt="Saugus elgesys", name_en="Safe behaviour")
    cooking = factories.module("4101301", 40, name_lt="Patiekalų gaminimas", name_en="Preparing dishes")
    final = factories.module("4000002", 5, name_lt="Įvadas į darbo rinką", name_en="Introduction to work")
    roles = [(intro, "introductory"), (safety, "general")]
    factories.publish(
        factories.programme(cook, [*roles, (cooking, "competence"), (final, "final")], credits=48)
    )
    factories.publish(factories.programme(builder, [*roles, (final, "final")], credits=8, code="M44101302"))


@pytest.fixture(scope="module")
def published(django_db_setup, django_db_blocker):
    """N-Quads of the registry as the publish path wrote it; the rows are removed right away."""
    store = OxigraphStore(None)
    load_reference_vocabularies(store, base=settings.LINKED_DATA_BASE)
    use_graph_store(store)
    try:
        with django_db_blocker.unblock():
            _publish_registry()
        snapshot = io.BytesIO()
        store.dump("nquads", snapshot)
    finally:
        use_graph_store(OxigraphStore(None))  # deletions project into a throwaway store
        with django_db_blocker.unblock():
            remove_demo()
        use_graph_store(None)
    return snapshot.getvalue()


@pytest.fixture
def store(published):
    store = OxigraphStore(None)
    store.bulk_load_nquads(published)
    use_graph_store(store)
    yield store
    use_graph_store(None)


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()  # the rate limit counts in the default (local-memory) cache
    yield
    cache.clear()


def bindings(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return json.loads(response.content)["results"]["bindings"]


def codes(response) -> list[str]:
    return [b["code"]["value"] for b in bindings(response)]


# --- the three protocol forms ------------------------------------------------------------------


def test_get_post_form_and_post_direct_give_the_same_answer(client, store):
    by_get = client.get(URL, {"query": CODES}, HTTP_ACCEPT=JSON_RESULTS)
    by_form = client.post(URL, {"query": CODES}, HTTP_ACCEPT=JSON_RESULTS)
    by_body = client.post(URL, CODES, content_type="application/sparql-query", HTTP_ACCEPT=JSON_RESULTS)
    assert codes(by_get) == codes(by_form) == codes(by_body) == ["K4101301", "K4101302"]
    assert by_get["Content-Type"] == JSON_RESULTS


def test_dataset_parameters_in_every_protocol_form(client, store):
    cook_graph = str(graph_name(settings.LINKED_DATA_BASE, "qualification", "K4101301"))
    params = {"default-graph-uri": cook_graph}
    assert codes(client.get(URL, {"query": CODES, **params})) == ["K4101301"]
    assert codes(client.post(URL, {"query": CODES, **params})) == ["K4101301"]
    direct = client.post(f"{URL}?{urlencode(params)}", CODES, content_type="application/sparql-query")
    assert codes(direct) == ["K4101301"]
    named = "SELECT ?code WHERE { GRAPH ?g { ?q <http://purl.org/dc/terms/identifier> ?code } }"
    assert codes(client.get(URL, {"query": named, "named-graph-uri": cook_graph})) == ["K4101301"]


# --- formats ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "fmt", "content_type"),
    [
        (JSON_RESULTS, None, JSON_RESULTS),
        ("application/sparql-results+xml", None, "application/sparql-results+xml"),
        ("text/csv", None, "text/csv; charset=utf-8"),
        ("text/tab-separated-values", None, "text/tab-separated-values; charset=utf-8"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", None, "application/sparql-results+xml"),
        ("application/sparql-results+json;q=0, */*;q=0.1", None, "application/sparql-results+xml"),
        ("*/*", None, JSON_RESULTS),
        (JSON_RESULTS, "tsv", "text/tab-separated-values; charset=utf-8"),  # ?format= wins
    ],
)
def test_select_results_are_negotiated_and_parse(client, store, accept, fmt, content_type):
    response = client.get(URL, {"query": CODES, **({"format": fmt} if fmt else {})}, HTTP_ACCEPT=accept)
    assert response.status_code == 200 and response["Content-Type"] == content_type
    assert "Accept" in response["Vary"]
    text = response.content.decode()
    if "json" in content_type:
        values = [b["code"]["value"] for b in json.loads(text)["results"]["bindings"]]
    elif "xml" in content_type:
        values = [e.text for e in ET.fromstring(response.content).iter(f"{SR}literal")]
    elif "csv" in content_type:
        values = [row[0] for row in list(csv.reader(io.StringIO(text, newline="")))[1:]]
    else:
        values = [row[0].strip('"') for row in list(csv.reader(io.StringIO(text), delimiter="\t"))[1:]]
    assert values == ["K4101301", "K4101302"]


@pytest.mark.parametrize(
    ("accept", "fmt", "rdflib_format"),
    [
        ("text/turtle", None, "turtle"),
        ("application/ld+json", None, "json-ld"),
        ("application/n-triples", None, "nt"),
        ("application/rdf+xml", None, "xml"),
        ("*/*", "jsonld", "json-ld"),
        (JSON_RESULTS, "rdf", "xml"),
    ],
)
def test_construct_is_negotiated_and_parses_with_rdflib(client, store, accept, fmt, rdflib_format):
    query = EXAMPLES["qualification-graph"]
    response = client.get(URL, {"query": query, **({"format": fmt} if fmt else {})}, HTTP_ACCEPT=accept)
    assert response.status_code == 200, response.content
    parsed = Graph().parse(data=response.content, format=rdflib_format)
    cook = entity_uri(settings.LINKED_DATA_BASE, "qualification", "K4101301")
    assert parsed.value(cook, URIRef("http://purl.org/dc/terms/title")) in (Literal("Virėjas", lang="lt"),
                                                                        Literal("Cook", lang="en"))  # fmt: skip
    assert (cook, RDF.type, URIRef("http://data.europa.eu/snb/model/elm/Qualification")) in parsed


def test_nothing_acceptable_is_406_listing_what_the_query_form_offers(client, store):
    graph_query = client.get(URL, {"query": EXAMPLES["qualification-graph"]}, HTTP_ACCEPT="text/csv")
    assert graph_query.status_code == 406
    assert "text/turtle" in graph_query.content.decode() and "text/csv" not in graph_query.content.decode()
    select = client.get(URL, {"query": CODES, "format": "ttl"})
    assert select.status_code == 406 and JSON_RESULTS in select.content.decode()
    unknown = client.get(URL, {"query": CODES, "format": "yaml"})
    assert unknown.status_code == 400 and "yaml" in unknown.content.decode()


# --- refusals -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"data": {"update": "INSERT DATA { <http://x/a> <http://x/b> 1 }"}},
        {"data": {"query": "INSERT DATA { <http://x/a> <http://x/b> 1 }"}},
        {"data": {"query": "LOAD <http://127.0.0.1:9/evil.ttl>"}},
        {"data": {"query": "DROP ALL"}},
        {"data": "DELETE WHERE { ?s ?p ?o }", "content_type": "application/sparql-update"},
        {"data": "CLEAR ALL", "content_type": "application/sparql-query"},
    ],
)
def test_updates_are_refused_with_400_and_change_nothing(client, store, request_kwargs):
    before = store.triple_count()
    response = client.post(URL, **request_kwargs, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "read-only" in response.content.decode()
    assert store.triple_count() == before


def test_messages_follow_lang_then_accept_language_and_say_so(client, store):
    """/sparql picks its language itself (LocaleMiddleware lets the path through)."""
    english = client.get(URL, {"query": "SELECT"}, HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 400 and english.content.decode().startswith("Malformed query at line")
    assert english["Content-Language"] == "en" and "Accept-Language" in english["Vary"]
    lithuanian = client.get(URL, {"query": "SELECT"}, HTTP_ACCEPT_LANGUAGE="lt")
    assert lithuanian.content.decode().startswith("Klaidinga užklausa") and lithuanian["Content-Language"] == "lt"
    chosen = client.get(URL, {"query": "SELECT", "lang": "en"}, HTTP_ACCEPT_LANGUAGE="lt")
    assert chosen.content.decode().startswith("Malformed query") and chosen["Content-Language"] == "en"
    wrong_method = client.put(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert wrong_method.status_code == 405 and wrong_method.content.decode().strip() == "Use GET or POST."
    assert wrong_method["Content-Language"] == "en" and wrong_method["Access-Control-Allow-Origin"] == "*"


def test_service_is_refused_with_400(client, store):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    response = client.get(URL, {"query": query, "lang": "en"})
    assert response.status_code == 400 and "SERVICE" in response.content.decode()
    quoted = client.get(URL, {"query": 'SELECT * WHERE { ?s ?p "SERVICE" }'})
    assert quoted.status_code == 200


def test_malformed_query_is_400_with_line_and_column(client, store):
    response = client.get(URL, {"query": "SELECT ?x WHERE {\n  ?x ?y }", "lang": "en"})
    text = response.content.decode()
    assert response.status_code == 400 and response["Content-Type"].startswith("text/plain")
    assert text.startswith("Malformed query at line 2, column")


# --- limits ----------------------------------------------------------------------------------------


def test_a_query_over_the_time_limit_is_a_clear_504(client, store, settings):
    settings.SPARQL_TIMEOUT_SECONDS = 0.5
    store.oxigraph.extend(
        ox.Quad(ox.NamedNode(f"http://example.org/e/{i}"), ox.NamedNode("http://example.org/p"),
                ox.Literal(str(i)), ox.NamedNode("http://example.org/g"))
        for i in range(3000)
    )  # fmt: skip
    query = """SELECT * WHERE { ?a <http://example.org/p> ?b . ?c <http://example.org/p> ?d
               FILTER(SHA1(STR(?b)) = SHA1(STR(?d))) }"""
    started = time.monotonic()
    response = client.get(URL, {"query": query, "lang": "en"})
    assert time.monotonic() - started < 2
    assert response.status_code == 504
    assert "timed out after 0.5 s" in response.content.decode()


def test_row_cap_is_said_in_the_header_and_the_body(client, store, settings):
    settings.SPARQL_MAX_ROWS = 5
    as_json = client.get(URL, {"query": ALL_TRIPLES}, HTTP_ACCEPT=JSON_RESULTS)
    assert as_json["X-SPARQL-Truncated"] == "true; limit=5" and as_json["X-SPARQL-Max-Rows"] == "5"
    data = json.loads(as_json.content)
    assert data["truncated"] is True and data["rowLimit"] == 5 and len(data["results"]["bindings"]) == 5
    as_xml = client.get(URL, {"query": ALL_TRIPLES, "format": "xml"})
    assert as_xml["X-SPARQL-Truncated"] == "true; limit=5" and b"<!-- truncated" in as_xml.content
    assert len(ET.fromstring(as_xml.content).findall(f"{SR}results/{SR}result")) == 5
    as_turtle = client.get(URL, {"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "ttl"})
    assert as_turtle["X-SPARQL-Truncated"] == "true; limit=5" and as_turtle.content.startswith(b"# truncated")
    assert len(Graph().parse(data=as_turtle.content, format="turtle")) == 5
    whole = client.get(URL, {"query": CODES}, HTTP_ACCEPT=JSON_RESULTS)
    assert "X-SPARQL-Truncated" not in whole and "truncated" not in json.loads(whole.content)


def test_queries_reuse_a_bounded_set_of_worker_threads(client, store, settings):
    settings.SPARQL_MAX_CONCURRENT = 2
    for _ in range(12):
        assert codes(client.get(URL, {"query": CODES}, HTTP_ACCEPT=JSON_RESULTS)) == ["K4101301", "K4101302"]
    assert 1 <= runner().workers <= 2  # kept and reused, not one thread per query


def test_too_long_a_query_is_refused(client, store, settings):
    settings.SPARQL_MAX_QUERY_CHARS = 200
    response = client.post(URL, {"query": CODES + " " * 300, "lang": "en"})
    assert response.status_code == 400 and "the limit is 200" in response.content.decode()


def test_rate_limit_answers_429_with_retry_after(client, store, settings):
    settings.SPARQL_RATE_LIMIT = "3/min"
    statuses = [client.get(URL, {"query": "ASK {}"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get(URL, {"query": "ASK {}"})
    assert limited.status_code == 429 and 1 <= int(limited["Retry-After"]) <= 60
    assert limited["Access-Control-Allow-Origin"] == "*"
    other_client = client.get(URL, {"query": "ASK {}"}, REMOTE_ADDR="192.0.2.7")
    assert other_client.status_code == 200


def test_rate_limit_trusts_a_proxy_header_only_when_configured(client, store, settings):
    settings.SPARQL_RATE_LIMIT = "1/min"
    forged = {"HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    assert client.get(URL, {"query": "ASK {}"}, **forged).status_code == 200
    assert client.get(URL, {"query": "ASK {}"}, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429
    settings.SPARQL_CLIENT_IP_HEADER = "X-Forwarded-For"
    assert (
        client.get(URL, {"query": "ASK {}"}, HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.3").status_code
        == 200
    )
    assert client.get(URL, {"query": "ASK {}"}, HTTP_X_FORWARDED_FOR="198.51.100.3").status_code == 429


# --- CORS ---------------------------------------------------------------------------------------------


def test_cors_on_answers_and_errors_and_the_preflight(client, store):
    for response in (client.get(URL, {"query": CODES}), client.get(URL, {"query": "SELECT"})):
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "X-SPARQL-Truncated" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        URL, HTTP_ORIGIN="https://partner.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )  # fmt: skip
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight["Access-Control-Allow-Methods"]
    assert "content-type" in preflight["Access-Control-Allow-Headers"].lower()


# --- never a 500 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"method": "get", "data": {"query": "\x00\x01\x02"}},
        {"method": "get", "data": {"query": "}{" * 50}},
        {"method": "get", "data": {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT -1"}},
        {"method": "get", "data": {"query": "SELECT * WHERE {" + "{" * 3000}},
        {"method": "get", "data": {"query": "ASK {}", "default-graph-uri": "not an iri"}},
        {"method": "get", "data": {"query": "ASK {}", "named-graph-uri": "<>"}},
        {"method": "get", "data": {"query": ["ASK {}", "ASK {}"]}},
        {"method": "get", "data": {"query": "   "}},
        {"method": "get", "data": {"query": "ASK {}", "format": ""}},
        {"method": "get", "data": {"query": "ASK {}"}, "HTTP_ACCEPT": ";;;,q=,*/*;q=abc,text/"},
        {"method": "get", "data": {"query": "SELECT * WHERE { ?s ?p 'x'@ }"}},
        {"method": "get", "data": {"query": "PREFIX : <http://a b/> SELECT * WHERE { ?s ?p ?o }"}},
        {"method": "get", "data": {"query": 'SELECT * WHERE { BIND("\\uD800" AS ?x) }'}},
        {
            "method": "get",
            "data": {"query": "SELECT (STRDT('x', <http://www.w3.org/2001/XMLSchema#int>) AS ?x) {}"},
        },
        {"method": "post", "data": b"\xff\xfe\x00garbage", "content_type": "application/sparql-query"},
        {"method": "post", "data": b"ASK {}", "content_type": "application/json"},
        {"method": "post", "data": "query=%ZZ%00", "content_type": "application/x-www-form-urlencoded"},
        {"method": "put", "data": b"ASK {}", "content_type": "application/sparql-query"},
        {"method": "delete"},
    ],
)
def test_garbage_never_gets_a_500(client, store, request_kwargs):
    kwargs = dict(request_kwargs)
    method = getattr(client, kwargs.pop("method"))
    response = method(URL, **kwargs)
    assert 200 <= response.status_code < 500, response.content
    if response.status_code >= 400:
        assert response.content.strip(), "an error needs a message"


# --- the page and the service description ---------------------------------------------------------------


def test_browsers_get_the_query_page_with_examples(client, store):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    page = client.get(URL, HTTP_ACCEPT=browser)
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    html = page.content.decode()
    assert '<textarea id="query" name="query"' in html and "modules-shared-across-sectors" in html
    english = client.get(URL, {"lang": "en"}, HTTP_ACCEPT=browser)
    assert '<html lang="en">' in english.content.decode()
    assert '<html lang="lt">' in client.get(URL, {"lang": "lt"}, HTTP_ACCEPT=browser).content.decode()


def test_the_page_runs_a_query_into_a_table(client, store):
    page = client.get(URL, {"query": CODES, "format": "html"})
    html = page.content.decode()
    assert page.status_code == 200 and "<th>code</th>" in html and "K4101302" in html
    error = client.get(URL, {"query": "SELECT", "format": "html"})
    assert error.status_code == 400 and 'role="alert"' in error.content.decode()


def test_service_description_for_rdf_clients(client, store):
    response = client.get(URL, HTTP_ACCEPT="text/turtle")
    assert response["Content-Type"].startswith("text/turtle")
    description = Graph().parse(data=response.content, format="turtle")
    service = URIRef("http://testserver/sparql")
    assert (service, RDF.type, SD.Service) in description
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in description
    results_json = URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON")
    assert (service, SD.resultFormat, results_json) in description
    forgot = client.get(URL, {"lang": "en"}, HTTP_ACCEPT=JSON_RESULTS)
    assert forgot.status_code == 400 and forgot.content.startswith(b"No query")


# --- the examples -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_example_query_returns_rows(client, store, name):
    query = EXAMPLES[name]
    if "CONSTRUCT" in query:
        response = client.get(URL, {"query": query}, HTTP_ACCEPT="application/n-triples")
        assert response.status_code == 200 and len(Graph().parse(data=response.content, format="nt")) > 5
        return
    rows = bindings(client.get(URL, {"query": query}, HTTP_ACCEPT=JSON_RESULTS))
    assert rows, f"{name} returned no rows"
    if name == "modules-shared-across-sectors":
        shared = {r["code"]["value"]: r["sectorCodes"]["value"].split() for r in rows}
        assert {code: sorted(sectors) for code, sectors in shared.items()} == {
            "4000002": ["S05", "S08"], "4000006": ["S05", "S08"], "4102201": ["S05", "S08"]}  # fmt: skip
    if name == "ltks-eqf-mapping":
        level4 = next(r for r in rows if r["ltks"]["value"] == "4")
        assert level4["eqf"]["value"] == "http://data.europa.eu/snb/eqf/4"
        assert level4["qdr"]["value"] == "http://data.europa.eu/snb/qdr/c_d1e9f55d"
        assert level4["qualifications"]["value"] == "2"


# --- real clients over real HTTP ----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_sparqlwrapper_reads_the_published_data(live_server, store):
    from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

    endpoint = SPARQLWrapper(f"{live_server.url}{URL}")
    endpoint.setQuery(EXAMPLES["qualifications-by-sector-and-level"])
    endpoint.setReturnFormat(JSON)
    rows = endpoint.query().convert()["results"]["bindings"]
    assert [(r["code"]["value"], r["title_en"]["value"], r["eqf"]["value"]) for r in rows] == [
        ("K4101301", "Cook", "4")
    ]

    endpoint.setMethod(POST)
    endpoint.setQuery(EXAMPLES["qualification-graph"])
    endpoint.setReturnFormat(TURTLE)
    graph = Graph().parse(data=endpoint.query().convert(), format="turtle")
    assert Literal("Virėjas", lang="lt") in set(graph.objects())


@pytest.mark.django_db(transaction=True)
def test_rdflib_sparqlstore_reads_the_published_data(live_server, store):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    remote = Graph(store=SPARQLStore(f"{live_server.url}{URL}"))
    rows = remote.query(EXAMPLES["modules-shared-across-sectors"])
    assert {str(row.code) for row in rows} == {"4000002", "4000006", "4102201"}
    posting = Graph(store=SPARQLStore(f"{live_server.url}{URL}", method="POST_FORM"))
    outcomes = list(posting.query(EXAMPLES["qualification-outcomes"]))
    assert [(str(o.outcome_lt), str(o.outcome_en)) for o in outcomes] == [
        ("Gaminti patiekalus", "Prepare dishes")
    ]
    cook = entity_uri(settings.LINKED_DATA_BASE, "qualification", "K4101301")
    assert Literal("Cook", lang="en") in set(remote.objects(cook, URIRef("http://purl.org/dc/terms/title")))
