"""The outbox in one process: events written with the change, applied in order, idempotently,
kept when the broker or the store fails, swept and retried. The drills with a real broker and
worker are in test_pipeline_drills.py."""

from __future__ import annotations

import contextlib
import socket

import pytest
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from rdflib.compare import isomorphic

from cms.registry import outbox
from cms.registry.graph_store import graph_store, use_graph_store
from cms.registry.models import Module, OutboxEvent
from graph.stores.base import StoreError
from graph.uris import graph_name

from .factories import module, publish, qualification, sector

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def empty_outbox(db):
    """Other modules leave committed events behind (the demo load); start from none."""
    OutboxEvent.objects.all().delete()


def _graph_of(obj, base="https://data.kpmpc.lt"):
    return graph_name(base, type(obj).rdf_mapping.type_slug, obj.code)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def broker_down():
    """Tasks go to a real broker URL on a closed port: sending fails as in production."""
    from cms.config.celery import app

    saved = app.conf.task_always_eager, app.conf.broker_url, app.conf.broker_connection_timeout
    app.conf.update(task_always_eager=False, broker_url=f"redis://127.0.0.1:{_free_port()}/0",
                    broker_connection_timeout=0.5)
    app._pool = None
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            app.pool.force_close_all()
        app._pool = None
        app.conf.update(task_always_eager=saved[0], broker_url=saved[1], broker_connection_timeout=saved[2])


class BrokenStore:
    """Wraps the real store; writes fail as when the server is down."""

    def __init__(self, real):
        self.real = real

    def __getattr__(self, name):
        if name in {"replace_graph", "drop_graph", "load_graphs"}:
            def fail(*args, **kwargs):
                raise StoreError("graph store unreachable (drill)")
            return fail
        return getattr(self.real, name)

    def close(self):
        pass


def test_publish_writes_one_event_applied_after_commit(graph):
    m = module("4102201", 1)
    event = OutboxEvent.objects.get(entity_key="module/4102201")
    assert (event.action, event.status, event.attempts) == (OutboxEvent.PUBLISH, OutboxEvent.DONE, 1)
    assert event.applied_at is not None
    assert graph.has_graph(_graph_of(m))


def test_rolled_back_transaction_leaves_no_event_and_no_triples(graph):
    with pytest.raises(RuntimeError), transaction.atomic():
        module("4102201", 1)
        raise RuntimeError("editor's request failed after publishing")
    assert not OutboxEvent.objects.exists()
    assert not Module.objects.exists()
    assert graph.graph_names(prefix="https://data.kpmpc.lt/graph/module/") == []


def test_broker_down_publish_succeeds_and_the_sweep_applies_it_later(graph):
    with broker_down():
        m = module("4102201", 1)
    assert m.live
    event = OutboxEvent.objects.get(entity_key="module/4102201")
    assert event.status == OutboxEvent.PENDING
    assert not graph.has_graph(_graph_of(m))
    assert outbox.sweep_stale(older_than=0) == 1  # broker back (eager here): re-queued and applied
    event.refresh_from_db()
    assert event.status == OutboxEvent.DONE
    assert graph.has_graph(_graph_of(m))


def test_store_down_keeps_the_event_with_its_error_then_applies_it(graph):
    use_graph_store(BrokenStore(graph), close=False)
    try:
        m = module("4102201", 1)
    finally:
        use_graph_store(graph, close=False)
    event = OutboxEvent.objects.get(entity_key="module/4102201")
    assert (event.status, event.attempts) == (OutboxEvent.PENDING, 1)
    assert "graph store unreachable" in event.last_error
    outbox.sweep_stale(older_than=0)
    event.refresh_from_db()
    assert (event.status, event.last_error) == (OutboxEvent.DONE, "")
    assert graph.has_graph(_graph_of(m))


def test_an_event_applied_twice_gives_the_same_graph(graph):
    m = module("4102201", 1)
    event = OutboxEvent.objects.get(entity_key="module/4102201")
    first = graph_store().get_graph(_graph_of(m))
    assert outbox.apply_event(event.pk) == "already applied"
    OutboxEvent.objects.filter(pk=event.pk).update(status=OutboxEvent.PENDING)  # redelivered
    assert outbox.apply_event(event.pk) == "replaced"
    assert isomorphic(graph_store().get_graph(_graph_of(m)), first)


def test_events_of_one_entity_are_applied_in_order_and_coalesced(graph):
    with broker_down():
        m = module("4102201", 1)
        m.unpublish()
    publish_event, unpublish_event = OutboxEvent.objects.filter(entity_key="module/4102201").order_by("id")
    assert (publish_event.action, unpublish_event.action) == (OutboxEvent.PUBLISH, OutboxEvent.UNPUBLISH)
    # Delivered out of order: the later event brings the earlier one with it.
    assert outbox.apply_event(unpublish_event.pk) == "removed"
    assert outbox.apply_event(publish_event.pk) == "already applied"
    assert OutboxEvent.objects.filter(status=OutboxEvent.DONE).count() == 2
    assert not graph.has_graph(_graph_of(m))


def test_a_late_delete_event_does_not_remove_a_new_entity_with_the_same_code(graph):
    with broker_down():
        old = module("4102201", 1)
        old.delete()
    new = module("4102201", 2)  # the code is free again; this one is applied at once
    late_delete = OutboxEvent.objects.filter(action=OutboxEvent.DELETE).get()
    assert late_delete.status == OutboxEvent.PENDING or late_delete.status == OutboxEvent.DONE
    outbox.apply_event(late_delete.pk)
    assert graph.has_graph(_graph_of(new))


def test_unpublish_and_delete_remove_the_graph_through_events(graph):
    m = module("4102201", 1)
    m.unpublish()
    assert not graph.has_graph(_graph_of(m))
    publish(Module.objects.get(pk=m.pk))
    assert graph.has_graph(_graph_of(m))
    Module.objects.get(pk=m.pk).delete()
    assert not graph.has_graph(_graph_of(m))
    actions = list(OutboxEvent.objects.order_by("id").values_list("action", "status"))
    assert actions == [("publish", "done"), ("unpublish", "done"), ("publish", "done"), ("delete", "done")]


def test_a_draft_never_published_and_deleted_writes_no_event(graph):
    Module.objects.create(code="4102201", name_lt="Modulis", ltks_level=4, credits=1).delete()
    assert not OutboxEvent.objects.exists()


def test_exhausted_retries_mark_the_event_failed(graph, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    use_graph_store(BrokenStore(graph), close=False)
    try:
        module("4102201", 1)
        event = OutboxEvent.objects.get()
        outbox.sweep_stale(older_than=0)
    finally:
        use_graph_store(graph, close=False)
    event.refresh_from_db()
    assert (event.status, event.attempts) == (OutboxEvent.FAILED, 2)
    assert outbox.sweep_stale(older_than=0) == 0  # failed events wait for a person
    assert outbox.backlog() == {"pending": 0, "failed": 1, "oldest_pending_seconds": 0}


def test_admin_lists_failed_events_with_their_error_and_retries_them(client, django_user_model, graph, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    use_graph_store(BrokenStore(graph), close=False)
    try:
        m = module("4102201", 1)
    finally:
        use_graph_store(graph, close=False)
    event = OutboxEvent.objects.get()
    assert event.status == OutboxEvent.FAILED
    client.force_login(django_user_model.objects.create_superuser("ops", "ops@example.test", "pw"))

    listing = client.get(reverse("outbox:index") + "?status=failed")
    assert listing.status_code == 200
    body = listing.content.decode()
    assert "module/4102201" in body and "graph store unreachable" in body
    assert reverse("outbox:retry", args=[event.pk]) in body

    confirm = client.get(reverse("outbox:retry", args=[event.pk]))
    assert confirm.status_code == 200 and "module/4102201" in confirm.content.decode()
    done = client.post(reverse("outbox:retry", args=[event.pk]))
    assert done.status_code == 302
    event.refresh_from_db()
    assert event.status == OutboxEvent.DONE
    assert graph.has_graph(_graph_of(m))


def test_outbox_admin_cannot_add_edit_or_delete_and_needs_permission(client, django_user_model, graph):
    module("4102201", 1)
    event = OutboxEvent.objects.get()
    editor = django_user_model.objects.create_user("editor", "e@example.test", "pw")
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(reverse("outbox:index")).status_code in (302, 403)
    assert client.post(reverse("outbox:retry", args=[event.pk])).status_code in (302, 403)
    event.refresh_from_db()
    assert event.status == OutboxEvent.DONE
    with pytest.raises(NoReverseMatch):
        reverse("outbox:add")
    with pytest.raises(NoReverseMatch):
        reverse("outbox:edit", args=[event.pk])


def test_qualification_publish_event_carries_type_and_code(graph):
    q = qualification([sector()])
    event = OutboxEvent.objects.get(entity_key=f"qualification/{q.code}")
    assert (event.type_slug, event.code, event.entity_label) == ("qualification", q.code, "registry.qualification")
