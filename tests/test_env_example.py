""".env.example documents exactly the environment variables the settings read, and their
literal defaults. Found by parsing the settings package with ``ast`` (no import, no side effects)."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from cms.config import env as env_module

ROOT = Path(__file__).resolve().parents[1]
SETTINGS_PACKAGE = ROOT / "cms" / "config"
ENV_EXAMPLE = ROOT / ".env.example"
ENV_READERS = {"env_str", "env_bool", "env_int", "env_float", "env_list"}
_VARIABLE_LINE = re.compile(r"^#\s?([A-Z][A-Z0-9_]*)=(.*)$")


@dataclass(frozen=True)
class EnvRead:
    name: str
    reader: str  # env_str, env_bool, …
    default: ast.expr | None
    where: str


def _literal_name(node: ast.expr, where: str) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    raise AssertionError(f"{where}: environment variable name is not a string literal")


def _is_os_environ(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ" and getattr(node.value, "id", None) == "os"


def env_reads(package: Path = SETTINGS_PACKAGE) -> list[EnvRead]:
    """Every environment read in the settings package: env_* helpers, os.environ and os.getenv."""
    reads: list[EnvRead] = []
    for path in sorted(package.glob("*.py")):
        if path.name == "env.py":  # the helpers themselves
            continue
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            where = f"{shown}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ENV_READERS:
                default = node.args[1] if len(node.args) > 1 else None
                reads.append(EnvRead(_literal_name(node.args[0], where), node.func.id, default, where))
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args and (
                (node.func.attr == "get" and _is_os_environ(node.func.value))
                or (node.func.attr == "getenv" and getattr(node.func.value, "id", None) == "os")
            ):
                reads.append(EnvRead(_literal_name(node.args[0], where), "os", None, where))
            elif isinstance(node, ast.Subscript) and _is_os_environ(node.value) and isinstance(node.ctx, ast.Load):
                reads.append(EnvRead(_literal_name(node.slice, where), "os", None, where))
    return reads


def settings_env_names() -> set[str]:
    return {read.name for read in env_reads()}


def documented() -> dict[str, str]:
    """Variable lines of .env.example (``# NAME=value``), name → value; each name once."""
    found: dict[str, str] = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        match = _VARIABLE_LINE.match(line)
        if match:
            name, value = match.groups()
            assert name not in found, f".env.example documents {name} twice"
            found[name] = value
    return found


def test_the_settings_read_the_environment():
    names = settings_env_names()
    assert {"DATABASE_URL", "DJANGO_SECRET_KEY", "CELERY_BROKER_URL", "GRAPH_STORE_URL"} <= names


def test_every_variable_the_settings_read_is_documented():
    missing = sorted(settings_env_names() - set(documented()))
    assert not missing, f"add to .env.example: {', '.join(missing)}"


def test_every_documented_variable_is_read_by_the_settings():
    stale = sorted(set(documented()) - settings_env_names())
    assert not stale, f"not read by cms/config (remove from .env.example, or add to settings.py): {', '.join(stale)}"


def test_every_variable_has_a_one_line_comment_above_it():
    lines = ENV_EXAMPLE.read_text().splitlines()
    for number, line in enumerate(lines):
        if _VARIABLE_LINE.match(line):
            above = lines[number - 1] if number else ""
            assert above.startswith("# ") and not _VARIABLE_LINE.match(above), f"no comment above {line!r}"


def _literal_default(read: EnvRead) -> object:
    """The default when written as a literal, else ``_COMPUTED`` (paths, expressions)."""
    if read.default is None:
        return ""
    try:
        return ast.literal_eval(read.default)
    except ValueError:
        return _COMPUTED


_COMPUTED = object()
_LITERAL_READS = [r for r in env_reads() if r.reader != "os" and _literal_default(r) is not _COMPUTED]


@pytest.mark.parametrize("read", _LITERAL_READS, ids=lambda r: r.name)
def test_documented_defaults_match_the_literal_defaults(read, monkeypatch):
    """The documented value, read back by the same helper, is the setting's literal default.

    Computed defaults (paths under the checkout, expressions) are described in words instead.
    """
    default = _literal_default(read)
    value = documented()[read.name]
    if value == "" and default in ("", []):
        return  # empty is how an empty default is written
    monkeypatch.setenv(read.name, value)
    # A fallback unlike the default, so a value the helper ignores cannot pass by accident.
    fallback = {"env_str": "<unset>", "env_bool": not default, "env_list": ["<unset>"]}.get(read.reader, -1)
    assert getattr(env_module, read.reader)(read.name, fallback) == default
