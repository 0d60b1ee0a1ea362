"""Where the time of one /sparql or /id/ answer goes, in process (no HTTP): the decomposition
behind bench_sparql.py's ratios.

Run from the repository root on a directory kept by ``bench_sparql.py --keep``::

    .venv/bin/python benchmarks/bench_request_costs.py /tmp/kpmpc-bench-sparql-50000-…

Each figure is the median of ``--repeats`` calls of the production WSGI application
(cms.config.wsgi) with a Granian-like environ, after 50 warm-ups, pinned to one CPU like the
servers in bench_sparql.py. Rows:

- the engine alone: the outcomes query (graph/sparql_endpoint/examples.py) on the pyoxigraph
  store, written as SPARQL JSON, in a tight loop; then the endpoint's runner (worker thread,
  checks, cap) in a loop, and once after each ``ASK {}`` request (the same call, its caches
  cooled by a Django request in between);
- whole requests: ``/healthz``, ``/sparql`` with ``ASK {}`` and with the outcomes query, and
  ``/id/qualification/<code>`` as Turtle, a different qualification each call (first requests);
- the same requests with the runner answering from a dict (Django and the view only), and both
  again under a handler with only Security, Common and X-Frame-Options middleware: the most a
  leaner middleware stack could save (an upper bound, not a configuration we run).

Tables go to stdout.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEAN = ("SecurityMiddleware", "CommonMiddleware", "XFrameOptionsMiddleware")
QUALIFICATION = "http://data.europa.eu/snb/model/elm/Qualification"
IDENTIFIER = "http://purl.org/dc/terms/identifier"


def setup(var_dir: Path) -> None:
    sys.path[:0] = [str(var_dir), str(ROOT)]
    for name in ("DATABASE_URL", "GRAPH_STORE_PATH", "GRAPH_STORE_URL", "CELERY_BROKER_URL"):
        os.environ.pop(name, None)
    os.environ.update(KPMPC_VAR_DIR=str(var_dir), DJANGO_DEBUG="false", LOG_LEVEL="ERROR",
                      DJANGO_SETTINGS_MODULE="bench_sparql_settings")  # fmt: skip
    if len(os.sched_getaffinity(0)) >= 2 and os.environ.get("BENCH_PIN", "1") != "0":
        os.sched_setaffinity(0, {1})


def environ(path: str, query: str = "", accept: str = "application/sparql-results+json") -> dict:
    return {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000", "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_HOST": "127.0.0.1:8000",
            "HTTP_ACCEPT": accept, "HTTP_ACCEPT_ENCODING": "gzip, deflate", "HTTP_CONNECTION": "keep-alive",
            "HTTP_USER_AGENT": "python-requests/2.32", "REMOTE_ADDR": "127.0.0.1", "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr, "wsgi.url_scheme": "http", "wsgi.version": (1, 0),
            "wsgi.multithread": True, "wsgi.multiprocess": False, "wsgi.run_once": False}  # fmt: skip


def call(app, env: dict) -> bytes:
    def start_response(status, headers, exc_info=None):
        call.status = status

    body = app(env, start_response)
    try:
        return b"".join(body)
    finally:
        body.close()


def median_us(function, repeats: int, prepare=None) -> float:
    for _ in range(50):
        function(prepare() if prepare else None)
    times = []
    for _ in range(repeats):
        argument = prepare() if prepare else None
        started = time.perf_counter()
        function(argument)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1e6


def lean_handler(middleware: tuple[str, ...]):
    """A WSGI handler loading only ``middleware`` (settings swapped while it loads, then restored)."""
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler

    full = settings.MIDDLEWARE
    settings.MIDDLEWARE = [path for path in full if path.rsplit(".", 1)[-1] in middleware]
    try:
        return WSGIHandler()
    finally:
        settings.MIDDLEWARE = full


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("var_dir", type=Path, help="a directory kept by bench_sparql.py --keep")
    parser.add_argument("--repeats", type=int, default=2000)
    args = parser.parse_args(argv)
    setup(args.var_dir)

    import pyoxigraph as ox

    import cms.linked_data.views_sparql as views_sparql
    from cms.config.wsgi import application
    from cms.registry.graph_store import graph_store
    from graph.sparql_endpoint import GRAPH, RESULTS, find_format
    from graph.sparql_endpoint.examples import EXAMPLES

    query = EXAMPLES["qualification-outcomes"]
    outcomes = urllib.parse.urlencode({"query": query})
    store = graph_store()
    runner = views_sparql.runner()
    formats = {RESULTS: find_format(RESULTS, "json"), GRAPH: find_format(GRAPH, "nt")}
    codes = iter(row[0].value for row in store.oxigraph.query(
        f"SELECT ?c WHERE {{ ?q a <{QUALIFICATION}> ; <{IDENTIFIER}> ?c }}", use_default_graph_as_union=True))  # fmt: skip
    assert call(application, environ("/sparql", outcomes)) and call.status.startswith("200"), call.status
    n = args.repeats
    rows: list[tuple[str, float]] = []

    def engine(_):
        store.oxigraph.query(query, use_default_graph_as_union=True).serialize(format=ox.QueryResultsFormat.JSON)

    def run(_):
        runner.run(store, query, formats=formats)

    def run_after_request(_):
        call(application, environ("/sparql", "query=ASK%7B%7D"))
        started = time.perf_counter()
        runner.run(store, query, formats=formats)
        run_after_request.seconds.append(time.perf_counter() - started)

    rows.append(("engine: outcomes query + SPARQL JSON, in a loop", median_us(engine, n)))
    rows.append(("runner.run(outcomes), in a loop", median_us(run, n)))
    run_after_request.seconds = []
    median_us(run_after_request, n)
    rows.append(("runner.run(outcomes), each after an ASK {} request",
                 statistics.median(run_after_request.seconds[50:]) * 1e6))  # fmt: skip

    requests = {
        "/healthz": lambda: environ("/healthz"),
        "/sparql ASK {}": lambda: environ("/sparql", "query=ASK%7B%7D"),
        "/sparql outcomes": lambda: environ("/sparql", outcomes),
        "/id/ Turtle, first requests": lambda: environ(f"/id/qualification/{next(codes)}", "", "text/turtle"),
    }
    lean = lean_handler(LEAN)
    answers: dict = {}

    class Remembered:  # the runner's answer from a dict: Django and the view only
        def run(self, store, query, **kwargs):
            if query not in answers:
                answers[query] = runner.run(store, query, **kwargs)
            return answers[query]

    for stack, app in (("full middleware", application), ("Security+Common+XFrame only", lean)):
        for answering in ("engine", "remembered"):
            views_sparql.runner = (lambda: Remembered()) if answering == "remembered" else (lambda: runner)
            for name, make in requests.items():
                if answering == "remembered" and not name.startswith("/sparql"):
                    continue
                label = f"{name} ({stack}{', runner remembered' if answering == 'remembered' else ''})"
                rows.append((label, median_us(lambda env, app=app: call(app, env), n, make)))
    views_sparql.runner = lambda: runner

    print(f"\n### In-process costs, median µs of {n} calls ({args.var_dir.name})\n")
    print("| what | µs |\n|---|---|")
    for label, micros in rows:
        print(f"| {label} | {micros:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
