"""Graph performance benchmark: publish gate, rebuild_graph, full SHACL report, next to baselines.

Run from the repository root::

    .venv/bin/python benchmarks/bench_graph.py [--sizes 1000,50000] [--pyshacl-size 10000]
                                               [--gate-samples 200] [--pyshacl-timeout 900]

Every size runs in its own subprocess with a fresh temporary ``KPMPC_VAR_DIR`` (SQLite + the
embedded on-disk Oxigraph store: the production-like default), so memory and state never leak
from one size to the next. In that process: ``migrate``, ``load_demo`` (sectors, standards and
units the synthetic data links to), ``generate_synthetic --qualifications N``, then

(b) ``graph_rebuild()`` on an emptied store, ``--rebuild-repeats`` times (median): wall time,
    triples, where the time goes (the rebuild's own phase timer, plus GC);
(a) the publish gate, ``entity_publish_gate(obj=…)`` (``entity_project`` + ``validate_entity``
    against the store) for ``--gate-samples`` random published qualifications loaded with their
    relations: first call separately, then p50/p95/mean/max, plus a per-stage breakdown;
(c) the raw baseline: the rebuilt store dumped to N-Quads, bulk-loaded by a fresh pyoxigraph
    ``Store`` on disk (and in memory); ratio rebuild / raw;
(d) the full report ``validate_store()``: wall time, peak RSS, result counts, slowest checks;
(e) at the pySHACL sizes (``--pyshacl-size``, default 10000, and always 1000): plain pySHACL over
    the whole graph (rdflib ``Graph`` parsed from an N-Triples dump of the union graph +
    ``shapes_graph()``, no inference) in a child process under ``--pyshacl-timeout``.

Figures are printed next to their targets with PASS/MISS; the whole run is also written as JSON
to ``benchmarks/out/`` (git-ignored). Progress goes to stderr. Performance is measured here, never
as timed assertions in the tests.

Peak RSS per phase: the process's high-water mark is reset before the phase (Linux
``/proc/self/clear_refs`` = 5) and read after it (``getrusage(RUSAGE_SELF).ru_maxrss``), so each
phase's peak is its own; it still includes what the process already held (Django, the store
handle), which is reported as ``rss_before_mb``.

The code is in ``benchmarks/graphbench/``: ``worker`` (per-size process, raw load, report),
``rebuild``, ``gate``, ``pyshacl_run``, ``tables`` (targets and output), ``common``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from graphbench.common import OUT_DIR, ROOT, code_fingerprint, git_info, log, machine_info
from graphbench.gate import gate_child
from graphbench.pyshacl_run import pyshacl_child
from graphbench.tables import evaluate, print_tables
from graphbench.worker import worker


def run_size(size: int, args, pyshacl: bool) -> dict:
    result_file = Path(tempfile.mkstemp(prefix=f"kpmpc-bench-{size}-", suffix=".json")[1])
    cmd = [
        sys.executable, str(Path(__file__).resolve()), "--_worker", str(size),
        "--_out", str(result_file), "--gate-samples", str(args.gate_samples),
        "--pyshacl-timeout", str(args.pyshacl_timeout), "--seed", str(args.seed),
        "--rebuild-repeats", str(args.rebuild_repeats),
    ]  # fmt: skip
    if pyshacl:
        cmd.append("--_with-pyshacl")
    if args.keep:
        cmd.append("--keep")
    log(f"=== size {size}: worker process ===")
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT)
    wall = round(time.perf_counter() - t0, 1)
    try:
        data = json.loads(result_file.read_text()) if proc.returncode == 0 else None
    finally:
        result_file.unlink(missing_ok=True)
    if data is None:
        return {"size": size, "error": f"worker exited with {proc.returncode}", "worker_wall_s": wall}
    data["worker_wall_s"] = wall
    data["worker_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    log(f"=== size {size}: done in {wall:.0f} s ===")
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="1000,50000", help="synthetic qualification counts (default 1000,50000)"
    )
    parser.add_argument("--pyshacl-size", default="10000",
                        help="size(s) for whole-graph pySHACL besides 1000, comma-separated; 0 = none (default 10000)")  # fmt: skip
    parser.add_argument("--gate-samples", type=int, default=200)
    parser.add_argument("--pyshacl-timeout", type=float, default=900.0)
    parser.add_argument("--no-pyshacl", action="store_true", help="skip pySHACL entirely")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--rebuild-repeats", type=int, default=3, help="rebuilds per size, median reported (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary var dirs")
    parser.add_argument("--_worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--_with-pyshacl", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--_pyshacl", help=argparse.SUPPRESS)
    parser.add_argument("--_out", help=argparse.SUPPRESS)
    parser.add_argument("--_variant", default="plain", help=argparse.SUPPRESS)
    parser.add_argument("--_gate", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args._pyshacl:
        pyshacl_child(args._pyshacl, args._out, args._variant)
        return 0
    if args._gate:
        gate_child(args.gate_samples, args.seed, args._out)
        return 0
    if args._worker is not None:
        res = worker(args._worker, gate_samples=args.gate_samples, pyshacl=args._with_pyshacl,
                     pyshacl_timeout=args.pyshacl_timeout, seed=args.seed, keep=args.keep,
                     rebuild_repeats=args.rebuild_repeats)  # fmt: skip
        Path(args._out).write_text(json.dumps(res, default=str))
        return 0

    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    pyshacl_sizes: set[int] = set()
    if not args.no_pyshacl:
        pyshacl_sizes = {1000} | {int(s) for s in args.pyshacl_size.split(",") if s.strip() and int(s) > 0}
    run_sizes = sorted(set(sizes) | pyshacl_sizes)
    started = dt.datetime.now(dt.UTC)
    fingerprint = code_fingerprint()
    log(f"sizes {run_sizes}, pySHACL at {sorted(pyshacl_sizes)}, gate samples {args.gate_samples}")
    results = [run_size(size, args, size in pyshacl_sizes) for size in run_sizes]
    # Gate targets compare the sizes asked for with --sizes (1k and 50k), not the extra pySHACL size.
    targets = evaluate([r for r in results if r["size"] in sizes])
    targets += [t for t in evaluate([r for r in results if r["size"] not in sizes and "error" not in r])
                if "pySHACL" in t["target"] or "raw" in t["target"]]  # fmt: skip
    print_tables(results, targets)
    prints = {
        fingerprint,
        code_fingerprint(),
        *(r.get("code_fingerprint") for r in results if "error" not in r),
    }
    if len(prints) > 1:
        print(f"\nWARNING: graph/, cms/ or ontology/ changed during the run (code fingerprints {sorted(prints)}):"
              " the sizes did not all measure the same code; rerun.")  # fmt: skip
    else:
        print(f"\nCode fingerprint (graph/, cms/, ontology/): {fingerprint}; git HEAD {git_info()['head']}")
    doc = {
        "benchmark": "benchmarks/bench_graph.py",
        "command": " ".join([".venv/bin/python", "benchmarks/bench_graph.py", *(argv or sys.argv[1:])]),
        "started_utc": started.isoformat(timespec="seconds"),
        "finished_utc": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "git": git_info(),
        "code_fingerprint_start": fingerprint,
        "code_changed_during_run": len(prints) > 1,
        "targets": targets,
        "results": results,
    }
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    path = OUT_DIR / f"bench_graph-{stamp}.json"
    path.write_text(json.dumps(doc, indent=2, default=str))
    (OUT_DIR / "bench_graph-latest.json").write_text(json.dumps(doc, indent=2, default=str))
    log(f"wrote {path.relative_to(ROOT)}")
    return 0 if all("error" not in r for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
