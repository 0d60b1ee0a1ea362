"""The per-size worker process: set up the database, then measure each phase."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from .common import ROOT, code_fingerprint, log, phase
from .gate import gate_in_child, measure_gate
from .pyshacl_run import pyshacl_phase
from .rebuild import measure_rebuild


def worker(
    size: int,
    *,
    gate_samples: int,
    pyshacl: bool,
    pyshacl_timeout: float,
    seed: int,
    keep: bool,
    rebuild_repeats: int = 3,
) -> dict:
    var_dir = Path(tempfile.mkdtemp(prefix=f"kpmpc-bench-{size}-"))
    # The production-like default: SQLite + embedded on-disk Oxigraph in KPMPC_VAR_DIR, eager tasks.
    os.environ["KPMPC_VAR_DIR"] = str(var_dir)
    for name in ("DATABASE_URL", "GRAPH_STORE_PATH", "GRAPH_STORE_BACKEND", "CELERY_BROKER_URL"):
        os.environ.pop(name, None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.config.settings"
    os.environ["DJANGO_DEBUG"] = "false"  # no per-query logging (as in production)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    try:
        return _worker(size, var_dir, gate_samples, pyshacl, pyshacl_timeout, seed, rebuild_repeats)
    finally:
        if keep:
            log(f"kept {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


def _worker(
    size: int,
    var_dir: Path,
    gate_samples: int,
    pyshacl: bool,
    pyshacl_timeout: float,
    seed: int,
    rebuild_repeats: int,
) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    res: dict = {"size": size, "var_dir": str(var_dir), "setup": {}, "code_fingerprint": code_fingerprint()}
    res["database"] = settings.DATABASES["default"]["ENGINE"]
    res["graph_store"] = dict(settings.GRAPH_STORES["default"])

    # --- setup ------------------------------------------------------------------------------
    quiet = {"verbosity": 0, "stdout": io.StringIO(), "stderr": io.StringIO()}
    for label, args, kwargs in (
        ("migrate", ("migrate",), {}),
        ("load_demo", ("load_demo",), {}),
        ("generate_synthetic", ("generate_synthetic",), {"qualifications": size, "seed": seed}),
    ):
        log(f"setup: {label} …")
        t0 = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):  # nested commands print to sys.stdout
            call_command(*args, **kwargs, **quiet)
        res["setup"][label] = round(time.perf_counter() - t0, 2)
        log(f"setup: {label} {res['setup'][label]:.1f} s")

    from cms.registry import services
    from cms.registry.graph_store import graph_store
    from cms.registry.models import Qualification

    res["qualifications_live"] = Qualification.objects.filter(live=True).count()

    res["rebuild"] = measure_rebuild(graph_store, rebuild_repeats)
    # The gate as a web process runs it: a fresh process with the store open (the store is
    # closed here to release the RocksDB lock, and reopened afterwards) …
    res["gate"] = gate_in_child(var_dir, gate_samples, seed)
    # … and, for comparison, in this process, right after the rebuild (a large, fragmented heap).
    res["gate_after_rebuild_same_process"] = measure_gate(
        services, Qualification, gate_samples, seed, breakdown=False
    )
    res["raw_load"] = raw_load(graph_store(), var_dir)
    res["report"] = full_report(graph_store())
    if pyshacl:
        res["pyshacl"] = pyshacl_phase(graph_store(), var_dir, pyshacl_timeout)
    return res


def raw_load(store, var_dir: Path, repeats: int = 3) -> dict:
    """(c) dump the rebuilt store to N-Quads, bulk-load it into a fresh pyoxigraph store."""
    import pyoxigraph as ox

    out: dict = {}
    dump = var_dir / "dump.nq"
    t0 = time.perf_counter()
    with open(dump, "wb") as fh:
        store.dump("nquads", fh)
    out["dump_seconds"] = round(time.perf_counter() - t0, 2)
    out["dump_mb"] = round(dump.stat().st_size / 2**20, 1)
    log(f"raw: dumped {out['dump_mb']} MB N-Quads in {out['dump_seconds']} s")

    def load_disk(method: str, batch_lines: int | None = None) -> int:
        target = var_dir / "raw-store"
        shutil.rmtree(target, ignore_errors=True)
        raw = ox.Store(str(target))
        if batch_lines is None:
            getattr(raw, method)(path=str(dump), format=ox.RdfFormat.N_QUADS)
        else:  # what load_graphs(atomic=True) does: transactional loads of ~50k-triple batches
            with open(dump, "rb") as fh:
                while chunk := b"".join(line for _, line in zip(range(batch_lines), fh, strict=False)):
                    raw.load(chunk, format=ox.RdfFormat.N_QUADS)
        raw.flush()
        n = len(raw)
        del raw
        shutil.rmtree(target, ignore_errors=True)
        return n

    def load_memory() -> int:
        raw = ox.Store()
        raw.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
        return len(raw)

    # Repeated (median and min are reported): the machine is shared and single runs are noisy.
    for key, label, fn in (
        (
            "disk",
            "raw: fresh pyoxigraph Store(dir).bulk_load(N-Quads) + flush",
            lambda: load_disk("bulk_load"),
        ),
        ("memory", "raw: pyoxigraph Store().bulk_load(N-Quads) in memory", load_memory),
    ):
        runs = []
        for i in range(repeats):
            run: dict = {}
            with phase(f"{label} [{i + 1}/{repeats}]", run):
                run["quads"] = fn()
            runs.append(run)
        seconds = [r["seconds"] for r in runs]
        out[key] = {
            "seconds": round(statistics.median(seconds), 3),
            "min_seconds": min(seconds),
            "runs_seconds": seconds,
            "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
            "quads": runs[0]["quads"],
        }
    txn: dict = {}
    with phase(
        "raw: fresh Store(dir).load(N-Quads) in 50k-line transactions (load_graphs' atomic path)", txn
    ):
        txn["quads"] = load_disk("load", batch_lines=50_000)
    out["disk_transactional"] = txn
    dump.unlink()
    return out


def full_report(store) -> dict:
    """(d) the full validation report over the whole store (what validate_graph runs)."""
    from graph.report import validate_store

    out: dict = {}
    with phase("validate_store (full report)", out):
        report = validate_store(store)
    sev: dict[str, int] = {}
    for by_severity in report.counts.values():
        for s, n in by_severity.items():
            sev[s] = sev.get(s, 0) + n
    out.update(
        duration_reported=round(report.duration, 3),
        conforms=report.conforms,
        checks=report.checks,
        total_results=report.total_results,
        results_by_severity=sev,
        focus_counts=report.focus_counts,
        slowest_checks_s=dict(
            sorted(((k, round(v, 3)) for k, v in report.timings.items()), key=lambda kv: -kv[1])[:8]
        ),
    )
    return out
