"""The public SPARQL endpoint (/sparql) and /id/ resources next to a plain `oxigraph serve`.

Run from the repository root::

    .venv/bin/python benchmarks/bench_sparql.py [--qualifications 1000] [--repeats 30] [--keep]

``--qualifications 50000`` is the real target. In a fresh temporary ``KPMPC_VAR_DIR`` (SQLite +
the embedded on-disk Oxigraph store, the production-like default) it runs ``migrate``,
``load_demo``, ``generate_synthetic --qualifications N`` and ``rebuild_graph`` (as
benchmarks/bench_graph.py does), copies the finished RocksDB directory, then serves

- our site with granian (one process, 4 threads: the embedded store allows one process), with
  the rate limit switched off by a throw-away settings module in the temp dir;
- the copy with ``oxigraph serve --union-default-graph`` (same data, same on-disk layout).

Each figure is the median (and p95) wall time of a complete HTTP request (keep-alive, body read)
after 3 warm-ups, alternating the two servers so noise hits both: ``--repeats`` rounds for the
heavier queries, ``--light-repeats`` for rows under 20 ms. With ``taskset`` and two CPUs the
servers run on CPU 1 and this client on CPU 0 (``BENCH_PIN=0`` turns that off), so the client's
own work does not preempt the server being timed.

- the fixed cost of a request: a do-nothing WSGI app under the same granian, ``GET /healthz``
  (Django and granian, nothing else) and ``ASK {}``;
- the four partner queries (graph/sparql_endpoint/examples.py) as SPARQL JSON: target ≤ 1.3×;
- one qualification as Turtle and JSON-LD, ``GET /id/qualification/<code>``, against Oxigraph's
  ``DESCRIBE`` of the same IRI: target ≤ 2×, three ways:
  *every cache off* (granian with ``ID_CACHE_SECONDS=0``: the same resource described from the
  store every time, labels included); *first requests* (granian restarted with the caches on,
  a different qualification every round, as a harvester walks the dataset: the answer cache
  misses, the labels of shared vocabulary come from the label cache; Oxigraph DESCRIBEs the same
  IRIs); *warm* (the same resource again: every timed request is a cache hit, against an
  uncached DESCRIBE). The cached site uses the local-memory cache (no CACHE_URL);
  ``--redis-url`` adds warm rows with the cache in Redis (as in production), on a database the
  benchmark flushes.

``--reuse DIR`` serves a directory kept by an earlier ``--keep`` run instead of building one.

Tables go to stdout, progress to stderr, the whole run as JSON to benchmarks/out/ (git-ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "benchmarks" / "out"
BIN = Path(sys.executable).parent
QUERY_TARGET, RESOURCE_TARGET = 1.3, 2.0
CODE = "K4101301"  # a demo qualification: present at every N
BASE = "https://data.kpmpc.lt"
_T0 = time.perf_counter()

sys.path.insert(0, str(ROOT))
from graph.sparql_endpoint.examples import EXAMPLES  # noqa: E402

PARTNER_QUERIES = list(EXAMPLES)[:4]
PIN = bool(shutil.which("taskset")) and len(os.sched_getaffinity(0)) >= 2 and os.environ.get("BENCH_PIN", "1") != "0"
LIGHT_MS = 20  # rows faster than this get --light-repeats rounds (their noise is a larger share)
SETTINGS = """from cms.config.settings import *  # noqa: F401,F403
SPARQL_RATE_LIMIT = ""  # a benchmark sends hundreds of queries from one address
"""
# The floor of any Python answer: granian (same options) around a WSGI app that does nothing.
FLOOR_APP = """def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]
"""


def pinned(command: list[str]) -> list[str]:
    """Servers on CPU 1, this client on CPU 0 (see :func:`pin_client`): the client's own work does
    not preempt the server being timed, and both servers get the same core."""
    return ["taskset", "-c", "1", *command] if PIN else command


def pin_client() -> None:
    if PIN:
        os.sched_setaffinity(0, {0})


def log(message: str) -> None:
    print(f"[{time.perf_counter() - _T0:7.1f}s] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *args, "--verbosity", "0"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    return round(time.perf_counter() - started, 1)


def wait_ready(url: str, process: subprocess.Popen, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer {url} within {timeout} s")


def timed(session: requests.Session, url: str, params: dict, accept: str) -> tuple[float, int, int]:
    started = time.perf_counter()
    response = session.get(url, params=params, headers={"Accept": accept})
    body = response.content
    return time.perf_counter() - started, response.status_code, len(body)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def compare(label: str, ours, theirs, repeats: int, target: float) -> dict:
    """``ours``/``theirs``: (session, url, params, accept), or a function of the round number giving
    one (a different resource each round). Alternating rounds, after 3 warm-ups."""
    times: dict[str, list[float]] = {"ours": [], "oxigraph": []}
    sizes, statuses = {}, {}
    for round_ in range(3 + repeats):
        for side, request in (("ours", ours), ("oxigraph", theirs)):
            session, url, params, accept = request(round_) if callable(request) else request
            seconds, status, size = timed(session, url, params, accept)
            statuses[side], sizes[side] = status, size
            if round_ >= 3:
                times[side].append(seconds)
    row = {"what": label, "status": statuses, "bytes": sizes}
    if statuses["ours"] != 200 or statuses["oxigraph"] != 200:
        row.update(ours_ms=None, oxigraph_ms=None, ratio=None, verdict="n/a")
        return row
    ours_ms, theirs_ms = (statistics.median(times[s]) * 1000 for s in ("ours", "oxigraph"))
    row.update(
        ours_ms=round(ours_ms, 2), oxigraph_ms=round(theirs_ms, 2), ratio=round(ours_ms / theirs_ms, 2),
        ours_p95_ms=round(p95(times["ours"]) * 1000, 2), oxigraph_p95_ms=round(p95(times["oxigraph"]) * 1000, 2),
        target=target, verdict="PASS" if ours_ms / theirs_ms <= target else "MISS",
    )  # fmt: skip
    return row


def run(args: argparse.Namespace) -> dict:
    reuse = args.reuse is not None
    var_dir = args.reuse or Path(tempfile.mkdtemp(prefix=f"kpmpc-bench-sparql-{args.qualifications}-"))
    (var_dir / "bench_sparql_settings.py").write_text(SETTINGS)
    (var_dir / "bench_floor_app.py").write_text(FLOOR_APP)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "GRAPH_STORE_PATH",
                                                              "GRAPH_STORE_URL", "CELERY_BROKER_URL")}  # fmt: skip
    env.update(KPMPC_VAR_DIR=str(var_dir), DJANGO_DEBUG="false", LOG_LEVEL="WARNING",
               DJANGO_SETTINGS_MODULE="bench_sparql_settings", PYTHONPATH=f"{var_dir}{os.pathsep}{ROOT}")  # fmt: skip
    result: dict = {"qualifications": args.qualifications, "setup_s": {}}
    processes: list[subprocess.Popen] = []
    try:
        for label, command in () if reuse else (("migrate", ["migrate"]), ("load_demo", ["load_demo"]),
                               ("generate_synthetic", ["generate_synthetic", "--qualifications",
                                                       str(args.qualifications)]),
                               ("rebuild_graph", ["rebuild_graph"])):  # fmt: skip
            log(f"setup: {label} …")
            result["setup_s"][label] = manage(env, *command)
        copy = var_dir / "oxigraph-copy"
        if not reuse:
            shutil.copytree(var_dir / "graph", copy)  # the same RocksDB files for the baseline
        ours_port, theirs_port, floor_port = free_port(), free_port(), free_port()
        log("starting granian (/id/ cache off) and oxigraph serve …")
        # The production server (docker-compose.yml's web), one process: the embedded store allows one.
        granian = pinned([str(BIN / "granian"), "--interface", "wsgi", "--workers", "1", "--blocking-threads",
                          "4", "--no-ws", "--log-level", "warning", "--host", "127.0.0.1", "--port"])  # fmt: skip
        processes.append(subprocess.Popen(
            [*granian, str(ours_port), "cms.config.wsgi:application"], cwd=ROOT,
            env={**env, "ID_CACHE_SECONDS": "0"}))  # fmt: skip
        processes.append(subprocess.Popen(
            pinned([str(BIN / "oxigraph"), "serve", "--location", str(copy), "--union-default-graph",
                    "--bind", f"127.0.0.1:{theirs_port}"]), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))  # fmt: skip
        processes.append(subprocess.Popen(
            [*granian, str(floor_port), "bench_floor_app:application"], cwd=var_dir, env=env))  # fmt: skip
        ours_url, theirs_url = f"http://127.0.0.1:{ours_port}", f"http://127.0.0.1:{theirs_port}"
        floor_url = f"http://127.0.0.1:{floor_port}"
        wait_ready(f"{ours_url}/sparql?query=ASK%7B%7D", processes[0], "granian")
        wait_ready(f"{theirs_url}/query?query=ASK%7B%7D", processes[1], "oxigraph serve")
        wait_ready(floor_url, processes[2], "granian (do-nothing app)")
        ours, theirs = requests.Session(), requests.Session()
        count = theirs.get(f"{theirs_url}/query", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"},
                           headers={"Accept": "application/sparql-results+json"}).json()  # fmt: skip
        result["triples"] = int(count["results"]["bindings"][0]["n"]["value"])
        json_results = "application/sparql-results+json"
        # The fixed cost of a request: Django + granian alone (/healthz touches nothing), then ASK {}.
        log("fixed cost …")
        floor = {"query": "ASK {}"}
        light = args.light_repeats
        result["fixed"] = [
            compare("do-nothing WSGI app under the same granian vs ASK {}", (requests.Session(), floor_url, {}, "*/*"),
                    (theirs, f"{theirs_url}/query", floor, json_results), light, QUERY_TARGET),
            compare("GET /healthz (Django, no query) vs ASK {}", (ours, f"{ours_url}/healthz", {}, "*/*"),
                    (theirs, f"{theirs_url}/query", floor, json_results), light, QUERY_TARGET),
            compare("ASK {}", (ours, f"{ours_url}/sparql", floor, json_results),
                    (theirs, f"{theirs_url}/query", floor, json_results), light, QUERY_TARGET),
        ]  # fmt: skip
        result["queries"] = []
        for name in PARTNER_QUERIES:
            log(f"query {name} …")
            query = {"query": EXAMPLES[name]}
            probe, _status, _size = timed(theirs, f"{theirs_url}/query", query, json_results)
            repeats = light if probe * 1000 < LIGHT_MS else args.repeats
            row = compare(name, (ours, f"{ours_url}/sparql", query, json_results),
                          (theirs, f"{theirs_url}/query", query, json_results), repeats, QUERY_TARGET)  # fmt: skip
            row["rows"] = len(ours.get(f"{ours_url}/sparql", params=query, headers={"Accept": json_results})
                              .json()["results"]["bindings"])  # fmt: skip
            result["queries"].append(row)
        describe = {"query": f"DESCRIBE <{BASE}/id/qualification/{CODE}>"}
        resources = (("Turtle", "text/turtle"), ("JSON-LD", "application/ld+json"))
        result["resources"] = []
        for label, accept in resources:
            log(f"resource {label}, cold …")
            result["resources"].append(compare(
                f"/id/qualification/{CODE} {label}, every cache off (ID_CACHE_SECONDS=0)",
                (ours, f"{ours_url}/id/qualification/{CODE}", {}, accept),
                (theirs, f"{theirs_url}/query", describe, accept), light, RESOURCE_TARGET))  # fmt: skip
        log("restarting granian with the /id/ cache on …")
        stop(processes[0])
        warm_port = free_port()
        processes[0] = subprocess.Popen(
            [*granian, str(warm_port), "cms.config.wsgi:application"], cwd=ROOT,
            env={**env, "ID_CACHE_SECONDS": "300"})  # fmt: skip
        warm_url = f"http://127.0.0.1:{warm_port}"
        wait_ready(f"{warm_url}/healthz", processes[0], "granian (/id/ cache on)")
        warm = requests.Session()
        # First requests: a different qualification every round (never asked before, so the /id/
        # answer cache misses; labels of shared vocabulary come from the label cache, as for a
        # harvester walking the dataset), next to Oxigraph's DESCRIBE of the same IRI.
        codes = first_request_codes(theirs, f"{theirs_url}/query", 2 * (3 + light))
        result["resources_first"] = []
        for offset, (label, accept) in zip((0, 3 + light), resources, strict=True):
            log(f"resource {label}, first requests …")

            def ours_first(round_: int, offset=offset, accept=accept):
                return warm, f"{warm_url}/id/qualification/{codes[offset + round_]}", {}, accept

            def theirs_first(round_: int, offset=offset, accept=accept):
                iri = f"{BASE}/id/qualification/{codes[offset + round_]}"
                return theirs, f"{theirs_url}/query", {"query": f"DESCRIBE <{iri}>"}, accept

            result["resources_first"].append(compare(
                f"/id/qualification/… {label}, first request of each of {3 + light} qualifications, caches on",
                ours_first, theirs_first, light, RESOURCE_TARGET))  # fmt: skip
        result["resources_warm"] = []
        for label, accept in resources:
            log(f"resource {label}, warm …")
            result["resources_warm"].append(compare(
                f"/id/qualification/{CODE} {label}, warm (cache hit) vs uncached DESCRIBE",
                (warm, f"{warm_url}/id/qualification/{CODE}", {}, accept),
                (theirs, f"{theirs_url}/query", describe, accept), light, RESOURCE_TARGET))  # fmt: skip
        if args.redis_url:
            import redis

            log("restarting granian with the /id/ cache in Redis …")
            redis.Redis.from_url(args.redis_url).flushdb()  # no generation or entry from an earlier run
            stop(processes[0])
            redis_port = free_port()
            processes[0] = subprocess.Popen(
                [*granian, str(redis_port), "cms.config.wsgi:application"], cwd=ROOT,
                env={**env, "ID_CACHE_SECONDS": "300", "CACHE_URL": args.redis_url})  # fmt: skip
            redis_site = f"http://127.0.0.1:{redis_port}"
            wait_ready(f"{redis_site}/healthz", processes[0], "granian (/id/ cache in Redis)")
            session = requests.Session()
            for label, accept in resources:
                log(f"resource {label}, warm, Redis …")
                result["resources_warm"].append(compare(
                    f"/id/qualification/{CODE} {label}, warm (Redis cache hit) vs uncached DESCRIBE",
                    (session, f"{redis_site}/id/qualification/{CODE}", {}, accept),
                    (theirs, f"{theirs_url}/query", describe, accept), light, RESOURCE_TARGET))  # fmt: skip
    finally:
        for process in processes:
            stop(process)
        if args.keep or reuse:
            log(f"kept {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)
    return result


def first_request_codes(session: requests.Session, url: str, count: int) -> list[str]:
    """``count`` qualification codes, spread over the whole dataset (every k-th in code order)."""
    query = ("PREFIX elm: <http://data.europa.eu/snb/model/elm/> PREFIX dcterms: <http://purl.org/dc/terms/> "
             "SELECT ?code { ?q a elm:Qualification ; dcterms:identifier ?code } ORDER BY ?code")  # fmt: skip
    rows = session.get(url, params={"query": query}, headers={"Accept": "text/tab-separated-values"}).text
    codes = [line.strip().strip('"') for line in rows.splitlines()[1:] if line.strip() and CODE not in line]
    if len(codes) < count:
        raise RuntimeError(f"only {len(codes)} qualifications for {count} first requests: lower --light-repeats")
    step = len(codes) // count
    return codes[::step][:count]


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()


def target(row: dict) -> str:
    return row["target"] if isinstance(row["target"], str) else f"≤ {row['target']}×"


def print_tables(result: dict) -> None:
    print(f"\n{result['qualifications']:,} synthetic qualifications (+ the demo), {result['triples']:,} triples; "
          f"setup {result['setup_s']}")  # fmt: skip
    header = "| what | rows / bytes | /sparql or /id/ median ms (p95) | oxigraph serve median ms (p95) | ratio | target | verdict |"
    print("\n" + header + "\n|" + "---|" * 7)
    rows = result["fixed"] + result["queries"] + result["resources"] + result["resources_first"]
    for row in rows + result["resources_warm"]:
        size = row.get("rows", row["bytes"].get("ours"))
        if row in result["fixed"]:
            row = {**row, "target": "–", "verdict": "(fixed cost)"}
        if row["ratio"] is None:
            print(f"| {row['what']} | {size} | n/a (HTTP {row['status']['ours']}) | – | – | – | n/a |")
            continue
        print(f"| {row['what']} | {size} | {row['ours_ms']} ({row['ours_p95_ms']}) | "
              f"{row['oxigraph_ms']} ({row['oxigraph_p95_ms']}) | {row['ratio']}× | {target(row)} | "
              f"{row['verdict']} |")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--qualifications", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=30, help="rounds of the heavier queries")
    parser.add_argument("--light-repeats", type=int, default=200, help=f"rounds of rows under {LIGHT_MS} ms "
                        "(fixed costs, small queries, /id/): their noise is a larger share")  # fmt: skip
    parser.add_argument("--keep", action="store_true", help="keep the temporary var dir")
    parser.add_argument("--reuse", type=Path, metavar="DIR", help="serve a var dir kept by an earlier run "
                        "(--keep) instead of setting one up; --qualifications must say its size")  # fmt: skip
    parser.add_argument("--redis-url", default="", help="also measure warm /id/ with the cache in this "
                        "Redis database (it is flushed), e.g. redis://127.0.0.1:6379/14")  # fmt: skip
    args = parser.parse_args(argv)
    started = dt.datetime.now(dt.UTC)
    pin_client()
    result = run(args)
    print_tables(result)
    import pyoxigraph

    result.update(
        benchmark="benchmarks/bench_sparql.py", started_utc=started.isoformat(timespec="seconds"),
        command=" ".join([".venv/bin/python", "benchmarks/bench_sparql.py", *(argv or sys.argv[1:])]),
        machine={"cpus": os.cpu_count(), "pinned": PIN, "python": platform.python_version(), "pyoxigraph": pyoxigraph.__version__,
                 "loadavg": os.getloadavg()},
    )  # fmt: skip
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"bench_sparql-{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(result, indent=2))
    log(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
