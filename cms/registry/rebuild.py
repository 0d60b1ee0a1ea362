"""Database → graph for every live entity: the `rebuild_graph` command and the benchmark.

Rows are read in chunks with values() (fast_records), projected straight to N-Quads text
(graph.nquads_projection) and bulk-loaded in batches of whole graphs; a batch loads in a thread
while the next one is projected (pyoxigraph's bulk_load releases the GIL). The publish path
(services.entity_project → rdflib graph → gate) is separate; tests/cms/test_rebuild.py proves
both give the same graphs. Costs: benchmarks/README.md.
"""

from __future__ import annotations

import gc
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import TypeVar

from graph.nquads_projection import NQuadsProjector
from graph.stores.base import GraphStore
from graph.vocabularies import load_reference_vocabularies

from .fast_records import live_records
from .graph_store import graph_store, linked_data_base
from .models import REGISTRY_MODELS

#: N-Quads text per bulk load: the first batch is small so the store starts loading early, each
#: next one twice the size up to the maximum; a small maximum keeps the last load, which
#: nothing overlaps, short.
FIRST_BATCH_BYTES = 2 * 2**20
MAX_BATCH_BYTES = 8 * 2**20

T = TypeVar("T")


class Phases:
    """Seconds per rebuild phase (the benchmark's breakdown); disabled, it records nothing.

    "store write" runs in the loader thread, overlapping the others; "load wait" is the main
    thread waiting for it.
    """

    def __init__(self, *, enabled: bool = True) -> None:
        self.enabled = enabled
        self.seconds: dict[str, float] = defaultdict(float)

    def timed(self, name: str) -> AbstractContextManager:
        return self._timed(name) if self.enabled else nullcontext()

    @contextmanager
    def _timed(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - started

    def iterate(self, name: str, items: Iterable[T]) -> Iterator[T]:
        """``items``, with the time spent producing them added to ``name``."""
        if not self.enabled:
            yield from items
            return
        iterator = iter(items)
        while True:
            started = time.perf_counter()
            item = next(iterator, _END)
            self.seconds[name] += time.perf_counter() - started
            if item is _END:
                return
            yield item


_END = object()


def graph_rebuild(
    *, progress: Callable[..., Iterable] | None = None, phases: Phases | None = None
) -> dict[str, int]:
    """Database → graph for every live entity, plus the reference vocabularies.

    Idempotent: each entity graph is replaced whole, and graphs of entities that are no
    longer live are dropped, so a rerun after an interruption converges. Loads are bulk
    (non-transactional per batch) for speed; a graph cut short by a crash is replaced whole
    by the rerun."""
    phases = phases or Phases(enabled=False)
    store = graph_store()
    base = linked_data_base()
    with phases.timed("vocabularies"):
        counts = {"vocabularies": len(load_reference_vocabularies(store, base=base))}
    with phases.timed("stale graphs"):
        # Listed before loading: a graph a publish writes meanwhile is not taken for stale.
        before = _entity_graphs(store, base)
    wrap = progress or (lambda items, total, label: items)
    expected: set[str] = set()
    with gc_paused(), BatchLoader(store, phases=phases) as loader:
        for model in REGISTRY_MODELS:
            projector = NQuadsProjector(model.rdf_mapping, base=base)
            total = model._default_manager.filter(live=True).count()
            records = phases.iterate("read rows", live_records(model))
            done = 0
            for record in wrap(records, total, model._meta.verbose_name_plural):
                with phases.timed("projection"):
                    graph, text = projector.project(record)
                expected.add(graph)
                loader.add(graph, text)
                done += 1
            counts[model.rdf_mapping.type_slug] = done
    with phases.timed("stale graphs"):
        stale = [name for name in before if str(name) not in expected]
        for name in stale:
            store.drop_graph(name)
    counts["dropped"] = len(stale)
    return counts


def _entity_graphs(store: GraphStore, base: str) -> list:
    prefixes = tuple(f"{base}/graph/{model.rdf_mapping.type_slug}/" for model in REGISTRY_MODELS)
    return [name for name in store.graph_names(prefix=f"{base}/graph/") if str(name).startswith(prefixes)]


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic GC during the rebuild.

    Collections walking the whole heap (Django, the vocabularies, the batch) took ≈ 40 % of a
    rebuild; the rebuild itself makes little cyclic garbage (strings and tuples). No collection
    after it either: a full one costs ≈ 0.4 s, and the normal thresholds will get to it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class BatchLoader:
    """Collects projected graphs and replaces them in the store a batch at a time.

    At most one batch is loading (in a worker thread) while the caller fills the next; the
    store is never used by two threads at once. A failed load is raised by the next flush or
    on exit.
    """

    def __init__(
        self,
        store: GraphStore,
        *,
        first_bytes: int | None = None,
        max_bytes: int | None = None,
        phases: Phases | None = None,
    ) -> None:
        self.store = store
        self.batch_bytes = first_bytes or FIRST_BATCH_BYTES
        self.max_bytes = max_bytes or MAX_BATCH_BYTES
        self.phases = phases or Phases(enabled=False)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="graph-rebuild-load")
        self._loading: Future | None = None
        self._names: list[str] = []
        self._texts: list[str] = []
        self._size = 0

    def add(self, graph: str, text: str) -> None:
        self._names.append(graph)
        self._texts.append(text)
        self._size += len(text)
        if self._size >= self.batch_bytes:
            self.flush()

    def flush(self) -> None:
        if not self._names:
            return
        with self.phases.timed("serialise"):
            names, data = self._names, "".join(self._texts).encode()
        self._names, self._texts, self._size = [], [], 0
        self.batch_bytes = min(2 * self.batch_bytes, self.max_bytes)
        self.wait()
        self._loading = self._pool.submit(self._load, names, data)

    def _load(self, names: list[str], data: bytes) -> None:
        with self.phases.timed("store write"):
            self.store.load_nquads_graphs(names, data)

    def wait(self) -> None:
        """Wait for the batch being loaded; its error, if any, is raised here."""
        loading, self._loading = self._loading, None
        if loading is not None:
            with self.phases.timed("load wait"):
                loading.result()

    def __enter__(self) -> BatchLoader:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.flush()
                self.wait()
            elif self._loading is not None:
                self._loading.exception()  # let it finish; the error already raised wins
        finally:
            self._pool.shutdown(wait=True)
