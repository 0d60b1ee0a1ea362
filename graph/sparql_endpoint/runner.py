"""The query runner: one public query, checked, run under a deadline, capped and serialised.

pyoxigraph has no timeout or cancellation, and its results cannot leave the thread that made
them. So each query runs in a worker thread, and the caller waits at most ``timeout`` seconds:

- a query that streams (plain patterns, ``DISTINCT``, ``LIMIT``…) stops at the next row after
  the deadline, because the worker checks a flag between rows;
- a query whose first row needs the whole input (``ORDER BY``, ``GROUP BY``, aggregates, or a
  filter that rejects almost everything) runs inside one Rust call that cannot be interrupted:
  the caller still gets :class:`QueryTimeout` at the deadline, but the thread finishes the call
  before it can stop. Every worker holds one of ``max_concurrent`` slots until it really ends,
  so such runaways can occupy at most that many threads of a process; when all slots are taken,
  new queries get :class:`EndpointBusy` at once instead of piling up. (The remote backend is
  bounded by the HTTP read timeout and by the server's own limit, ``oxigraph serve --timeout-s``.)

Worker threads are kept and reused (starting one, with its big stack, cost ≈ 0.3–1 ms a query):
a process has at most one per slot (per stack size), each running one query at a time.

Oxigraph's parser and evaluator recurse on the native stack, and an overflow aborts the whole
process (measured with pyoxigraph 0.5.13 on an 8 MB stack: ≈ 2,200 unclosed ``{`` are enough,
≈ 3.9 KB of stack per character). So queries are at most ``max_query_chars`` long, and worker
threads get a stack of :data:`STACK_BYTES_PER_CHAR` per allowed character (twice the worst
case measured); the memory is only touched by queries that really nest that deep. The limit
also bounds the one step that holds the GIL (pyoxigraph parses and plans without releasing
it): the worst text found, 5,000 nested RDF collections, holds it ≈ 1 s at 10,000 characters
and ≈ 4.5 s at 20,000 (it grows quadratically), which is why the default is 10,000.
"""

from __future__ import annotations

import queue
import threading
import time
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from graph.sparql_endpoint.analysis import analyse
from graph.sparql_endpoint.errors import (
    EndpointBusy,
    EndpointError,
    NotAcceptable,
    QueryTimeout,
    QueryTooComplex,
)
from graph.sparql_endpoint.formats import GRAPH, RESULTS, OutputFormat, describe
from graph.sparql_endpoint.serialize import Cancelled, render
from graph.sparql_endpoint.sources import ASK, SELECT, Answer, execute, needs_strict_checks
from graph.stores.base import GraphStore

__all__ = ["IDLE_SECONDS", "STACK_BYTES_PER_CHAR", "QueryResult", "QueryRunner"]

STACK_BYTES_PER_CHAR = 8 * 1024
_MIN_STACK = 32 * 1024 * 1024
IDLE_SECONDS = 60.0  # an idle worker thread ends after this long (a new one starts when needed)
_stack_lock = threading.Lock()  # threading.stack_size is process-wide: set it only around our start()


@dataclass(frozen=True)
class QueryResult:
    body: bytes
    content_type: str
    form: str  # SELECT, ASK or CONSTRUCT/DESCRIBE
    format: OutputFormat
    truncated: bool
    count: int | None  # solutions or triples in the body (None for ASK)
    max_rows: int
    seconds: float


class _Job:
    def __init__(self, args: tuple) -> None:
        self.args = args
        # A plain lock, held until the worker is done: an Event builds a Condition and a waiter
        # lock per wait, which doubled the hand-off (≈ 50 → 27 µs measured).
        self.done = threading.Lock()
        self.done.acquire()
        self.cancelled = False  # set by the waiting thread when it gives up
        self.result: QueryResult | None = None
        self.error: BaseException | None = None

    def is_cancelled(self) -> bool:
        return self.cancelled


class _Pool:
    """Kept worker threads of one stack size, fed by one queue."""

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self.threads = 0
        self.in_flight = 0  # jobs queued or running: never more than threads, so none waits


class QueryRunner:
    """Runs queries for one process; ``max_concurrent`` bounds the queries running at once (and
    so the kept worker threads of each stack size)."""

    def __init__(self, *, max_concurrent: int = 4, busy_retry_after: int = 5) -> None:
        if max_concurrent < 1:
            raise ValueError("max_concurrent must be at least 1")
        self.max_concurrent = max_concurrent
        self.busy_retry_after = busy_retry_after
        self._slots = threading.BoundedSemaphore(max_concurrent)
        self._lock = threading.Lock()
        self._running = 0
        self._pools: dict[int, _Pool] = {}

    @property
    def running(self) -> int:
        """Queries being worked on now (including timed-out ones the engine is still finishing)."""
        with self._lock:
            return self._running

    @property
    def workers(self) -> int:
        """Worker threads kept now (busy or idle)."""
        with self._lock:
            return sum(pool.threads for pool in self._pools.values())

    def run(
        self,
        store: GraphStore,
        query: str,
        *,
        formats: Mapping[str, OutputFormat | None],
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        timeout: float = 10.0,
        max_rows: int = 10_000,
        max_query_chars: int = 10_000,
        prefixes: dict[str, str] | None = None,
    ) -> QueryResult:
        """Answer ``query`` in ``formats[family]`` ("results" for SELECT/ASK, "graph" otherwise).

        Raises :class:`~graph.sparql_endpoint.errors.EndpointError` subclasses: malformed or
        refused query, no acceptable format (a ``None`` family), timeout, busy, store failure.
        """
        if len(query) > max_query_chars:
            message = f"The query is {len(query)} characters long; the limit is {max_query_chars}"
            raise QueryTooComplex(message, len(query), max_query_chars)
        if not self._slots.acquire(blocking=False):
            raise EndpointBusy(self.busy_retry_after)
        stack = max(_MIN_STACK, -(-max_query_chars * STACK_BYTES_PER_CHAR // 2**20) * 2**20)
        job = _Job(
            (store, query, formats, tuple(default_graphs), tuple(named_graphs), timeout, max_rows, prefixes)
        )
        with self._lock:
            self._running += 1
            pool = self._pools.setdefault(stack, _Pool())
            pool.in_flight += 1
            needs_thread = pool.threads < pool.in_flight
            if needs_thread:
                pool.threads += 1
        if needs_thread:
            try:
                self._start_worker(pool, stack)
            except (RuntimeError, ValueError):  # cannot start a thread (memory or thread limits)
                with self._lock:
                    pool.threads -= 1
                self._release(pool)
                raise EndpointBusy(self.busy_retry_after) from None
        pool.jobs.put(job)
        if not job.done.acquire(timeout=timeout):
            job.cancelled = True
            raise QueryTimeout(timeout)
        if job.error is not None:
            raise job.error
        assert job.result is not None
        return job.result

    def _release(self, pool: _Pool) -> None:
        with self._lock:
            self._running -= 1
            pool.in_flight -= 1
        self._slots.release()

    def _start_worker(self, pool: _Pool, stack: int) -> None:
        with _stack_lock:
            previous = threading.stack_size(stack)
            try:
                threading.Thread(target=self._serve, args=(pool,), name="sparql-query", daemon=True).start()
            finally:
                threading.stack_size(previous)

    def _serve(self, pool: _Pool) -> None:
        """A kept worker: one job after the other; it ends after :data:`IDLE_SECONDS` without one."""
        while True:
            try:
                job = pool.jobs.get(timeout=IDLE_SECONDS)
            except queue.Empty:
                with self._lock:
                    if pool.threads > pool.in_flight:  # the others can take every job in flight
                        pool.threads -= 1
                        return
                continue
            try:
                self._work(job, *job.args)
            finally:
                job.args = ()
                self._release(pool)
                job.done.release()

    def _work(
        self,
        job: _Job,
        store: GraphStore,
        query: str,
        formats: Mapping[str, OutputFormat | None],
        default_graphs: tuple[str, ...],
        named_graphs: tuple[str, ...],
        timeout: float,
        max_rows: int,
        prefixes: dict[str, str] | None,
    ) -> None:
        started = time.perf_counter()
        answer: Answer | None = None
        try:
            analysis = analyse(query, strict=needs_strict_checks(store))
            if job.cancelled:
                raise Cancelled
            answer = execute(
                store, query, default_graphs=default_graphs, named_graphs=named_graphs,
                analysis=analysis, timeout=timeout,
            )  # fmt: skip
            family = RESULTS if answer.form in (SELECT, ASK) else GRAPH
            fmt = formats.get(family)
            if fmt is None:
                raise NotAcceptable(answer.form, describe(family))
            rendered = render(answer, fmt, max_rows=max_rows, cancelled=job.is_cancelled, prefixes=prefixes)
            job.result = QueryResult(
                rendered.body, fmt.content_type, answer.form, fmt, rendered.truncated, rendered.count,
                max_rows, time.perf_counter() - started,
            )  # fmt: skip
        except Cancelled:
            pass  # nobody is waiting any more
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread, which raises it
            job.error = _detached(exc)
        finally:
            if answer is not None:
                _drop(answer)


def _drop(answer: Answer) -> None:
    """Close the answer and drop its pyoxigraph objects here: they may only be freed by this thread."""
    try:
        answer.close()
    except Exception:  # noqa: BLE001 - closing a finished HTTP stream must not mask the answer
        pass
    answer.results = None


def _detached(exc: BaseException) -> BaseException:
    """``exc`` without its tracebacks: their frames hold pyoxigraph results, which must not be freed
    (or garbage-collected) in another thread. An unexpected error keeps its traceback as a note."""
    if not isinstance(exc, EndpointError):
        exc.add_note("Raised in the query worker thread:\n" + "".join(traceback.format_tb(exc.__traceback__)))
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        link.__traceback__ = None
        link = link.__cause__ or link.__context__
    return exc
