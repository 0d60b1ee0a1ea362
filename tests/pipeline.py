"""Real moving parts for the pipeline drills: a Redis broker we may stop, Celery worker
processes we may kill, and the test process's Celery app pointed at them.

Workers are separate processes, so they see only committed rows: the drills need a database
both processes share (PostgreSQL; pytest-django's SQLite test database is in memory)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import redis
from django.db import connection

from tests.servers import free_port

ROOT = Path(__file__).resolve().parent.parent


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


def skip_or_fail(reason: str) -> None:
    """Outside CI a missing service skips with a printed reason; in CI the drill must run."""
    if in_ci():
        pytest.fail(f"CI must run the pipeline drills: {reason}", pytrace=False)
    print(f"skipping pipeline drill: {reason}", file=sys.stderr)
    pytest.skip(reason)


def wait_for(predicate: Callable[[], object], timeout: float = 30.0, what: str = "condition") -> object:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.1)


def shared_database_url() -> str:
    """URL of the test database as this process uses it, for worker processes."""
    db = connection.settings_dict
    if connection.vendor != "postgresql":
        skip_or_fail("worker processes need a shared database: set DATABASE_URL to PostgreSQL")
    user = db.get("USER") or "postgres"
    auth = f"{user}:{db['PASSWORD']}" if db.get("PASSWORD") else user
    return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


class RedisServer:
    """A private redis-server on a free port, so a drill can take the broker down."""

    def __init__(self) -> None:
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            skip_or_fail("redis-server is not installed")
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="drill-redis-")
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", self.dir,
             "--save", "", "--appendonly", "yes"],  # append-only: queued messages survive a restart
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for(self._answers, 10, f"redis on port {self.port}")
        return self

    def _answers(self) -> bool:
        try:
            return bool(redis.Redis(port=self.port, socket_timeout=0.5).ping())
        except redis.RedisError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None


def system_redis_url(db: int = 13) -> str:
    """The machine's Redis (127.0.0.1:6379), on a database the drills may flush."""
    url = os.environ.get("DRILL_REDIS_URL", f"redis://127.0.0.1:6379/{db}")
    try:
        redis.Redis.from_url(url, socket_timeout=1).flushdb()
    except redis.RedisError as exc:
        skip_or_fail(f"Redis at {url} is not reachable ({exc}); .ci/run starts it")
    return url


@contextlib.contextmanager
def celery_sends_to(broker_url: str):
    """Point this process's Celery app at a real broker (tests otherwise run tasks eagerly)."""
    from cms.config.celery import app

    saved = {k: app.conf[k] for k in ("task_always_eager", "broker_url", "broker_connection_timeout")}
    _reset_pools(app)
    app.conf.update(task_always_eager=False, broker_url=broker_url, broker_connection_timeout=2)
    try:
        yield app
    finally:
        _reset_pools(app)
        app.conf.update(saved)


def _reset_pools(app) -> None:
    from kombu import pools

    # kombu caches producer pools per connection URL process-wide: drop them all, or the
    # next test reuses a pool closed for the previous broker.
    with contextlib.suppress(Exception):
        pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


class Worker:
    """``celery worker`` in its own process, with the test's database, broker and store."""

    def __init__(self, *, broker_url: str, graph_url: str, **env: str) -> None:
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.config.settings",
            "DATABASE_URL": shared_database_url(),
            "CELERY_BROKER_URL": broker_url,
            "GRAPH_STORE_URL": graph_url,
            "GRAPH_STORE_BACKEND": "graph.stores.sparql.SparqlStore",
            "OUTBOX_RETRY_BASE_SECONDS": "0.5",
            "OUTBOX_RETRY_MAX_SECONDS": "2",
            "CELERY_VISIBILITY_TIMEOUT": "5",
            "KPMPC_VAR_DIR": tempfile.mkdtemp(prefix="drill-worker-"),
            "LOG_LEVEL": "INFO",
            **env,
        }
        self.env.pop("GRAPH_STORE_PATH", None)
        self.log_path = Path(self.env["KPMPC_VAR_DIR"]) / "worker.log"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60.0) -> Worker:
        celery = Path(sys.executable).parent / "celery"
        self.process = subprocess.Popen(
            [str(celery), "-A", "cms.config", "worker", "--pool=solo", "--concurrency=1",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO",
             "-n", f"drill{free_port()}@%h"],
            cwd=ROOT, env=self.env, stdin=subprocess.DEVNULL,
            stdout=self.log_path.open("wb"), stderr=subprocess.STDOUT,
        )
        wait_for(lambda: "ready." in self.log() or self.process.poll() is not None, timeout, "the worker to start")
        if self.process.poll() is not None:
            raise AssertionError(f"worker exited at start:\n{self.log()[-3000:]}")
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self) -> None:
        """SIGKILL: no chance to ack, requeue or clean up, as when a machine dies."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()
