"""The change feed: a partner harvests versions (created, updated, withdrawn) page by page,
or from a point in time, as a Linked Data Event Stream."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, RDF

from cms.registry import outbox
from cms.registry.models import EntityVersion, Module, OutboxEvent
from graph.ldes import AS, LDES, TREE

from .factories import module, publish

pytestmark = pytest.mark.django_db(transaction=True)
BASE = settings.LINKED_DATA_BASE
MODULE = URIRef(f"{BASE}/id/module/4102201")


@pytest.fixture(autouse=True)
def empty_feed(db):
    EntityVersion.objects.all().delete()
    OutboxEvent.objects.all().delete()


def _get(client, path, **headers) -> Graph:
    response = client.get(path, **headers)
    assert response.status_code == 200, response.content[:500]
    assert "Accept" in response["Vary"].split(", ")
    return Graph().parse(data=response.content, format=response["Content-Type"].split(";")[0])


def _life_of_a_module(graph):
    m = module("4102201", 1, name_lt="Saugus elgesys")
    m.name_lt = "Saugus elgesys ekstremaliose situacijose"
    publish(m)
    Module.objects.get(pk=m.pk).unpublish()
    return m


def test_publishing_updating_and_withdrawing_append_versions(graph):
    _life_of_a_module(graph)
    changes = list(EntityVersion.objects.order_by("id").values_list("entity_key", "change"))
    assert changes == [("module/4102201", "created"), ("module/4102201", "updated"), ("module/4102201", "withdrawn")]


def test_a_redelivered_event_or_an_unchanged_republish_appends_nothing(graph):
    m = module("4102201", 1)
    event = OutboxEvent.objects.get()
    OutboxEvent.objects.filter(pk=event.pk).update(status=OutboxEvent.PENDING)
    outbox.apply_event(event.pk)
    publish(Module.objects.get(pk=m.pk))  # same content again
    assert EntityVersion.objects.count() == 1


def test_a_draft_never_enters_the_feed(graph):
    Module.objects.create(code="4102201", name_lt="Juodraštis", ltks_level=4, credits=1)
    assert not EntityVersion.objects.exists()


def test_the_stream_page_carries_versions_with_their_state(client, graph):
    _life_of_a_module(graph)
    root = _get(client, "/ldes", HTTP_ACCEPT="text/turtle")
    stream = URIRef(f"{BASE}/ldes")
    assert (stream, RDF.type, LDES.EventStream) in root
    assert (stream, LDES.timestampPath, PROV.generatedAtTime) in root
    assert (stream, LDES.versionOfPath, DCTERMS.isVersionOf) in root
    first = root.value(stream, TREE.view)
    assert first == URIRef(f"{BASE}/ldes/page/1")

    page = _get(client, "/ldes/page/1", HTTP_ACCEPT="text/turtle")
    members = sorted(page.objects(stream, TREE.member), key=lambda v: int(v.rsplit("/", 1)[1]))
    assert len(members) == 3
    for version, kind in zip(members, (AS.Create, AS.Update, AS.Delete), strict=True):
        assert (version, RDF.type, kind) in page
    assert all(page.value(v, DCTERMS.isVersionOf) == MODULE for v in members)
    created, updated, _ = members
    labels = {str(o) for v in (created, updated) for _, p, o in page.triples((v, None, None))
              if isinstance(o, Literal) and o.language == "lt"}
    assert {"Saugus elgesys", "Saugus elgesys ekstremaliose situacijose"} <= labels
    assert not list(page.triples((MODULE, None, None)))  # state hangs on version IRIs only


def test_formats_agree(client, graph):
    _life_of_a_module(graph)
    turtle = _get(client, "/ldes/page/1", HTTP_ACCEPT="text/turtle")
    jsonld = _get(client, "/ldes/page/1", HTTP_ACCEPT="application/ld+json")
    ntriples = _get(client, "/ldes/page/1?format=nt")
    assert isomorphic(turtle, jsonld) and isomorphic(turtle, ntriples)
    assert client.get("/ldes/page/1", HTTP_ACCEPT="image/png").status_code == 406


def test_pages_link_forward_with_a_time_relation_and_since_finds_the_page(client, graph, settings):
    settings.LDES_PAGE_SIZE = 2
    _life_of_a_module(graph)
    module("4102203", 2)
    module("4102205", 3)  # five versions: pages of 2, 2, 1
    stream = URIRef(f"{BASE}/ldes")
    page1 = _get(client, "/ldes/page/1", HTTP_ACCEPT="text/turtle")
    relation = page1.value(URIRef(f"{BASE}/ldes/page/1"), TREE.relation)
    assert page1.value(relation, RDF.type) == TREE.GreaterThanOrEqualToRelation
    assert page1.value(relation, TREE.node) == URIRef(f"{BASE}/ldes/page/2")
    page2 = _get(client, "/ldes/page/2", HTTP_ACCEPT="text/turtle")
    second_times = [page2.value(v, PROV.generatedAtTime).toPython() for v in page2.objects(stream, TREE.member)]
    assert page1.value(relation, TREE.value).toPython() == min(second_times)
    last = _get(client, "/ldes/page/3", HTTP_ACCEPT="text/turtle")
    assert len(list(last.objects(stream, TREE.member))) == 1
    assert last.value(URIRef(f"{BASE}/ldes/page/3"), TREE.relation) is None
    assert client.get("/ldes/page/4").status_code == 404
    assert "immutable" in client.get("/ldes/page/1")["Cache-Control"]
    assert "immutable" not in client.get("/ldes/page/3")["Cache-Control"]

    fourth = EntityVersion.objects.order_by("id")[3]
    since = client.get("/ldes", {"since": fourth.generated_at.isoformat()})
    assert since.status_code == 303 and since["Location"].endswith("/ldes/page/2")
    future = (fourth.generated_at + dt.timedelta(days=1)).isoformat()
    assert client.get("/ldes", {"since": future})["Location"].endswith("/ldes/page/3")
    assert client.get("/ldes", {"since": "2000-01-01"})["Location"].endswith("/ldes/page/1")
    bad = client.get("/ldes", {"since": "yesterday"})
    assert bad.status_code == 400 and "since" in bad.content.decode()


def test_a_version_dereferences_alone_and_html_lists_changes(client, graph):
    _life_of_a_module(graph)
    first = EntityVersion.objects.order_by("id").first()
    member = _get(client, f"/ldes/version/{first.pk}", HTTP_ACCEPT="text/turtle")
    assert member.value(URIRef(f"{BASE}/ldes/version/{first.pk}"), DCTERMS.isVersionOf) == MODULE
    assert client.get("/ldes/version/999999").status_code == 404
    html = client.get("/ldes", HTTP_ACCEPT="text/html,application/xhtml+xml")
    assert html.status_code == 200 and "module/4102201" in html.content.decode()


@pytest.mark.parametrize(
    "since", ["2026-13-45", "2026-02-30", "2026-01-01T25:00:00", "2026-01-01T00:00:00+99:00", "x", "%00"]
)
def test_an_impossible_since_is_a_400_naming_the_parameter(client, graph, since):
    response = client.get("/ldes", {"since": since})
    assert response.status_code == 400 and "since" in response.content.decode()


@pytest.mark.parametrize("since", ["0001-01-01T00:00:00-14:00", "9999-12-31T23:59:59+14:00", "0001-01-01"])
def test_since_at_the_edges_of_time_is_answered(client, graph, since):
    publish(module("4102201", 1))
    response = client.get("/ldes", {"since": since})
    assert response.status_code in (303, 400), response.content[:300]


def test_huge_page_and_version_numbers_are_404_and_a_format_never_breaks_the_redirect(client, graph):
    publish(module("4102201", 1))
    assert client.get("/ldes/page/99999999999999999999").status_code == 404
    assert client.get("/ldes/version/99999999999999999999").status_code == 404
    moved = client.get("/ldes", {"since": "2020-01-01", "format": "ttl\r\nSet-Cookie: x=1"})
    assert moved.status_code == 303 and "\n" not in moved["Location"] and "Set-Cookie" not in moved.headers
    assert moved["Location"].startswith("/ldes/page/1?format=ttl%0D%0ASet-Cookie")
