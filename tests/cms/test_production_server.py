"""The production HTTP server (granian, started as docker-compose.yml's web starts it) serving the
app over real HTTP, with the test's PostgreSQL database and a real Oxigraph server as the graph
store: what a partner, an editor and a browser send reaches the views whole and comes back whole
(query strings, request bodies of every kind, cookies and CSRF, HEAD, large answers, bad bytes)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
import yaml
from django.conf import settings
from rdflib import Graph, Literal, URIRef

from cms.registry.graph_store import use_graph_store
from cms.site.editorial.tree import ensure_locales, ensure_root, ensure_root_collection
from graph.stores.sparql import SparqlStore
from tests.pipeline import shared_database_url, skip_or_fail, wait_for
from tests.servers import free_port, oxigraph_factory  # noqa: F401  (fixture)

from .factories import qualification, sector, standard, unit

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
BASE = settings.LINKED_DATA_BASE
SELECT = "SELECT ?code { ?q <http://purl.org/dc/terms/identifier> ?code } ORDER BY ?code"


def _web_command(port: int) -> list[str]:
    """docker-compose.yml's web command, on a loopback port, with fewer processes."""
    command = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["web"]["command"]
    command = list(command)
    command[command.index("--host") + 1] = "127.0.0.1"
    command[command.index("--port") + 1] = str(port)
    command[command.index("--workers") + 1] = "1"
    binary = Path(sys.executable).parent / command[0]
    if not binary.exists() and not shutil.which(command[0]):
        skip_or_fail(f"{command[0]} is not installed (make install)")
    return [str(binary) if binary.exists() else command[0], *command[1:]]


@pytest.fixture
def site(graph, oxigraph_factory, django_user_model):  # noqa: F811
    """(base URL, Oxigraph URL) of the app under granian, with one published qualification."""
    database_url = shared_database_url()
    s = sector()
    st = standard(s)
    qualification([s], st, units=[unit(st)])
    oxigraph = oxigraph_factory()
    remote = SparqlStore(url=oxigraph.url, timeout=10)
    remote.bulk_load_nquads(graph.oxigraph.dump(format=ox.RdfFormat.N_QUADS))  # the published data
    use_graph_store(remote, close=False)
    django_user_model.objects.create_superuser("editor", "editor@example.org", "server-test-pass")
    ensure_root(ensure_locales()["lt"])  # what migrate made, gone after an earlier test's flush
    ensure_root_collection()
    port = free_port()
    var_dir = tempfile.mkdtemp(prefix="granian-web-")
    env = {k: v for k, v in os.environ.items() if k not in ("GRAPH_STORE_PATH", "GRAPH_STORE_BACKEND")}
    env.update(DJANGO_SETTINGS_MODULE="cms.config.settings", DATABASE_URL=database_url, DJANGO_DEBUG="false",
               DJANGO_ALLOWED_HOSTS="127.0.0.1", GRAPH_STORE_URL=oxigraph.url, KPMPC_VAR_DIR=var_dir,
               SPARQL_RATE_LIMIT="", PYTHONPATH=str(ROOT))  # fmt: skip
    log = Path(var_dir) / "web.log"
    process = subprocess.Popen(
        _web_command(port), cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log.open("wb"), stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        if process.poll() is not None:
            return True
        try:
            return requests.get(f"{url}/healthz", timeout=2).status_code == 200
        except requests.RequestException:
            return False

    try:
        wait_for(answers, 60, "granian to serve /healthz")
        assert process.poll() is None, f"granian exited:\n{log.read_text(errors='replace')[-3000:]}"
        yield url
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
        use_graph_store(graph, close=False)


def test_a_partner_queries_by_get_and_by_every_post_form(site):
    json_results = {"Accept": "application/sparql-results+json"}
    by_get = requests.get(f"{site}/sparql", params={"query": SELECT}, headers=json_results, timeout=10)
    assert by_get.status_code == 200 and by_get.headers["Access-Control-Allow-Origin"] == "*"
    codes = [row["code"]["value"] for row in by_get.json()["results"]["bindings"]]
    assert "K4101301" in codes
    direct = requests.post(f"{site}/sparql", data=SELECT.encode(), timeout=10,
                           headers={**json_results, "Content-Type": "application/sparql-query"})  # fmt: skip
    form = requests.post(f"{site}/sparql", data={"query": SELECT}, headers=json_results, timeout=10)
    multipart = requests.post(f"{site}/sparql", files={"query": (None, SELECT)}, headers=json_results, timeout=10)
    for answer in (direct, form, multipart):
        assert answer.status_code == 200, answer.text
        assert answer.json() == by_get.json()
    bad = requests.get(f"{site}/sparql", params={"query": "SELECT * {"}, headers=json_results, timeout=10)
    assert bad.status_code == 400 and "line 1" in requests.get(
        f"{site}/sparql", params={"query": "SELECT * {", "lang": "en"}, headers=json_results, timeout=10
    ).text


def test_a_resource_dereferences_with_get_and_head(site):
    uri = f"{BASE}/id/qualification/K4101301"
    turtle = requests.get(f"{site}/id/qualification/K4101301", headers={"Accept": "text/turtle"}, timeout=10)
    assert turtle.status_code == 200 and "Accept" in turtle.headers["Vary"]
    parsed = Graph().parse(data=turtle.text, format="turtle")
    assert Literal("Virėjas", lang="lt") in set(parsed.objects(URIRef(uri), None))
    head = requests.head(f"{site}/id/qualification/K4101301", headers={"Accept": "text/turtle"}, timeout=10)
    assert (head.status_code, head.content) == (200, b"")
    assert head.headers["ETag"] == turtle.headers["ETag"]
    assert requests.get(f"{site}/id/qualification/K%C5%BD%00", timeout=10).status_code == 404


def test_an_editor_logs_in_with_csrf_and_a_large_answer_streams_whole(site):
    session = requests.Session()
    login = session.get(f"{site}/admin/login/", timeout=10)
    assert login.status_code == 200 and "csrftoken" in session.cookies
    done = session.post(
        f"{site}/admin/login/",
        data={"username": "editor", "password": "server-test-pass", "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        allow_redirects=False, timeout=10,
    )  # fmt: skip
    assert done.status_code == 302, done.text[:500]
    assert session.get(f"{site}/admin/", timeout=10).status_code == 200
    refused = requests.post(f"{site}/admin/login/", data={"username": "editor", "password": "x"}, timeout=10)
    assert refused.status_code == 403  # no CSRF token
    schema = requests.get(f"{site}/api/schema/", params={"format": "json"}, timeout=30)
    assert schema.status_code == 200 and len(schema.content) == int(schema.headers["Content-Length"]) > 50_000
    assert schema.json()["openapi"].startswith("3.")
