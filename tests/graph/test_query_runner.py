"""The SPARQL endpoint's query runner (graph/sparql_endpoint) on a real store, embedded and remote."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.sparql_endpoint import (
    GRAPH,
    GRAPH_FORMATS,
    RESULT_FORMATS,
    RESULTS,
    EndpointBusy,
    EndpointError,
    MalformedQuery,
    NotAcceptable,
    QueryRefused,
    QueryRunner,
    QueryTimeout,
    QueryTooComplex,
    find_format,
)
from graph.stores.oxigraph import OxigraphStore
from graph.stores.sparql import SparqlStore
from graph.vocabularies import load_reference_vocabularies
from tests.graph.records import BASE, sector_graphs, world_graphs
from tests.servers import oxigraph_server  # noqa: F401 - fixture

EX = "http://example.org/"
G1, G2 = URIRef(EX + "g1"), URIRef(EX + "g2")
SR = "{http://www.w3.org/2005/sparql-results#}"
ALL = {RESULTS: find_format(RESULTS, "json"), GRAPH: find_format(GRAPH, "ttl")}
QUALIFICATIONS = """PREFIX elm: <http://data.europa.eu/snb/model/elm/>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?q ?code ?title WHERE { ?q a elm:Qualification ; dcterms:identifier ?code ; dcterms:title ?title }
ORDER BY ?code ?title"""


def tricky() -> Graph:
    """Terms that break naive writers: tabs, quotes, newlines, non-ASCII, tags, types, blank nodes."""
    graph = Graph()
    s, p = URIRef(EX + "s"), URIRef(EX + "p")
    for value in (
        Literal('tab\there "quoted" \\ back'),
        Literal("line\nbreak\r\n"),
        Literal("Ąžuolas ščiūžė 😀", lang="lt"),
        Literal("1.5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")),
        Literal(""),
        BNode("b1"),
        URIRef(EX + "o?x=1&y=<2>".replace("<", "%3C").replace(">", "%3E")),
    ):
        graph.add((s, p, value))
    return graph


def fill(store) -> None:
    load_reference_vocabularies(store, base=BASE)
    store.load_graphs(sector_graphs(BASE))
    store.load_graphs(world_graphs(12, defects=False))
    store.replace_graph(G1, tricky())
    store.replace_graph(G2, Graph().add((URIRef(EX + "only-in-g2"), URIRef(EX + "p"), Literal("g2"))))


@pytest.fixture(scope="module")
def embedded():
    store = OxigraphStore(None)
    fill(store)
    yield store
    store.close()


@pytest.fixture(params=["embedded", "remote"])
def store(request, embedded):
    if request.param == "embedded":
        yield embedded
        return
    remote = SparqlStore(request.getfixturevalue("oxigraph_server"))
    remote.clear()  # the server is shared by the session
    fill(remote)
    yield remote
    remote.close()


@pytest.fixture
def runner():
    return QueryRunner(max_concurrent=4)


def run(runner, store, query, fmt="json", **kwargs):
    family = GRAPH if fmt in {f.name for f in GRAPH_FORMATS} else RESULTS
    return runner.run(store, query, formats={family: find_format(family, fmt)}, **kwargs)


def direct(store: OxigraphStore, query: str, fmt: ox.QueryResultsFormat) -> bytes:
    return store.oxigraph.query(query, use_default_graph_as_union=True).serialize(format=fmt)


def rows(body: bytes, fmt: str) -> list[list[str]]:
    text = body.decode()
    if fmt == "csv":
        return list(csv.reader(io.StringIO(text, newline="")))
    return [line.split("\t") for line in text.splitlines()]


# --- formats ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", RESULT_FORMATS, ids=lambda f: f.name)
def test_select_matches_what_pyoxigraph_writes_in_every_results_format(runner, embedded, fmt):
    for query in (QUALIFICATIONS, f"SELECT ?o WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }} ORDER BY ?o"):
        result = run(runner, embedded, query, fmt.name)
        expected = direct(embedded, query, fmt.ox_format)
        if fmt.name == "xml":  # pyoxigraph writes CR raw, which XML parsers turn into LF
            expected = expected.replace(b"\r", b"&#13;")
        assert result.body == expected
        assert result.content_type == fmt.content_type and not result.truncated
    if fmt.name == "xml":
        literals = {e.text for e in ET.fromstring(result.body).iter(f"{SR}literal")}
        assert "line\nbreak\r\n" in literals and 'tab\there "quoted" \\ back' in literals
    body = run(runner, embedded, QUALIFICATIONS, fmt.name).body
    expected = 24  # 12 qualifications × a Lithuanian and an English title
    if fmt.name == "json":
        assert len(json.loads(body)["results"]["bindings"]) == expected
    elif fmt.name == "xml":
        assert len(ET.fromstring(body).findall(f"{SR}results/{SR}result")) == expected
    else:
        assert len(rows(body, fmt.name)) == expected + 1  # and the header


def test_select_with_no_variables_and_unbound_values(runner, embedded):
    assert json.loads(run(runner, embedded, "SELECT * WHERE {}").body)["results"]["bindings"] == [{}]
    query = "SELECT ?x ?y WHERE { VALUES ?x { 1 } }"
    assert run(runner, embedded, query).body == direct(embedded, query, ox.QueryResultsFormat.JSON)


@pytest.mark.parametrize("fmt", RESULT_FORMATS, ids=lambda f: f.name)
def test_ask_in_every_results_format(runner, store, fmt):
    yes = run(runner, store, "ASK { ?s a <http://data.europa.eu/snb/model/elm/Qualification> }", fmt.name)
    no = run(runner, store, "ASK { ?s a <http://example.org/Nothing> }", fmt.name)
    assert yes.form == "ASK" and yes.count is None
    if fmt.name == "json":
        assert json.loads(yes.body)["boolean"] is True and json.loads(no.body)["boolean"] is False
    elif fmt.name == "xml":
        assert ET.fromstring(yes.body).find(f"{SR}boolean").text == "true"
    else:
        assert yes.body.strip() == b"true" and no.body.strip() == b"false"


@pytest.mark.parametrize("fmt", GRAPH_FORMATS, ids=lambda f: f.name)
def test_construct_parses_with_rdflib_in_every_graph_format(runner, store, fmt):
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}"
    result = run(runner, store, query, fmt.name)
    parsed = Graph().parse(data=result.body, format={"ttl": "turtle", "jsonld": "json-ld", "rdf": "xml"}.get(
        fmt.name, fmt.name))  # fmt: skip
    assert result.form == "CONSTRUCT/DESCRIBE" and result.count == len(tricky())
    assert isomorphic(parsed, tricky())


def test_describe_is_a_graph(runner, store):
    result = run(runner, store, f"DESCRIBE <{EX}only-in-g2>", "nt")
    assert Graph().parse(data=result.body, format="nt").value(
        URIRef(EX + "only-in-g2"), URIRef(EX + "p")
    ) == Literal("g2")


def test_not_acceptable_lists_the_formats_of_the_query_form(runner, store):
    with pytest.raises(NotAcceptable) as info:
        runner.run(store, "CONSTRUCT WHERE { ?s ?p ?o }", formats={RESULTS: find_format(RESULTS, "csv")})
    assert info.value.status == 406 and "text/turtle" in info.value.message and "jsonld" in info.value.message


# --- the row cap --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [*RESULT_FORMATS, *GRAPH_FORMATS], ids=lambda f: f.name)
def test_row_cap_cuts_and_says_so_in_the_body(runner, store, fmt):
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }" if fmt.family == RESULTS else "CONSTRUCT WHERE { ?s ?p ?o }"
    result = run(runner, store, query, fmt.name, max_rows=3)
    assert result.truncated and result.count == 3 and result.max_rows == 3
    body = result.body
    if fmt.name == "json":
        data = json.loads(body)
        assert data["truncated"] is True and data["rowLimit"] == 3 and len(data["results"]["bindings"]) == 3
    elif fmt.name == "xml":
        assert b"<!-- truncated: the result was cut at 3 rows" in body
        assert len(ET.fromstring(body).findall(f"{SR}results/{SR}result")) == 3
    elif fmt.name in ("csv", "tsv"):
        assert len(rows(body, fmt.name)) == 4  # no comment syntax: the flag (response header) says it
    else:
        rdflib_format = {"ttl": "turtle", "jsonld": "json-ld", "rdf": "xml", "nt": "nt"}[fmt.name]
        assert len(Graph().parse(data=body, format=rdflib_format)) == 3
        assert (
            b'"truncated":true' if fmt.name == "jsonld" else b"truncated: the result was cut at 3"
        ) in body


def test_a_result_of_exactly_the_cap_is_not_truncated(runner, store):
    query = f"SELECT ?o WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}"
    result = run(runner, store, query, max_rows=len(tricky()))
    assert not result.truncated and result.count == len(tricky())
    assert "truncated" not in json.loads(result.body)


# --- the dataset ----------------------------------------------------------------------------


def subjects(runner, store, query, **kwargs) -> set[str]:
    data = json.loads(run(runner, store, query, **kwargs).body)
    return {b["s"]["value"] for b in data["results"]["bindings"]}


def test_dataset_parameters_change_the_answer(runner, store):
    everything = subjects(runner, store, "SELECT DISTINCT ?s WHERE { ?s ?p ?o }")
    assert {EX + "s", EX + "only-in-g2"} <= everything and len(everything) > 50  # the union by default
    assert subjects(runner, store, "SELECT DISTINCT ?s WHERE { ?s ?p ?o }", default_graphs=[G2]) == {
        EX + "only-in-g2"
    }
    named = "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert subjects(runner, store, named, named_graphs=[G1]) == {EX + "s"}
    # Only named graphs given: the default graph is empty.
    assert subjects(runner, store, "SELECT ?s WHERE { ?s ?p ?o }", named_graphs=[G1]) == set()


def test_from_in_the_query_is_honoured_and_parameters_override_it(runner, embedded):
    query = f"SELECT DISTINCT ?s FROM <{G2}> WHERE {{ ?s ?p ?o }}"
    assert subjects(runner, embedded, query) == {EX + "only-in-g2"}
    assert subjects(runner, embedded, query, default_graphs=[G1]) == {EX + "s"}


def test_a_bad_graph_iri_is_a_client_error(runner, store):
    with pytest.raises(EndpointError) as info:
        run(runner, store, "ASK {}", default_graphs=["not an iri"])
    assert info.value.status == 400 and "Invalid IRI" in info.value.message


# --- refused and malformed queries ----------------------------------------------------------


@pytest.fixture
def listener():
    """A local port that records any connection: SERVICE must never reach it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    sock.settimeout(0.3)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/sparql", sock
    sock.close()


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ service silent <{url}> {{ ?s ?p ?o }} }} }}",
        "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        "ASK {{ SERV\\u0049CE <{url}> {{ ?s ?p ?o }} }}",
        "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "PREFIX x: <http://x/> SELECT * FROM <http://x/g> WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    ],
)
def test_service_is_refused_without_any_outbound_request(runner, store, listener, template):
    url, sock = listener
    with pytest.raises(QueryRefused) as info:
        run(runner, store, template.format(url=url))
    assert info.value.status == 400 and "SERVICE" in info.value.message
    with pytest.raises(socket.timeout):
        sock.accept()


def test_the_word_service_in_literals_comments_and_iris_is_fine(runner, store):
    query = """# a SERVICE in a comment
    SELECT ?x WHERE { BIND("SERVICE <http://evil/> { }" AS ?x) FILTER(?x != <http://example.org/service>) }"""
    data = json.loads(run(runner, store, query).body)
    assert data["results"]["bindings"][0]["x"]["value"].startswith("SERVICE")


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
        "WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "LOAD <http://127.0.0.1:9/data.ttl>",
        "CLEAR ALL",
        "DROP SILENT GRAPH <http://example.org/g1>",
        "CREATE GRAPH <http://x/new>",
        "ADD <http://example.org/g1> TO <http://example.org/g2>",
        "MOVE DEFAULT TO <http://x/g>",
        "COPY <http://example.org/g1> TO DEFAULT",
        "PREFIX x: <http://x/>\nINSERT DATA { x:a x:b 'service' } ; DROP ALL",
    ],
)
def test_updates_are_refused_and_change_nothing(runner, store, update):
    before = store.triple_count()
    with pytest.raises(QueryRefused) as info:
        run(runner, store, update)
    assert info.value.kind == "update" and info.value.status == 400 and "read-only" in info.value.message
    assert store.triple_count() == before


@pytest.mark.parametrize(
    ("query", "line", "column"),
    [
        ("SELECT * WHERE {\n  ?s ?p }", 2, 10),  # Oxigraph points just past the "}"
        ("SELECT ?x WHERE { ?x ?y ?z } ORDER", 1, 35),
        ("PREFIX ex: <http://x/>\nSELECT * WHERE { ?s ?p undeclared:x }", None, None),
        ("SELECT * WHERE { SERVICE <http://x/> { ?s ?p } }", 1, None),  # checked by rdflib's parser
    ],
)
def test_malformed_query_reports_the_position(runner, store, query, line, column):
    with pytest.raises(MalformedQuery) as info:
        run(runner, store, query)
    error = info.value
    assert error.status == 400 and error.message.startswith("Malformed query")
    if line is not None:
        assert error.line == line and f"line {line}" in error.message and error.column is not None
    if column is not None and isinstance(store, OxigraphStore):
        # The engine's own position; for a remote server rdflib's parser checks (and places) it first.
        assert error.column == column


# --- time limits ----------------------------------------------------------------------------


@pytest.fixture
def busy_store():
    """Some thousands of triples: enough for cross products that run for seconds."""
    store = OxigraphStore(None)
    quads = [
        ox.Quad(ox.NamedNode(f"{EX}e/{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(str(i)), ox.NamedNode(f"{EX}g/{i % 10}"))
        for i in range(3000)
    ]  # fmt: skip
    store.oxigraph.extend(quads)
    yield store
    store.close()


def wait_idle(runner, limit: float) -> float:
    started = time.monotonic()
    while runner.running and time.monotonic() - started < limit:
        time.sleep(0.02)
    return time.monotonic() - started


def test_a_streaming_query_times_out_and_stops(runner, busy_store):
    # ≈ 9 M pairs with a SHA1 each (seconds); the 3000 matches come steadily, so the worker stops soon.
    query = "SELECT * WHERE { ?a ?p ?b . ?c ?q ?d FILTER(SHA1(STR(?b)) = SHA1(STR(?d))) }"
    started = time.monotonic()
    with pytest.raises(QueryTimeout) as info:
        run(runner, busy_store, query, timeout=0.5)
    assert info.value.status == 504 and "timed out after 0.5 s" in info.value.message
    assert time.monotonic() - started < 1.5
    assert wait_idle(runner, 2.0) < 1.0, "the worker kept running after the timeout"


def test_a_blocking_query_times_out_and_holds_its_slot_until_the_engine_returns(busy_store):
    runner = QueryRunner(max_concurrent=1)
    store = OxigraphStore(None)
    store.oxigraph.extend(
        ox.Quad(
            ox.NamedNode(f"{EX}e/{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(str(i)), ox.NamedNode(f"{EX}g")
        )
        for i in range(220)
    )
    # A COUNT over a 3-way cross product (≈ 10 M rows) is one uninterruptible engine call.
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        run(runner, store, query, timeout=0.3)
    assert time.monotonic() - started < 1.0
    assert runner.running == 1
    with pytest.raises(EndpointBusy) as info:  # the only slot is still taken: no pile-up
        run(runner, busy_store, "ASK {}")
    assert info.value.status == 503 and info.value.retry_after > 0
    assert wait_idle(runner, 60) < 60
    assert json.loads(run(runner, busy_store, "ASK { ?s ?p ?o }").body)["boolean"] is True


# --- size and nesting -----------------------------------------------------------------------

NESTING = {  # constructs that overflow Oxigraph's native stack when nested deep enough
    "braces": lambda n: "SELECT * WHERE " + "{" * n + "}" * n,
    "unclosed braces": lambda n: "SELECT * WHERE " + "{" * n,
    "parentheses": lambda n: "SELECT * WHERE { FILTER(" + "(" * n + "1" + ")" * n + ") }",
    "sum": lambda n: "SELECT * WHERE { FILTER(" + "+".join(["1"] * n) + ") }",
    "function calls": lambda n: "SELECT * WHERE { BIND(" + "STR(" * n + "1" + ")" * n + " AS ?x) }",
    "unions": lambda n: "SELECT * WHERE { " + " UNION ".join(["{?s ?p ?o}"] * n) + " }",
    "exists": lambda n: "SELECT * WHERE " + "{ FILTER EXISTS " * n + "{}" + " }" * n,
}


def longest(build, limit: int) -> str:
    n = 1
    while len(build(n + 1)) <= limit:
        n = n * 2 if len(build(n * 2)) <= limit else n + 1
    return build(n)


def test_a_query_longer_than_the_limit_is_refused(runner, store):
    with pytest.raises(QueryTooComplex) as info:
        run(runner, store, "ASK { " + " " * 200 + "}", max_query_chars=100)
    assert info.value.status == 400 and (info.value.length, info.value.limit) == (207, 100)


def test_deep_nesting_never_crashes_the_process(tmp_path):
    """At the length limit, every construct gets an answer or a clear error: run in a child
    process, because a native stack overflow would abort the test run itself."""
    script = tmp_path / "nesting.py"
    script.write_text(
        "import sys, json\n"
        "from graph.stores.oxigraph import OxigraphStore\n"
        "from graph.sparql_endpoint import QueryRunner, EndpointError, find_format\n"
        "runner, store = QueryRunner(), OxigraphStore(None)\n"
        "for name, query in json.load(open(sys.argv[1])).items():\n"
        "    try:\n"
        "        runner.run(store, query, formats={'results': find_format('results', 'json')}, timeout=2)\n"
        "        print(name, 'answered', flush=True)\n"
        "    except EndpointError as exc:\n"
        "        print(name, type(exc).__name__, flush=True)\n"
    )
    queries = tmp_path / "queries.json"
    queries.write_text(json.dumps({name: longest(build, 10_000) for name, build in NESTING.items()}))
    done = subprocess.run(
        [sys.executable, str(script), str(queries)], capture_output=True, text=True, timeout=300,
        cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert done.returncode == 0, f"the child died ({done.returncode}): {done.stdout}{done.stderr[-2000:]}"
    assert len(done.stdout.splitlines()) == len(NESTING), done.stdout


@pytest.mark.parametrize("name", sorted(NESTING))
def test_deep_nesting_is_refused_before_it_reaches_a_sparql_server(runner, oxigraph_server, name):  # noqa: F811
    remote = SparqlStore(oxigraph_server)
    try:
        with pytest.raises((QueryTooComplex, MalformedQuery)):
            run(runner, remote, longest(NESTING[name], 10_000), timeout=30)
        assert remote.ask("ASK {}")  # the server is still up (1,000 nested braces abort it)
    finally:
        remote.close()


def test_the_example_queries_pass_the_servers_checks(runner, store):
    from graph.sparql_endpoint.examples import EXAMPLES

    for query in EXAMPLES.values():
        run(runner, store, query, "ttl" if "CONSTRUCT" in query else "json")
