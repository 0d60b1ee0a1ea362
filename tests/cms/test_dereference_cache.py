"""The /id/ representation cache (cms/linked_data/id_cache.py): a repeat request is answered
without reading the graph store, and any write to the graph (a publish, a withdrawal, a write
by another process sharing the Redis cache) is seen by the very next request."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from django.conf import settings
from rdflib import URIRef

from cms.registry.graph_store import use_graph_store
from cms.registry.models import Qualification, Sector
from graph.stores.oxigraph import OxigraphStore
from graph.stores.sparql import SparqlStore
from tests.pipeline import RedisServer
from tests.servers import oxigraph_factory  # noqa: F401  (fixture)

from .factories import publish, qualification, sector, standard, unit

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
BASE = settings.LINKED_DATA_BASE
QUALIFICATION = "/id/qualification/K4101301"
SUBJECT = ox.NamedNode(f"{BASE}{QUALIFICATION}")
NAME_LT = ox.Literal("Virėjas", language="lt")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
SHARED_HEADERS = ("Content-Type", "ETag", "Vary", "Link", "Cache-Control", "Access-Control-Allow-Origin")


class CountedCalls:
    """A pyoxigraph store that counts every call made on it (reads and writes alike)."""

    def __init__(self, inner: ox.Store) -> None:
        self.inner, self.calls = inner, 0

    def __getattr__(self, name: str):
        attr = getattr(self.inner, name)
        if not callable(attr):
            return attr

        def counted(*args, **kwargs):
            self.calls += 1
            return attr(*args, **kwargs)

        return counted

    def __contains__(self, quad) -> bool:
        self.calls += 1
        return quad in self.inner

    def __len__(self) -> int:
        self.calls += 1
        return len(self.inner)


class CountingStore(OxigraphStore):
    """The test's embedded store (same data), every access to its indexes counted."""

    def __init__(self, real: OxigraphStore) -> None:
        self.path, self.read_only = None, False
        self._store = CountedCalls(real.oxigraph)  # type: ignore[assignment]

    @property
    def calls(self) -> int:
        return self._store.calls


@pytest.fixture
def store(graph):
    counting = CountingStore(graph)
    use_graph_store(counting, close=False)
    yield counting
    use_graph_store(graph, close=False)


@pytest.fixture
def registry(store):
    s = sector()
    st = standard(s)
    q = qualification([s], st, units=[unit(st)])
    return {"sector": s, "standard": st, "qualification": q}


def _get(client, store, *args, **kwargs):
    """(response, whether the graph store was read to make it)."""
    before = store.calls
    response = client.get(*args, **kwargs)
    return response, store.calls != before


def test_a_repeat_get_is_the_same_answer_without_reading_the_store(client, store, registry):
    first, read = _get(client, store, QUALIFICATION, HTTP_ACCEPT="text/turtle")
    assert (first.status_code, read) == (200, True)
    assert "Virėjas" in first.content.decode()
    again, read = _get(client, store, QUALIFICATION, HTTP_ACCEPT="text/turtle")
    assert (again.status_code, read) == (200, False)
    assert again.content == first.content
    assert {h: again[h] for h in SHARED_HEADERS} == {h: first[h] for h in SHARED_HEADERS}
    # Conditional GET and HEAD still work on a cached answer.
    not_modified, read = _get(
        client, store, QUALIFICATION, HTTP_ACCEPT="text/turtle", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert (not_modified.status_code, read) == (304, False)
    head = client.head(QUALIFICATION, HTTP_ACCEPT="text/turtle")
    assert (head.status_code, head.content, head["Content-Length"]) == (200, b"", str(len(first.content)))
    # HEAD answered from the entry without emptying it.
    assert client.get(QUALIFICATION, HTTP_ACCEPT="text/turtle").content == first.content


def test_publishing_a_change_is_seen_by_the_next_get(client, store, registry):
    old_turtle = client.get(QUALIFICATION, HTTP_ACCEPT="text/turtle")
    old_page = client.get(QUALIFICATION, {"lang": "lt"}, HTTP_ACCEPT=BROWSER)
    assert "Virėjas" in old_page.content.decode()
    q = Qualification.objects.get(code="K4101301")
    q.name_lt = "Virėjas konditeris"
    publish(q)
    turtle, read = _get(client, store, QUALIFICATION, HTTP_ACCEPT="text/turtle")
    assert read and "Virėjas konditeris" in turtle.content.decode()
    assert turtle["ETag"] != old_turtle["ETag"]
    page = client.get(QUALIFICATION, {"lang": "lt"}, HTTP_ACCEPT=BROWSER)
    assert "Virėjas konditeris" in page.content.decode()
    # The new answer is cached in turn.
    cached, read = _get(client, store, QUALIFICATION, HTTP_ACCEPT="text/turtle")
    assert (cached.content, read) == (turtle.content, False)


def test_withdrawing_is_a_fresh_410_then_cached(client, store, registry):
    assert client.get(QUALIFICATION, HTTP_ACCEPT="text/turtle").status_code == 200
    q = Qualification.objects.get(code="K4101301")
    q.status = "withdrawn"
    publish(q)
    gone, read = _get(client, store, QUALIFICATION, HTTP_ACCEPT="text/turtle")
    assert (gone.status_code, read) == (410, True)
    assert "StatusWithdrawn" in gone.content.decode()
    again, read = _get(client, store, QUALIFICATION, HTTP_ACCEPT="text/turtle")
    assert (again.status_code, again.content, read) == (410, gone.content, False)
    assert "Accept" in again["Vary"]


def test_each_negotiated_type_and_page_language_is_its_own_entry(client, store, registry):
    answers = {}
    cases = {
        "turtle": {"HTTP_ACCEPT": "text/turtle"},
        "jsonld": {"HTTP_ACCEPT": "application/ld+json"},
        "json": {"HTTP_ACCEPT": "application/json"},
        "ntriples": {"HTTP_ACCEPT": "application/n-triples"},
        "html-lt": {"HTTP_ACCEPT": BROWSER, "HTTP_ACCEPT_LANGUAGE": "lt"},
        "html-en": {"HTTP_ACCEPT": BROWSER, "HTTP_ACCEPT_LANGUAGE": "en"},
    }
    for name, headers in cases.items():
        response, read = _get(client, store, QUALIFICATION, **headers)
        assert (response.status_code, read) == (200, True), name  # a miss: nothing shared with another case
        answers[name] = response
    for name, headers in cases.items():
        response, read = _get(client, store, QUALIFICATION, **headers)
        assert (read, response.content) == (False, answers[name].content), name
        assert response["Content-Type"] == answers[name]["Content-Type"], name
        assert response["Vary"] == answers[name]["Vary"] and "Accept" in response["Vary"], name
    assert answers["json"]["Content-Type"] == "application/json"
    assert answers["jsonld"]["Content-Type"] == "application/ld+json"
    assert '<html lang="en">' in answers["html-en"].content.decode()
    assert '<html lang="lt">' in answers["html-lt"].content.decode()
    assert answers["html-en"]["Content-Language"] == "en"
    # ?format= lands on the same entry as the Accept header it stands for.
    by_format, read = _get(client, store, QUALIFICATION, {"format": "ttl"})
    assert (by_format.content, read) == (answers["turtle"].content, False)


def test_id_cache_seconds_0_turns_the_cache_off(client, store, registry, settings):
    settings.ID_CACHE_SECONDS = 0
    first = client.get(QUALIFICATION, HTTP_ACCEPT="text/turtle")
    for _ in range(2):
        again, read = _get(client, store, QUALIFICATION, HTTP_ACCEPT="text/turtle")
        assert read and again.content == first.content


SECTOR_LABEL = "Apgyvendinimo, maitinimo ir turizmo paslaugų"


def test_a_linked_entitys_new_label_is_in_the_next_description(client, store, registry):
    """Labels of linked IRIs are kept per graph generation: publishing the sector under a new name
    reaches the qualification's description at once, in every representation."""
    assert SECTOR_LABEL in client.get(QUALIFICATION, HTTP_ACCEPT="text/turtle").content.decode()
    s = Sector.objects.get(code="S08")
    s.name_lt = "Maitinimo paslaugų"
    publish(s)
    for accept in ("text/turtle", "application/ld+json", "application/n-triples"):
        body = client.get(QUALIFICATION, HTTP_ACCEPT=accept).content.decode()
        assert "Maitinimo paslaugų" in body and SECTOR_LABEL not in body, accept


def test_labels_read_for_one_description_serve_the_next_one(client, store, registry, settings):
    """A second qualification of the same sector and standard reads its own graph and only the
    labels no description read before: fewer store reads than with the caches off, same answer."""
    qualification([registry["sector"]], registry["standard"], code="K4101302")
    second = "/id/qualification/K4101302"
    settings.ID_CACHE_SECONDS = 0
    before = store.calls
    uncached = client.get(second, HTTP_ACCEPT="text/turtle")
    reads_uncached = store.calls - before
    settings.ID_CACHE_SECONDS = 300
    assert client.get(QUALIFICATION, HTTP_ACCEPT="text/turtle").status_code == 200  # reads the shared labels
    before = store.calls
    cached = client.get(second, HTTP_ACCEPT="text/turtle")
    reads_cached = store.calls - before
    assert (cached.status_code, cached.content) == (200, uncached.content)
    assert SECTOR_LABEL in cached.content.decode()
    assert 0 < reads_cached < reads_uncached / 3, (reads_cached, reads_uncached)


def _rename_out_of_band(graph: OxigraphStore, new_name: str) -> None:
    """Change the name straight in the store, as a load into Oxigraph outside the app would."""
    quads = list(graph.oxigraph.quads_for_pattern(SUBJECT, None, NAME_LT, None))
    assert quads, "the qualification's Lithuanian name is in the store"
    for quad in quads:
        graph.oxigraph.remove(quad)
        graph.oxigraph.add(
            ox.Quad(quad.subject, quad.predicate, ox.Literal(new_name, language="lt"), quad.graph_name)
        )


def test_an_out_of_band_write_shows_within_id_cache_seconds(client, graph, store, registry, settings):
    settings.ID_CACHE_SECONDS = 1
    assert "Virėjas" in client.get(QUALIFICATION, HTTP_ACCEPT="text/turtle").content.decode()
    _rename_out_of_band(graph, "Virėjas iš šono")
    assert "iš šono" not in client.get(QUALIFICATION, HTTP_ACCEPT="text/turtle").content.decode()  # cached
    time.sleep(1.2)
    assert "Virėjas iš šono" in client.get(QUALIFICATION, HTTP_ACCEPT="text/turtle").content.decode()


def test_a_404_is_never_cached(client, graph, store, registry):
    missing = "/id/qualification/K4101399"
    assert client.get(missing, HTTP_ACCEPT="text/turtle").status_code == 404
    other = ox.NamedNode(f"{BASE}{missing}")
    graph_name = ox.NamedNode(f"{BASE}/graph/qualification/K4101399")
    graph.oxigraph.add(ox.Quad(other, ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
                               ox.Literal("Atsiradęs", language="lt"), graph_name))  # fmt: skip
    found, read = _get(client, store, missing, HTTP_ACCEPT="text/turtle")
    assert (found.status_code, read) == (200, True)
    assert "Atsiradęs" in found.content.decode()


WORKER = """
import sys
import django
django.setup()
from rdflib import Literal, URIRef
from cms.registry.graph_store import graph_store
store = graph_store()
name = URIRef(sys.argv[1])
graph = store.get_graph(name)
for s, p, o in list(graph.triples((None, None, Literal("Virėjas", lang="lt")))):
    graph.remove((s, p, o))
    graph.add((s, p, Literal(sys.argv[2], lang="lt")))
store.replace_graph(name, graph)
"""


def test_a_write_by_another_process_invalidates_through_the_shared_redis_cache(
    client,
    graph,
    registry,
    settings,
    oxigraph_factory,  # noqa: F811
):
    """Web (this process) and a worker process share an Oxigraph server and a Redis cache: the
    worker's write through its own process store bumps the generation the web reads."""
    redis_server = RedisServer().start()
    oxigraph = oxigraph_factory()
    try:
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                       "LOCATION": redis_server.url}}  # fmt: skip
        remote = SparqlStore(url=oxigraph.url, timeout=10)
        use_graph_store(remote, close=False)
        remote.bulk_load_nquads(graph.oxigraph.dump(format=ox.RdfFormat.N_QUADS))  # the published data
        first = client.get(QUALIFICATION, HTTP_ACCEPT="text/turtle")
        assert first.status_code == 200 and "Virėjas" in first.content.decode()
        oxigraph_name = f"{BASE}/graph/qualification/K4101301"
        assert remote.has_graph(URIRef(oxigraph_name))
        env = {k: v for k, v in os.environ.items() if k not in ("GRAPH_STORE_PATH", "GRAPH_STORE_BACKEND")}
        env.update(DJANGO_SETTINGS_MODULE="cms.config.settings", CACHE_URL=redis_server.url,
                   GRAPH_STORE_URL=oxigraph.url, KPMPC_VAR_DIR=tempfile.mkdtemp(prefix="id-cache-worker-"),
                   PYTHONPATH=str(ROOT))  # fmt: skip
        subprocess.run([sys.executable, "-c", WORKER, oxigraph_name, "Virėjas iš darbuotojo"],
                       cwd=ROOT, env=env, check=True, timeout=120)  # fmt: skip
        after = client.get(QUALIFICATION, HTTP_ACCEPT="text/turtle")
        assert after.status_code == 200 and "Virėjas iš darbuotojo" in after.content.decode()
        # Redis down: /id/ still answers, uncached, from the store.
        redis_server.stop()
        assert client.get(QUALIFICATION, HTTP_ACCEPT="text/turtle").content == after.content
    finally:
        redis_server.stop()
