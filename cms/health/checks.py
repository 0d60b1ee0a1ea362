"""Readiness checks: one function per component, run in parallel under a deadline.

A check returns a dict with ``status`` ("ok" or "fail") and details; :func:`run_checks` adds
``latency_ms`` and turns an exception or a timeout into ``{"status": "fail", "error": ...}``, so
a probe always gets an answer. Settings are read at call time (tests and reloads change them).
Output is public: URLs lose their passwords and errors are shortened.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

import requests
from django.conf import settings
from django.db import connections

#: The whole probe answers within this (orchestrators give a probe a few seconds).
CHECK_TIMEOUT_SECONDS = 3.0
#: Connect/read timeout of a single network call inside a check.
CONNECT_TIMEOUT_SECONDS = 2.0
DEFAULT_OUTBOX_MAX_AGE_SECONDS = 900
_MAX_ERROR_CHARS = 300
_URL_PASSWORD = re.compile(r"(?P<head>[a-z][a-z0-9+.-]*://[^/\s:@]*):[^@\s/]*@", re.IGNORECASE)

Result = dict[str, Any]


def redact(text: str) -> str:
    """Mask the password of every URL in ``text`` (``redis://:secret@host`` → ``redis://:***@host``)."""
    return _URL_PASSWORD.sub(r"\g<head>:***@", text)


def check_database() -> Result:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return {"status": "ok", "detail": "SELECT 1 answered", "vendor": connections["default"].vendor}
    finally:
        # Pool threads are not request threads: nothing else would close this connection.
        connections.close_all()


def check_broker() -> Result:
    url = settings.CELERY_BROKER_URL
    if not url:
        return {"status": "ok", "mode": "eager", "detail": "no broker configured: tasks run in-process"}
    from kombu import Connection

    timeouts = {"socket_timeout": CONNECT_TIMEOUT_SECONDS, "socket_connect_timeout": CONNECT_TIMEOUT_SECONDS}
    with Connection(url, connect_timeout=CONNECT_TIMEOUT_SECONDS, transport_options=timeouts) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, timeout=CONNECT_TIMEOUT_SECONDS)
        transport = conn.transport_cls
    return {"status": "ok", "mode": "broker", "detail": f"connected to {redact(url)}", "transport": str(transport)}


def check_graph_store() -> Result:
    from cms.registry.graph_store import graph_store

    store = graph_store()
    ping = getattr(store, "ping", None)
    if ping is not None:
        ping()
    else:  # a backend written before GraphStore.ping existed
        store.ask("ASK {}")
    return {"status": "ok", "detail": "answered a query", "backend": type(store).__name__}


def check_search() -> Result:
    if settings.SEARCH_BACKEND != "elasticsearch":
        return {"status": "ok", "mode": "embedded", "detail": "search runs in the database"}
    url = f"{settings.ELASTICSEARCH_URL.rstrip('/')}/_cluster/health"
    response = requests.get(url, timeout=(CONNECT_TIMEOUT_SECONDS, CONNECT_TIMEOUT_SECONDS))
    if response.status_code != 200:
        return {"status": "fail", "error": f"HTTP {response.status_code} from {redact(url)}"}
    cluster = response.json().get("status", "unknown")
    # yellow = replicas unassigned, normal on a single node; red = some primary shard is missing.
    healthy = cluster in ("green", "yellow")
    key = "detail" if healthy else "error"
    return {"status": "ok" if healthy else "fail", "mode": "elasticsearch", key: f"cluster status {cluster}"}


def check_outbox() -> Result:
    from cms.registry.outbox import backlog

    try:
        counts = backlog()
    finally:
        connections.close_all()
    max_age = getattr(settings, "READYZ_OUTBOX_MAX_AGE_SECONDS", DEFAULT_OUTBOX_MAX_AGE_SECONDS)
    # Failed events wait for an editor's retry in the admin: reported, but restarting won't help.
    oldest = counts["oldest_pending_seconds"]
    stale = bool(counts["pending"]) and oldest > max_age
    summary = f"{counts['pending']} pending, {counts['failed']} failed"
    if stale:
        return {"status": "fail", "error": f"{summary}; the oldest pending event waits {oldest}s (> {max_age}s)",
                **counts, "max_age_seconds": max_age}
    return {"status": "ok", "detail": summary, **counts, "max_age_seconds": max_age}


CHECKS: dict[str, Callable[[], Result]] = {
    "database": check_database,
    "broker": check_broker,
    "graph_store": check_graph_store,
    "search": check_search,
    "outbox": check_outbox,
}

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _executor() -> ThreadPoolExecutor:
    # Created on first use, so a multi-process server (granian) makes one per worker process.
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=2 * len(CHECKS), thread_name_prefix="readyz")
        return _pool


def _timed(check: Callable[[], Result]) -> Result:
    started = time.monotonic()
    try:
        result = dict(check())
    except Exception as exc:  # a check reports, it never breaks the probe
        message = redact(f"{type(exc).__name__}: {exc}")[:_MAX_ERROR_CHARS]
        result = {"status": "fail", "error": message}
    result["latency_ms"] = round((time.monotonic() - started) * 1000, 1)
    return result


def run_checks(timeout: float = CHECK_TIMEOUT_SECONDS) -> dict[str, Result]:
    """Every check, in parallel; one still running after ``timeout`` seconds fails as timed out."""
    futures: dict[str, Future[Result]] = {name: _executor().submit(_timed, fn) for name, fn in CHECKS.items()}
    wait(futures.values(), timeout=timeout)
    results: dict[str, Result] = {}
    for name, future in futures.items():
        if future.done():
            results[name] = future.result()
        else:
            future.cancel()  # not started yet (pool busy with hung checks): don't pile up work
            results[name] = {"status": "fail", "error": f"timed out after {timeout:g}s",
                             "latency_ms": round(timeout * 1000, 1)}
    return results
