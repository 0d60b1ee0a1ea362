"""Fault drills with the real parts: PostgreSQL, a Redis broker, Celery worker processes and
an Oxigraph SPARQL server. Each ends with nothing lost: the graph holds what is published."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from rdflib.compare import isomorphic
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.registry import outbox
from cms.registry.graph_store import use_graph_store
from cms.registry.models import Module, OutboxEvent
from cms.registry.reconcile import reconcile
from graph.stores.sparql import SparqlStore
from graph.uris import graph_name
from graph.vocabularies import load_reference_vocabularies
from tests.pipeline import (
    ROOT,
    RedisServer,
    Worker,
    celery_sends_to,
    shared_database_url,
    system_redis_url,
    wait_for,
)
from tests.servers import OxigraphServer

from .factories import module

pytestmark = pytest.mark.django_db(transaction=True)
BASE = settings.LINKED_DATA_BASE


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    server = OxigraphServer(location=tmp_path_factory.mktemp("drill-graph")).start()
    yield server
    server.stop()


@pytest.fixture
def store(oxigraph):
    if not oxigraph.running:
        oxigraph.start()
    s = SparqlStore(url=oxigraph.url, timeout=60)
    s.clear()
    load_reference_vocabularies(s, base=BASE)
    use_graph_store(s)
    OutboxEvent.objects.all().delete()
    yield s
    use_graph_store(None)


@pytest.fixture
def workers(store, oxigraph):
    started: list[Worker] = []

    def start(broker_url: str, **env) -> Worker:
        worker = Worker(broker_url=broker_url, graph_url=oxigraph.url, **env).start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def _module_graph(code: str):
    return graph_name(BASE, "module", code)


def _applied(code: str) -> bool:
    events = OutboxEvent.objects.filter(entity_key=f"module/{code}")
    return events.exists() and not events.exclude(status=OutboxEvent.DONE).exists()


def test_a_real_worker_applies_what_the_admin_publishes(client, django_user_model, store, workers):
    broker = system_redis_url()
    worker = workers(broker)
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.test", "pw"))
    form = nested_form_data({
        "code": "4102201", "ltks_level": "4", "credits": "1",
        "name_lt": "Saugus elgesys ekstremaliose situacijose",
        "name_en": "Safe behaviour in emergencies",
        "outcomes": inline_formset([]),
    })
    form["action-publish"] = "action-publish"
    with celery_sends_to(broker):
        response = client.post(reverse("wagtailsnippets_registry_module:add"), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Module.objects.get(code="4102201").live

    wait_for(lambda: store.has_graph(_module_graph("4102201")), 30, "the worker to write the graph")
    wait_for(lambda: _applied("4102201"), 10, "the event to be marked applied")
    assert "apply_outbox_event" in worker.log()
    labels = store.select(f'SELECT ?l WHERE {{ <{BASE}/id/module/4102201> ?p ?l FILTER(lang(?l) = "lt") }}')
    assert any("Saugus elgesys" in str(row["l"]) for row in labels)


def test_broker_down_at_publish_time_then_back(store, workers):
    redis_server = RedisServer().start()
    try:
        with celery_sends_to(redis_server.url):
            redis_server.stop()  # the broker dies before the editor publishes
            m = module("4102201", 1)
            assert Module.objects.get(pk=m.pk).live  # publishing does not depend on the broker
            event = OutboxEvent.objects.get(entity_key="module/4102201")
            assert event.status == OutboxEvent.PENDING
            assert not store.has_graph(_module_graph("4102201"))

            redis_server.start()
            workers(redis_server.url)
            assert outbox.sweep_stale(older_than=0) == 1  # what beat runs every minute
            wait_for(lambda: _applied("4102201"), 30, "the swept event to be applied")
        assert store.has_graph(_module_graph("4102201"))
    finally:
        redis_server.stop()


def test_graph_store_down_is_retried_and_applied_later(store, workers, oxigraph):
    broker = system_redis_url()
    with celery_sends_to(broker):
        m = module("4102201", 1)  # queued; no worker yet
        oxigraph.stop()  # the store goes down before the worker gets to it
        workers(broker)
        wait_for(lambda: OutboxEvent.objects.filter(attempts__gte=1, status=OutboxEvent.PENDING).exists(),
                 30, "a failed attempt recorded on the event")
        event = OutboxEvent.objects.get(entity_key="module/4102201")
        assert event.last_error  # what an operator sees in the admin
        oxigraph.start()
        wait_for(lambda: _applied("4102201"), 60, "the retried event to be applied")
    assert store.has_graph(_module_graph(m.code))
    assert OutboxEvent.objects.get(entity_key="module/4102201").last_error == ""


def test_worker_killed_mid_task_the_event_is_applied_again(store, workers, oxigraph):
    broker = system_redis_url()
    with celery_sends_to(broker):
        module("4102201", 1)  # queued while no worker runs
        os.kill(oxigraph.process.pid, signal.SIGSTOP)  # the store hangs: the task blocks mid-write
        try:
            first = workers(broker)
            wait_for(lambda: "apply_outbox_event" in first.log(), 30, "the worker to take the task")
            first.kill()
        finally:
            os.kill(oxigraph.process.pid, signal.SIGCONT)
        assert not _applied("4102201")
        workers(broker)
        # The unacked message comes back after the visibility timeout; the sweep re-sends too.
        outbox.sweep_stale(older_than=0)
        wait_for(lambda: _applied("4102201"), 60, "the event to be applied by the new worker")
    assert store.has_graph(_module_graph("4102201"))


def test_the_same_event_delivered_twice_gives_the_same_graph(store, workers):
    from cms.registry.tasks import apply_outbox_event

    broker = system_redis_url()
    with celery_sends_to(broker):
        worker = workers(broker)
        module("4102201", 1)
        wait_for(lambda: _applied("4102201"), 30, "the first delivery")
        before = store.get_graph(_module_graph("4102201"))
        done = worker.log().count("succeeded")
        event = OutboxEvent.objects.get(entity_key="module/4102201")
        OutboxEvent.objects.filter(pk=event.pk).update(status=OutboxEvent.PENDING)  # as if never acked
        apply_outbox_event.delay(event.pk)
        apply_outbox_event.delay(event.pk)
        wait_for(lambda: worker.log().count("succeeded") >= done + 2, 30, "both redeliveries")
    assert _applied("4102201")
    assert isomorphic(store.get_graph(_module_graph("4102201")), before)
    assert store.graph_names(prefix=f"{BASE}/graph/module/") == [_module_graph("4102201")]


def test_a_rolled_back_transaction_sends_nothing(store, workers):
    broker = system_redis_url()
    with celery_sends_to(broker):
        workers(broker)
        with pytest.raises(RuntimeError), transaction.atomic():
            module("4102201", 1)
            raise RuntimeError("the request failed after publishing")
        module("4102202", 1)  # a marker the worker handles after anything sent before it
        wait_for(lambda: _applied("4102202"), 30, "the marker event")
    assert not OutboxEvent.objects.filter(entity_key="module/4102201").exists()
    assert not store.has_graph(_module_graph("4102201"))
    assert not Module.objects.filter(code="4102201").exists()


def test_rebuild_killed_midway_converges_on_rerun(store, oxigraph):
    from django.core.management import call_command
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import SKOS

    from .factories import sector

    for code in ("S01", "S02", "S08"):
        sector(code)
    call_command("generate_synthetic", qualifications=3000, verbosity=0)
    store.clear()  # the rebuild starts from an empty store plus one graph nobody publishes
    orphan = graph_name(BASE, "module", "9999999")
    store.replace_graph(orphan, Graph().add((URIRef(f"{BASE}/id/module/9999999"), SKOS.prefLabel, Literal("x"))))
    env = {**os.environ, "DATABASE_URL": shared_database_url(), "GRAPH_STORE_URL": oxigraph.url,
           "GRAPH_STORE_BACKEND": "graph.stores.sparql.SparqlStore"}
    env.pop("GRAPH_STORE_PATH", None)
    command = [sys.executable, "manage.py", "rebuild_graph", "-v", "0"]

    run = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for(lambda: store.graph_names(prefix=f"{BASE}/graph/sector/") or run.poll() is not None,
             120, "the rebuild to start writing entity graphs")
    run.send_signal(signal.SIGKILL)
    run.wait(10)
    partial = reconcile(repair=False)
    assert partial.drift > 0, "the rebuild finished before it was killed: the drill proves nothing"

    rerun = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    after = reconcile(repair=False)
    assert after.drift == 0, after.summary()
    assert after.checked == partial.checked >= 3001
    assert not store.has_graph(orphan)
