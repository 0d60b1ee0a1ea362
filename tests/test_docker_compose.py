"""docker-compose.yml, the Dockerfile and .env.production.example agree with each other and
with the code. No Docker engine runs here, so the files are parsed and cross-checked."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.test_env_example import settings_env_names

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = ROOT / "docker-compose.yml"
ENV_FILE_EXAMPLE = ROOT / ".env.production.example"  # stands in for .env, which is not committed
APP_SERVICES = {"web", "worker", "beat", "migrate"}
#: Port each stock image listens on (oxigraph's comes from its --bind argument).
IMAGE_PORTS = {"postgres": 5432, "redis": 6379, "elasticsearch": 9200}
REQUIRED_APP_ENV = {
    "DJANGO_SECRET_KEY": None,
    "DJANGO_ALLOWED_HOSTS": None,
    "DATABASE_URL": None,
    "CELERY_BROKER_URL": None,
    "GRAPH_STORE_URL": None,
    "ELASTICSEARCH_URL": None,
    "SEARCH_BACKEND": "elasticsearch",
    "LOG_FORMAT": "json",
    "DJANGO_DEBUG": "false",
}
#: URL variable → service it must reach.
URL_TARGETS = {
    "DATABASE_URL": "postgres",
    "CELERY_BROKER_URL": "redis",
    "ELASTICSEARCH_URL": "elasticsearch",
    "GRAPH_STORE_URL": "oxigraph",
}


@cache
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def services() -> dict[str, dict]:
    return compose()["services"]


@cache
def env_file() -> dict[str, str]:
    values: dict[str, str] = {}
    for line in ENV_FILE_EXAMPLE.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, sep, value = line.partition("=")
            assert sep, f"not NAME=value: {line!r}"
            values[name.strip()] = value.strip()
    return values


def compose_interpolated() -> set[str]:
    """Names compose substitutes into docker-compose.yml (``${NAME}``, ``${NAME:-x}``): not the app's."""
    return set(re.findall(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)", COMPOSE.read_text()))


def app_environment(name: str) -> dict[str, str]:
    """What an app service gets: its env files (the example stands in for .env), then ``environment``."""
    service = services()[name]
    files = service.get("env_file") or []
    files = [files] if isinstance(files, str) else files
    assert files == [".env"], f"{name}: one env file, .env (got {files})"
    env = dict(env_file())
    extra = service.get("environment") or {}
    if isinstance(extra, list):
        extra = dict(item.split("=", 1) for item in extra)
    env.update({key: str(value) for key, value in extra.items()})
    return env


def listening_port(name: str) -> int:
    service = services()[name]
    command = service.get("command") or []
    if "--bind" in command:
        return int(command[command.index("--bind") + 1].rsplit(":", 1)[1])
    if "--port" in command:
        return int(command[command.index("--port") + 1])
    image = service["image"].rsplit("/", 1)[-1].split(":")[0]
    return IMAGE_PORTS[image]


def lock_version(package: str) -> str:
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line.lower().startswith(f"{package.lower()}=="):
            return line.split("==", 1)[1].strip()
    raise AssertionError(f"{package} is not pinned in requirements.lock")


def one_shot_jobs() -> set[str]:
    """Services others wait for to *finish* (migrate): they exit, so they have no health check."""
    return {
        dep
        for service in services().values()
        for dep, spec in (service.get("depends_on") or {}).items()
        if isinstance(spec, dict) and spec.get("condition") == "service_completed_successfully"
    }


def test_the_production_set_is_complete():
    assert {"postgres", "redis", "elasticsearch", "oxigraph"} | APP_SERVICES == set(services())
    assert services()["postgres"]["image"] == "postgres:15"
    assert services()["redis"]["image"] == "redis:7"
    assert re.fullmatch(r"docker\.elastic\.co/elasticsearch/elasticsearch:9\.\d+\.\d+",
                        services()["elasticsearch"]["image"])
    es = services()["elasticsearch"]["environment"]
    assert es["discovery.type"] == "single-node"
    assert es["xpack.security.enabled"] == "false"
    assert "-Xms1g" in es["ES_JAVA_OPTS"] and "-Xmx1g" in es["ES_JAVA_OPTS"]


@pytest.mark.parametrize("name", sorted(services()))
def test_every_service_has_an_image_or_build_and_a_health_check(name):
    service = services()[name]
    assert service.get("image") or service.get("build"), f"{name}: no image or build"
    if name in one_shot_jobs():
        assert service.get("restart") == "no", f"{name}: a one-shot job must not be restarted"
        assert service.get("command"), f"{name}: a job needs a command"
        return
    test = (service.get("healthcheck") or {}).get("test")
    assert test and test[0] in ("CMD", "CMD-SHELL") and len(test) > 1, f"{name}: no health check"


@pytest.mark.parametrize("name", sorted(APP_SERVICES))
def test_app_services_run_the_app_image_with_a_command(name):
    service = services()[name]
    assert service["build"] == "." and service["image"] == "kpmpc-registry:latest"
    assert service["command"], f"{name}: the image's default command only fits web"


def test_web_runs_granian_on_the_wsgi_module_and_checks_readyz():
    command = services()["web"]["command"]
    assert command[0] == "granian" and command[-1] == "cms.config.wsgi:application"
    assert command[command.index("--interface") + 1] == "wsgi"
    assert command[command.index("--host") + 1] == "0.0.0.0"
    from cms.config import wsgi

    assert callable(wsgi.application)
    probe = " ".join(services()["web"]["healthcheck"]["test"])
    url = urlsplit(re.search(r"http://[^'\" ]+", probe).group(0))
    assert url.path in ("/readyz", "/healthz")
    assert url.port == listening_port("web")
    from django.urls import resolve

    assert resolve(url.path).func.__module__ == "cms.health.views"
    assert url.hostname in app_environment("web")["DJANGO_ALLOWED_HOSTS"].split(","), (
        "the health check's Host header must be allowed"
    )


def test_worker_and_beat_run_the_projects_celery_app():
    from celery.app.utils import find_app

    from cms.config import celery_app

    for name, role in (("worker", "worker"), ("beat", "beat")):
        command = services()[name]["command"]
        assert command[0] == "celery" and role in command
        app_name = command[command.index("-A") + 1]
        assert find_app(app_name) is celery_app


@pytest.mark.parametrize("name", sorted(APP_SERVICES))
def test_app_environment_is_only_what_the_settings_read(name):
    names = set(app_environment(name)) - compose_interpolated()
    unknown = sorted(names - settings_env_names())
    assert not unknown, f"{name}: variables the settings never read: {', '.join(unknown)}"


@pytest.mark.parametrize("name", sorted(APP_SERVICES))
def test_app_environment_sets_the_production_values(name):
    env = app_environment(name)
    for variable, expected in REQUIRED_APP_ENV.items():
        assert env.get(variable), f"{name}: {variable} is not set"
        if expected is not None:
            assert env[variable].lower() == expected, f"{name}: {variable}={env[variable]}"


@pytest.mark.parametrize(("variable", "target"), sorted(URL_TARGETS.items()))
def test_urls_point_at_a_service_on_the_port_it_listens_on(variable, target):
    url = urlsplit(app_environment("web")[variable])
    assert url.hostname == target, f"{variable} must reach the {target} service"
    assert url.hostname in services()
    assert url.port == listening_port(target), f"{variable}: {target} listens on {listening_port(target)}"


def test_database_url_matches_the_postgres_service_credentials():
    url = urlsplit(env_file()["DATABASE_URL"])
    assert url.scheme in ("postgres", "postgresql")
    assert url.username == env_file()["POSTGRES_USER"]
    assert url.password == env_file()["POSTGRES_PASSWORD"]
    assert url.path.lstrip("/") == env_file()["POSTGRES_DB"]
    assert {"POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD"} <= compose_interpolated()


def test_oxigraph_runs_the_pinned_server_version_on_the_union_default_graph():
    oxigraph = services()["oxigraph"]
    source = oxigraph["build"]["dockerfile_inline"] if "build" in oxigraph else f"FROM {oxigraph['image']}"
    tag = re.search(r"^FROM ghcr\.io/oxigraph/oxigraph:(\S+)", source, re.MULTILINE).group(1)
    assert tag == lock_version("oxigraph") == lock_version("pyoxigraph")
    command = oxigraph["command"]
    assert command[:3] == ["serve", "--location", "/data"]
    assert "--union-default-graph" in command
    volume_target = {v.split(":")[1] for v in oxigraph["volumes"]}
    assert "/data" in volume_target, "the store must live on a volume"


def test_depends_on_names_services_with_a_valid_condition():
    conditions = {"service_started", "service_healthy", "service_completed_successfully"}
    for name, service in services().items():
        for dep, spec in (service.get("depends_on") or {}).items():
            assert dep in services() and dep != name, f"{name} depends on unknown {dep}"
            assert spec["condition"] in conditions
            if spec["condition"] == "service_healthy":
                assert services()[dep].get("healthcheck"), f"{name} waits for {dep}, which has no health check"


def test_named_volumes_are_declared_and_used():
    declared = set(compose().get("volumes") or {})
    used = set()
    for service in services().values():
        for volume in service.get("volumes") or []:
            source = volume.split(":", 1)[0]
            if not source.startswith((".", "/", "~")):
                used.add(source)
    assert used <= declared, f"undeclared volumes: {sorted(used - declared)}"
    assert declared <= used, f"declared but unused volumes: {sorted(declared - used)}"


def test_dockerfile_builds_the_app_as_a_non_root_user():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim\b", dockerfile, re.MULTILINE)
    assert "pip install -r requirements.lock" in dockerfile
    assert "collectstatic --noinput" in dockerfile
    users = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
    lock = (ROOT / "requirements.lock").read_text()
    assert re.search(r"^granian==", lock, re.MULTILINE), "web runs granian: pin it"
    cmd = re.search(r"^CMD (\[.*\])$", dockerfile, re.MULTILINE)
    assert cmd and json.loads(cmd.group(1)) == services()["web"]["command"], "the image's command is web's"
    ignored = (ROOT / ".dockerignore").read_text().splitlines()
    assert ".env" in ignored and ".venv" in ignored, "secrets and the venv stay out of the image"
