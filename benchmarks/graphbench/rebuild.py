"""(b) ``graph_rebuild()`` on an emptied store, repeated, with where its time goes.

The breakdown comes from the rebuild's own phase timer (``cms.registry.rebuild.Phases``), so it
follows the code instead of patching functions the rebuild may stop calling; collections are
timed with ``gc.callbacks``.
"""

from __future__ import annotations

import gc
import time

from .common import log, phase

#: Phases run by the main thread, in the order of the table; the store write runs in the loader
#: thread, overlapping them, and "load wait" is the main thread waiting for it.
MAIN_THREAD = ("read rows", "projection", "serialise", "load wait", "vocabularies", "stale graphs")


class GcTimer:
    """Time spent in cyclic garbage collection while installed."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.collections = 0
        self._started = 0.0

    def __call__(self, when: str, info: dict) -> None:
        if when == "start":
            self._started = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._started
            self.collections += 1

    def __enter__(self) -> GcTimer:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc) -> None:
        gc.callbacks.remove(self)


def measure_rebuild(graph_store, repeats: int) -> dict:
    from cms.registry.rebuild import Phases, graph_rebuild

    store = graph_store()
    runs = []
    for i in range(repeats):
        store.clear()
        assert store.triple_count() == 0
        phases = Phases()
        run: dict = {}
        with phase(f"rebuild_graph [{i + 1}/{repeats}] (graph_rebuild on an emptied store)", run):
            with GcTimer() as collections:
                run["counts"] = graph_rebuild(phases=phases)
        run["breakdown_s"] = _breakdown(run["seconds"], phases.seconds, collections)
        runs.append(run)
    # The median run (the machine is shared; single runs are noisy), with its own breakdown.
    seconds = [r["seconds"] for r in runs]
    out = dict(sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2])
    out.update(runs_seconds=seconds, min_seconds=min(seconds), peak_rss_mb=max(r["peak_rss_mb"] for r in runs))
    out["triples"] = store.triple_count()
    out["triples_per_s"] = round(out["triples"] / out["seconds"])
    log(f"rebuild: median {out['seconds']:.2f} s of {seconds}; breakdown {out['breakdown_s']}")
    return out


def _breakdown(wall: float, phases: dict[str, float], collections: GcTimer) -> dict[str, float]:
    out = {key.replace(" ", "_"): round(phases.get(key, 0.0), 3) for key in MAIN_THREAD}
    out["gc"] = round(collections.seconds, 3)
    out["gc_collections"] = collections.collections
    out["rest"] = round(wall - sum(phases.get(key, 0.0) for key in MAIN_THREAD) - collections.seconds, 3)
    out["store_write_overlapped"] = round(phases.get("store write", 0.0), 3)
    return out
