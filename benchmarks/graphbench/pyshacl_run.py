"""Whole-graph pySHACL (plain, and with the project's parsed-query cache), in child processes."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from .common import ENTRY, ROOT, _status, log, peak_mb


def pyshacl_phase(store, var_dir: Path, timeout: float) -> dict:
    """(e) whole-graph pySHACL, plain and with the gate's parsed-query cache, in child processes."""
    dump = var_dir / "union.nt"
    t0 = time.perf_counter()
    with open(dump, "wb") as fh:
        store.dump("nt", fh)  # the union of the named graphs, as the store's queries see it
    dump_seconds = round(time.perf_counter() - t0, 2)
    out = _pyshacl_run(dump, var_dir, timeout, "plain")
    out["dump_seconds"] = dump_seconds
    out["cached_parse"] = _pyshacl_run(dump, var_dir, timeout, "cached")
    dump.unlink(missing_ok=True)
    return out


def _pyshacl_run(dump: Path, var_dir: Path, timeout: float, variant: str) -> dict:
    out: dict = {"timeout_s": timeout, "variant": variant}
    result_file = var_dir / f"pyshacl-{variant}.json"
    cmd = [sys.executable, str(ENTRY), "--_pyshacl", str(dump), "--_out", str(result_file),
           "--_variant", variant]  # fmt: skip
    log(f"pyshacl ({variant}): child process, limit {timeout:.0f} s …")
    started = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=ROOT)
    peak_kb = 0
    while True:
        try:
            child.wait(timeout=1.0)
            break
        except subprocess.TimeoutExpired:
            peak_kb = max(peak_kb, _status("VmHWM", str(child.pid)) or 0)
            if time.perf_counter() - started > timeout:
                child.kill()  # only the child we started, by its Popen handle
                child.wait()
                out["finished"] = False
                break
    out["wall_seconds"] = round(time.perf_counter() - started, 2)
    out["peak_rss_mb_sampled"] = round(peak_kb / 1024, 1)
    if result_file.exists():
        out.update(json.loads(result_file.read_text()))
        out["finished"] = True
    elif "finished" not in out:
        out["finished"] = False
        out["error"] = f"child exited with {child.returncode}"
    if not out["finished"]:
        log(f"pyshacl ({variant}): did not finish in {timeout:.0f} s")
    return out


def pyshacl_child(dump: str, out_file: str, variant: str) -> None:
    """Whole-graph pySHACL: rdflib parse of the dump, validate against the project shapes.

    ``plain``: ``pyshacl.validate`` as anyone would call it. ``cached``: the project's own pySHACL
    engine (``graph.validation.validate(engine="pyshacl")``), which parses each SHACL-SPARQL query
    once instead of once per focus node (and copies the data graph first)."""
    sys.path.insert(0, str(ROOT))
    from pyshacl import validate
    from rdflib import Graph
    from rdflib.namespace import SH

    from ontology.loader import shapes_graph

    shapes = shapes_graph()
    t0 = time.perf_counter()
    data = Graph()
    data.parse(dump, format="nt")
    parse_s = time.perf_counter() - t0
    log(f"pyshacl: parsed {len(data)} triples in {parse_s:.1f} s, validating …")
    t0 = time.perf_counter()
    if variant == "cached":
        from graph.validation import validate as project_validate

        res = project_validate(data, shapes=shapes, engine="pyshacl")
        validate_s = time.perf_counter() - t0
        by_sev = {}
        for issue in res.violations + res.warnings:
            by_sev[issue.severity] = by_sev.get(issue.severity, 0) + 1
        result = {
            "triples": len(data), "parse_seconds": round(parse_s, 2), "validate_seconds": round(validate_s, 2),
            "total_seconds": round(parse_s + validate_s, 2), "conforms": bool(res.conforms),
            "results_by_severity": by_sev, "peak_rss_mb": peak_mb(),
        }  # fmt: skip
        Path(out_file).write_text(json.dumps(result))
        log(f"pyshacl (cached): validated in {validate_s:.1f} s, peak RSS {result['peak_rss_mb']:.0f} MB")
        return
    # The options of the project's pySHACL engine (graph/validation.py), without its caches;
    # inplace=True spares pySHACL the copy of the data graph that advanced mode otherwise makes.
    conforms, report, _text = validate(
        data, shacl_graph=shapes, inference="none", advanced=True, inplace=True,
        allow_warnings=True, allow_infos=True,
    )  # fmt: skip
    validate_s = time.perf_counter() - t0
    by_sev: dict[str, int] = {}
    for sev in report.objects(None, SH.resultSeverity):
        key = str(sev).rsplit("#", 1)[-1].lower()
        by_sev[key] = by_sev.get(key, 0) + 1
    result = {
        "triples": len(data),
        "parse_seconds": round(parse_s, 2),
        "validate_seconds": round(validate_s, 2),
        "total_seconds": round(parse_s + validate_s, 2),
        "conforms": bool(conforms),
        "results_by_severity": by_sev,
        "peak_rss_mb": peak_mb(),
    }
    Path(out_file).write_text(json.dumps(result))
    log(f"pyshacl: validated in {validate_s:.1f} s, peak RSS {result['peak_rss_mb']:.0f} MB")
