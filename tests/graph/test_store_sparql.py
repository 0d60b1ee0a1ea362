"""SparqlStore against a real Oxigraph server (tests/servers.py): the behaviour suite plus failures."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS

from graph.stores import StoreConfigurationError, StoreUnavailable, get_store
from graph.stores.base import StoreError
from graph.stores.sparql import SparqlStore
from tests.graph.store_suite import EX, G1, G2, A, StoreBehaviour, graph_of, tricky_graph
from tests.servers import free_port, oxigraph_factory, oxigraph_server  # noqa: F401 - fixtures


class TestSparqlStoreOnOxigraphServer(StoreBehaviour):
    @pytest.fixture
    def store(self, oxigraph_server):  # noqa: F811
        store = SparqlStore(oxigraph_server)
        store.clear()  # the server is shared by the session
        yield store
        store.close()

    def test_update_request_is_one_transaction(self, store):
        """What replace_graph relies on, over HTTP: a late failing operation undoes the earlier ones."""
        old = graph_of((A, SKOS.prefLabel, Literal("old")))
        store.replace_graph(G1, old)
        with pytest.raises(StoreError, match="already exists"):
            store._update(
                f"DROP SILENT GRAPH <{G1}> ; INSERT DATA {{ GRAPH <{G2}> {{ <{A}> <{SKOS.prefLabel}> "
                f'"b" }} }} ; CREATE GRAPH <{G2}>'
            )
        assert isomorphic(store.get_graph(G1), old)
        assert not store.has_graph(G2)

    def test_bad_query_is_a_store_error_with_the_servers_message(self, store):
        with pytest.raises(StoreError, match=r"HTTP 400 .*/query: error at 1:15") as info:
            store.select("SELECT WHERE {")
        assert not isinstance(info.value, StoreUnavailable)
        with pytest.raises(StoreError, match="HTTP 400"):
            store._update("INSERT DATA {")

    def test_bad_bulk_file_path_is_a_store_error(self, store, tmp_path):
        with pytest.raises(StoreError, match="No such file"):
            store.bulk_load_nquads(tmp_path / "missing.nq")

    def test_ping(self, store):
        assert store.ping() is True
        store.replace_graph(G1, tricky_graph())
        assert store.ping() is True

    def test_atomic_load_graphs_batch_fails_as_a_whole(self, store):
        store.replace_graph(G1, graph_of((A, SKOS.prefLabel, Literal("old"))))
        bad = graph_of((URIRef("http://example.org/with space"), SKOS.prefLabel, Literal("x")))
        with pytest.raises(StoreError):
            store.load_graphs([(G1, graph_of()), (G2, bad)])
        assert store.graph_names() == [G1]

    def test_load_nquads_graphs_replaces_in_batches(self, store, monkeypatch):
        """The rebuild path (GraphStore.load_nquads_graphs) with more graphs than one request holds."""
        monkeypatch.setattr("graph.stores.sparql.BATCH_GRAPHS", 7)
        store.replace_graph(G1, graph_of((A, SKOS.prefLabel, Literal("old"))))
        store.replace_graph(G2, graph_of((A, SKOS.prefLabel, Literal("old"))))
        names = [G1, G2] + [URIRef(f"{EX}graph/n/{i}") for i in range(20)]
        data = f'<{A}> <{SKOS.prefLabel}> "new" <{G2}> .\n'.encode()
        assert store.load_nquads_graphs(names, data) == 22
        assert store.graph_names() == [G2]
        assert set(store.get_graph(G2)) == {(A, SKOS.prefLabel, Literal("new"))}


# --- endpoints and configuration ---------------------------------------------------------


def test_explicit_endpoint_urls_are_honoured(oxigraph_server):  # noqa: F811
    """Fuseki-style: three explicit URLs, no base; each one is really the one used."""
    store = SparqlStore(
        query_url=f"{oxigraph_server}/query",
        update_url=f"{oxigraph_server}/update",
        store_url=f"{oxigraph_server}/store",
    )
    with store:
        store.clear()
        store.replace_graph(G1, tricky_graph())
        store.bulk_load_ntriples(tricky_graph().serialize(format="nt", encoding="utf-8"), graph=G2)
        assert store.graph_names() == [G1, G2]
        assert isomorphic(store.get_graph(G2), tricky_graph())
        store.clear()
    for option, operation in [
        ("query_url", lambda s: s.has_graph(G1)),
        ("update_url", lambda s: s.drop_graph(G1)),
        ("store_url", lambda s: s.bulk_load_nquads(b"")),
    ]:
        wrong = f"{oxigraph_server}/nowhere-{option}"
        with SparqlStore(oxigraph_server, **{option: wrong}) as store:
            with pytest.raises(StoreError, match=f"HTTP 404 .*nowhere-{option}"):
                operation(store)


def test_get_store_builds_a_sparql_store(oxigraph_server):  # noqa: F811
    config = {
        "default": {
            "BACKEND": "graph.stores.sparql.SparqlStore",
            "OPTIONS": {"url": oxigraph_server + "/", "timeout": 5},
        }
    }
    store = get_store(config)
    try:
        assert isinstance(store, SparqlStore)
        assert (store.query_url, store.update_url, store.store_url, store.timeout) == (
            f"{oxigraph_server}/query",
            f"{oxigraph_server}/update",
            f"{oxigraph_server}/store",
            5.0,
        )
        assert store.ping()
    finally:
        store.close()
    with pytest.raises(StoreConfigurationError, match="needs url, or explicit update_url, store_url"):
        get_store(
            {"default": {"BACKEND": "graph.stores.sparql.SparqlStore", "OPTIONS": {"query_url": "http://x"}}}
        )


# --- failures ------------------------------------------------------------------------------


def test_connection_refused_is_unavailable():
    url = f"http://127.0.0.1:{free_port()}"
    with SparqlStore(url, timeout=2) as store:
        for operation in (
            store.ping,
            lambda: store.select("SELECT * WHERE { ?s ?p ?o }"),
            lambda: store.replace_graph(G1, tricky_graph()),
            lambda: store.get_graph(G1),
            lambda: store.bulk_load_nquads(b""),
        ):
            with pytest.raises(StoreUnavailable, match=f"graph store at {url}/.* is unavailable"):
                operation()


class _Handler(BaseHTTPRequestHandler):
    """A real (tiny) HTTP server for answers Oxigraph will not give on demand: 503 and slowness."""

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.startswith("/slow/"):
            time.sleep(1.5)
        self.send_response(503)
        body = b"overloaded, try later"
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def flaky_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_5xx_and_timeouts_are_unavailable(flaky_server):
    with SparqlStore(flaky_server) as store:
        with pytest.raises(StoreUnavailable, match="HTTP 503 .*overloaded, try later"):
            store.ask("ASK {}")
    with SparqlStore(flaky_server + "/slow", timeout=0.3) as store:
        with pytest.raises(StoreUnavailable, match="unavailable: .*timed out"):
            store.ask("ASK {}")


def test_ping_checks_the_union_default_graph(oxigraph_factory):  # noqa: F811
    server = oxigraph_factory(union_default_graph=False)
    with SparqlStore(server.url) as store:
        assert store.ping() is True  # empty: nothing to tell by
        store.replace_graph(G1, tricky_graph())
        with pytest.raises(StoreError, match="does not query the union .*--union-default-graph"):
            store.ping()
    with SparqlStore(server.url, union_default_graph=False) as store:
        assert store.ping() is True


def test_graphs_survive_a_server_crash_and_restart(oxigraph_factory, tmp_path):  # noqa: F811
    server = oxigraph_factory(location=tmp_path / "db")
    store = SparqlStore(server.url, timeout=5)
    try:
        store.replace_graph(G1, tricky_graph())
        ds = Dataset()
        ds.graph(G2).add((A, SKOS.prefLabel, Literal("bulk")))
        store.bulk_load_nquads(ds.serialize(format="nquads", encoding="utf-8"))
        store.load_graphs(
            [(URIRef(f"{EX}graph/n/{i}"), graph_of((A, SKOS.note, Literal(i)))) for i in range(50)]
        )

        server.kill()
        with pytest.raises(StoreUnavailable):
            store.graph_names()

        server.start()  # same port, same --location; the client keeps its pooled session
        assert store.ping()
        assert store.graph_names(f"{EX}graph/a/") == [G1, G2]
        assert isomorphic(store.get_graph(G1), tricky_graph())
        assert store.triple_count() == len(tricky_graph()) + 1 + 50
    finally:
        store.close()
