"""Shared by the benchmark modules: paths, targets, logging, timing and memory helpers, provenance."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = ROOT / "benchmarks" / "out"
#: The script every child process runs (with hidden --_worker/--_gate/--_pyshacl flags).
ENTRY = ROOT / "benchmarks" / "bench_graph.py"

#: Targets from the issue.
GATE_P95_MAX_MS = 50.0
GATE_GROWTH_MAX = 1.5
REBUILD_OVER_RAW_MAX = 3.0
PYSHACL_OVER_REPORT_MIN = 10.0

_T0 = time.perf_counter()


def log(msg: str) -> None:
    print(f"[{time.perf_counter() - _T0:7.1f}s] {msg}", file=sys.stderr, flush=True)


# --- memory ---------------------------------------------------------------------------------


def _status(field: str, pid: str = "self") -> int | None:
    """A ``/proc/<pid>/status`` memory field in kB (Linux), else None."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def rss_mb() -> float | None:
    kb = _status("VmRSS")
    return round(kb / 1024, 1) if kb is not None else None


def reset_peak() -> bool:
    """Reset this process's peak RSS (Linux ≥ 4.0); False if the platform cannot."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


@contextlib.contextmanager
def phase(name: str, into: dict):
    """Time a phase and record its own peak RSS into ``into``."""
    gc.collect()
    into["rss_before_mb"] = rss_mb()
    into["loadavg_1m_before"] = round(os.getloadavg()[0], 2)  # other work on the machine skews figures
    into["peak_is_phase_only"] = reset_peak()
    log(f"{name} …")
    started = time.perf_counter()
    yield into
    into["seconds"] = round(time.perf_counter() - started, 3)
    into["peak_rss_mb"] = peak_mb()
    into["loadavg_1m_after"] = round(os.getloadavg()[0], 2)
    log(f"{name}: {into['seconds']:.2f} s, peak RSS {into['peak_rss_mb']:.0f} MB")


def pct(values: list[float], q: float) -> float:
    """Percentile by linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary_ms(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "p50_ms": round(pct(ms, 0.50), 2),
        "p95_ms": round(pct(ms, 0.95), 2),
        "mean_ms": round(statistics.fmean(ms), 2) if ms else None,
        "max_ms": round(max(ms), 2) if ms else None,
    }


# --- provenance -----------------------------------------------------------------------------


def code_fingerprint() -> str:
    """A hash of the measured code (graph/, cms/, ontology/): other people may edit it during a run."""
    digest = hashlib.sha1()
    for top in ("graph", "cms", "ontology"):
        for path in sorted((ROOT / top).rglob("*")):
            if path.suffix in {".py", ".ttl"} and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def git_info() -> dict:
    """Which code was measured (read-only git queries)."""

    def run(*cmd):
        try:
            return subprocess.run(
                ["git", *cmd], cwd=ROOT, capture_output=True, text=True, timeout=20
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return None

    return {
        "head": run("rev-parse", "HEAD"),
        "dirty_paths": (run("status", "--porcelain") or "").splitlines(),
    }


def machine_info() -> dict:
    mem_kb = None
    with contextlib.suppress(OSError):
        with open("/proc/meminfo") as fh:
            mem_kb = int(fh.readline().split()[1])
    cpu = None
    with contextlib.suppress(OSError):
        with open("/proc/cpuinfo") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), None)
    import pyoxigraph
    import pyshacl
    import rdflib

    return {
        "cpus": os.cpu_count(), "cpu": cpu, "mem_gib": round(mem_kb / 2**20, 1) if mem_kb else None,
        "python": platform.python_version(), "platform": platform.platform(),
        "pyoxigraph": pyoxigraph.__version__, "rdflib": rdflib.__version__, "pyshacl": pyshacl.__version__,
    }  # fmt: skip
