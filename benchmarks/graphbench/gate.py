"""The publish gate, ``entity_publish_gate(obj=…)``, on random published qualifications."""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .common import ENTRY, ROOT, log, rss_mb, summary_ms


def gate_in_child(var_dir: Path, samples: int, seed: int) -> dict:
    from cms.registry.graph_store import use_graph_store

    use_graph_store(None)  # close (and flush) the store: one read-write opener at a time
    result_file = var_dir / "gate.json"
    cmd = [sys.executable, str(ENTRY), "--_gate", "--_out", str(result_file),
           "--gate-samples", str(samples), "--seed", str(seed)]  # fmt: skip
    log("gate: fresh child process …")
    proc = subprocess.run(cmd, cwd=ROOT)
    if proc.returncode != 0 or not result_file.exists():
        return {"error": f"gate child exited with {proc.returncode}"}
    return json.loads(result_file.read_text())


def gate_child(samples: int, seed: int, out_file: str) -> None:
    """The gate in a fresh process (env inherited from the worker: same var dir and store)."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from cms.registry import services
    from cms.registry.models import Qualification

    out = measure_gate(services, Qualification, samples, seed, breakdown=True)
    out["process_rss_mb"] = rss_mb()
    Path(out_file).write_text(json.dumps(out))


def measure_gate(services, qualification_model, samples: int, seed: int, *, breakdown: bool) -> dict:
    """(a) the publish gate for random published qualifications, as the admin runs it."""
    from graph.validation import entity_focus_nodes, validate, validation_graph

    def load(pk):  # as the admin's edit view would have it: the row with its relations
        qs = qualification_model.objects.filter(pk=pk)
        return qs.select_related("standard").prefetch_related("sectors", "units", "outcomes").get()

    pks = list(qualification_model.objects.filter(live=True).values_list("pk", flat=True))
    rng = random.Random(seed)
    chosen = rng.sample(pks, k=min(samples, len(pks)))
    log(f"gate: {len(chosen)} random published qualifications …")
    loads, gates, refused, warnings = [], [], 0, 0
    objs = []
    for pk in chosen:
        t0 = time.perf_counter()
        obj = load(pk)
        loads.append(time.perf_counter() - t0)
        objs.append(obj)
        t0 = time.perf_counter()
        try:
            result = services.entity_publish_gate(obj=obj)
            warnings += bool(result.warnings)
        except services.PublishRefused:
            refused += 1
        gates.append(time.perf_counter() - t0)
    out = {
        "loadavg_1m": [round(x, 2) for x in os.getloadavg()],
        "samples": len(gates),
        "first_call_ms": round(gates[0] * 1000, 2),
        "after_first": summary_ms(gates[1:]),
        "samples_ms": [round(x * 1000, 2) for x in gates],
        "refused": refused,
        "with_warnings": warnings,
        "db_load_with_relations": summary_ms(loads),
    }
    log(
        f"gate: first {out['first_call_ms']:.1f} ms, p50 {out['after_first']['p50_ms']:.1f} ms, "
        f"p95 {out['after_first']['p95_ms']:.1f} ms, refused {refused}"
    )

    if not breakdown:
        return out
    # Second pass, same objects: where a gate call spends its time (the stages of entity_publish_gate).
    store = services.graph_store()
    stages: dict[str, list[float]] = {"entity_project": [], "validation_graph": [], "validate": []}
    sizes = []
    for obj in objs[1:]:
        t0 = time.perf_counter()
        projection = services.entity_project(obj=obj)
        t1 = time.perf_counter()
        data = validation_graph(projection.graph, entity_uri=projection.uri, store=store)
        t2 = time.perf_counter()
        validate(data, focus_nodes=entity_focus_nodes(projection.graph), engine="auto")
        t3 = time.perf_counter()
        stages["entity_project"].append(t1 - t0)
        stages["validation_graph"].append(t2 - t1)
        stages["validate"].append(t3 - t2)
        sizes.append(len(data))
    out["stages"] = {k: summary_ms(v) for k, v in stages.items()}
    out["validation_graph_triples"] = {
        "min": min(sizes),
        "median": statistics.median(sizes),
        "max": max(sizes),
    }
    return out
