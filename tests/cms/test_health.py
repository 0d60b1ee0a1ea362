"""/healthz and /readyz against real parts: the test database, an in-memory graph store, the
local Redis, and closed ports for the failures."""

from __future__ import annotations

import os
import socket
import sys
from datetime import timedelta

import pytest
from django.utils import timezone

from cms.health.checks import redact
from cms.registry.graph_store import use_graph_store
from cms.registry.models.outbox import OutboxEvent

REDIS_URL = "redis://127.0.0.1:6379/0"


def closed_port() -> int:
    """A local port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def require_redis() -> None:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError as exc:
        reason = f"Redis is not running at 127.0.0.1:6379 ({exc})"
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(f"CI must run the broker readiness test: {reason}", pytrace=False)
        print(f"skipping: {reason}", file=sys.stderr)
        pytest.skip(reason)


@pytest.fixture
def embedded(settings, graph):
    """Every component on its embedded default: eager Celery, database search, in-memory graph."""
    settings.CELERY_BROKER_URL = ""
    settings.SEARCH_BACKEND = "embedded"
    return settings


def test_healthz_answers_without_touching_anything(client):
    response = client.get("/healthz")  # no django_db mark: a query would raise here
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_ok_on_the_embedded_defaults(client, embedded):
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200, body
    assert body["status"] == "ok"
    components = body["components"]
    assert set(components) == {"database", "broker", "graph_store", "search", "outbox"}
    assert all(c["status"] == "ok" and c["latency_ms"] >= 0 for c in components.values())
    assert components["broker"]["mode"] == "eager"
    assert components["search"]["mode"] == "embedded"
    assert components["graph_store"]["backend"] == "OxigraphStore"
    assert components["outbox"]["pending"] == 0


@pytest.mark.django_db
def test_readyz_503_names_the_broker_on_a_closed_port(client, embedded):
    embedded.CELERY_BROKER_URL = f"redis://:s3cret@127.0.0.1:{closed_port()}/0"
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 503
    assert body["status"] == "fail"
    failed = {name for name, c in body["components"].items() if c["status"] == "fail"}
    assert failed == {"broker"}
    assert body["components"]["broker"]["error"]
    assert "s3cret" not in response.content.decode()


@pytest.mark.django_db
def test_readyz_broker_ok_against_the_local_redis(client, embedded):
    require_redis()
    embedded.CELERY_BROKER_URL = REDIS_URL
    response = client.get("/readyz")
    broker = response.json()["components"]["broker"]
    assert response.status_code == 200, response.json()
    assert broker["status"] == "ok"
    assert broker["mode"] == "broker"
    assert broker["detail"] == f"connected to {REDIS_URL}"


@pytest.mark.django_db
def test_readyz_503_names_the_graph_store_when_its_server_is_unreachable(client, settings):
    sparql = pytest.importorskip("graph.stores.sparql", reason="the SPARQL backend is not there yet")
    settings.CELERY_BROKER_URL = ""
    settings.SEARCH_BACKEND = "embedded"
    use_graph_store(sparql.SparqlStore(url=f"http://127.0.0.1:{closed_port()}", timeout=2))
    try:
        response = client.get("/readyz")
    finally:
        use_graph_store(None)
    body = response.json()
    assert response.status_code == 503
    failed = {name for name, c in body["components"].items() if c["status"] == "fail"}
    assert failed == {"graph_store"}
    assert "unavailable" in body["components"]["graph_store"]["error"]


@pytest.mark.django_db
def test_readyz_503_names_search_when_elasticsearch_is_unreachable(client, embedded):
    embedded.SEARCH_BACKEND = "elasticsearch"
    embedded.ELASTICSEARCH_URL = f"http://elastic:pw@127.0.0.1:{closed_port()}"
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 503
    assert body["components"]["search"]["status"] == "fail"
    assert "pw@" not in response.content.decode()


# transaction=True: the checks run on their own connections, which see only committed rows.
@pytest.mark.django_db(transaction=True)
def test_readyz_503_names_the_outbox_when_a_pending_event_is_too_old(client, embedded):
    embedded.READYZ_OUTBOX_MAX_AGE_SECONDS = 600
    event = OutboxEvent.objects.create(
        entity_key="qualification/Q-1", entity_label="registry.qualification", entity_pk=1,
        type_slug="qualification", code="Q-1", action=OutboxEvent.PUBLISH,
    )
    assert client.get("/readyz").status_code == 200  # young: fine

    OutboxEvent.objects.filter(pk=event.pk).update(created_at=timezone.now() - timedelta(hours=1))
    response = client.get("/readyz")
    outbox = response.json()["components"]["outbox"]
    assert response.status_code == 503
    assert outbox["status"] == "fail"
    assert outbox["pending"] == 1
    assert outbox["oldest_pending_seconds"] >= 3600
    assert "600s" in outbox["error"]


def test_a_hung_check_fails_as_timed_out_without_blocking_the_others(monkeypatch):
    import threading

    from cms.health import checks

    release = threading.Event()
    monkeypatch.setattr(checks, "CHECKS", {
        "slow": lambda: release.wait(5) and {"status": "ok"},
        "quick": lambda: {"status": "ok"},
    })
    try:
        results = checks.run_checks(timeout=0.2)
    finally:
        release.set()
    assert results["slow"] == {"status": "fail", "error": "timed out after 0.2s", "latency_ms": 200.0}
    assert results["quick"]["status"] == "ok"


def test_a_raising_check_becomes_a_failure(monkeypatch):
    from cms.health import checks

    def broken():
        raise RuntimeError("cannot reach postgres://app:hunter2@db:5432/x")

    monkeypatch.setattr(checks, "CHECKS", {"broken": broken})
    result = checks.run_checks()["broken"]
    assert result["status"] == "fail"
    assert result["error"] == "RuntimeError: cannot reach postgres://app:***@db:5432/x"


@pytest.mark.parametrize(("raw", "safe"), [
    ("redis://:secret@redis:6379/0", "redis://:***@redis:6379/0"),
    ("amqp://user:p%40ss@rabbit//", "amqp://user:***@rabbit//"),
    ("http://elasticsearch:9200", "http://elasticsearch:9200"),
])
def test_redact_masks_url_passwords(raw, safe):
    assert redact(raw) == safe
