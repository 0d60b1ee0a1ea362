"""The behaviour suite on the embedded (tantivy) backend, in memory and on disk, plus what is
particular to it: several processes on one index directory, the write lock, atomic swaps."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from search.backends import SearchConfigurationError, get_backend
from search.backends.base import SearchError, SearchUnavailable
from search.backends.embedded import EmbeddedBackend
from search.query import SearchQuery
from tests.search.register import uri
from tests.search.suite import SearchBehaviour


class TestEmbeddedInMemory(SearchBehaviour):
    @pytest.fixture
    def backend(self):
        return EmbeddedBackend()


class TestEmbeddedOnDisk(SearchBehaviour):
    @pytest.fixture
    def backend(self, tmp_path):
        return EmbeddedBackend(tmp_path / "search")


# --- particular to the embedded backend ------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]


def child(code: str, *args: str) -> subprocess.Popen:
    """Another process (like the Celery worker next to the web process) on the same index."""
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


WRITE = """
import json, sys
from search.backends.embedded import EmbeddedBackend
from search.document import SearchDocument
backend = EmbeddedBackend(sys.argv[1])
docs = [SearchDocument.from_dict(d) for d in json.loads(sys.stdin.read())]
if sys.argv[2] == "rebuild":
    backend.rebuild(docs)
else:
    backend.index_documents(docs)
print("done")
"""

HOLD_LOCK = """
import sys, time
from search.backends.embedded import EmbeddedBackend
backend = EmbeddedBackend(sys.argv[1])
with backend.directory.write_lock():
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def run(code: str, *args: str, stdin: str = "") -> str:
    proc = child(code, *args)
    out, err = proc.communicate(stdin, timeout=120)
    assert proc.returncode == 0, err
    return out


class TestEmbeddedAcrossProcesses:
    def test_a_reader_sees_another_processes_writes_and_rebuilds(self, tmp_path, documents):
        path = str(tmp_path / "search")
        reader = EmbeddedBackend(path)
        reader.rebuild(documents)
        cook = next(d for d in documents if d.code == "K4101301")
        renamed = {**cook.to_dict(), "name_lt": "Kulinaras"}
        run(WRITE, path, "index", stdin=json.dumps([renamed]))
        assert [h.code for h in reader.search(SearchQuery(text="kulinaras")).hits] == ["K4101301"]
        run(WRITE, path, "rebuild", stdin=json.dumps([d.to_dict() for d in documents[:3]]))
        assert reader.count() == 3

    def test_writers_wait_for_each_other_then_give_up(self, tmp_path, documents):
        path = str(tmp_path / "search")
        EmbeddedBackend(path).rebuild(documents[:2])
        holder = child(HOLD_LOCK, path, "3")
        assert holder.stdout.readline().strip() == "locked"
        impatient = EmbeddedBackend(path, lock_timeout=0.3)
        started = time.monotonic()
        with pytest.raises(SearchUnavailable, match="busy"):
            impatient.index_documents(documents[2:3])
        assert time.monotonic() - started < 2.5
        patient = EmbeddedBackend(path, lock_timeout=30)
        assert patient.index_documents(documents[2:3]) == 1  # waits until the holder is done
        holder.communicate(timeout=30)
        assert patient.count() == 3

    def test_a_swap_keeps_the_previous_generation_only(self, tmp_path, documents):
        path = tmp_path / "search"
        backend = EmbeddedBackend(path)
        for n in (1, 2, 3, 4):
            backend.rebuild(documents[:n])
        current = json.loads((path / "CURRENT").read_text())["generation"]
        generations = sorted(p.name for p in path.glob("gen-*"))
        assert current in generations and len(generations) == 2
        assert EmbeddedBackend(path).count() == 4

    def test_a_fresh_directory_is_an_empty_index(self, tmp_path):
        backend = EmbeddedBackend(tmp_path / "new")
        assert backend.count() == 0 and backend.search(SearchQuery(text="virejas")).total == 0

    def test_an_index_of_another_schema_version_asks_for_a_rebuild(self, tmp_path, documents):
        path = tmp_path / "search"
        EmbeddedBackend(path).rebuild(documents[:1])
        pointer = json.loads((path / "CURRENT").read_text())
        (path / "CURRENT").write_text(json.dumps({**pointer, "schema": 0}))
        with pytest.raises(SearchError, match="rebuild"):
            EmbeddedBackend(path).search(SearchQuery())


class TestConfiguration:
    def test_get_backend_builds_the_configured_backend(self, tmp_path, documents):
        config = {
            "default": {
                "BACKEND": "search.backends.embedded.EmbeddedBackend",
                "OPTIONS": {"path": ":memory:"},
            },
            "disk": {"BACKEND": "search.backends.embedded.EmbeddedBackend", "OPTIONS": {"path": tmp_path}},
        }
        memory = get_backend(config)
        memory.index_documents(documents[:2])
        assert memory.count() == 2 and memory.directory.path is None
        assert get_backend(config, "disk").directory.path == tmp_path

    @pytest.mark.parametrize(
        "config, alias",
        [
            ({}, "default"),
            ({"default": {"BACKEND": "search.backends.nope.Backend"}}, "default"),
            ({"default": {"BACKEND": "search.query.SearchQuery"}}, "default"),
            (
                {
                    "default": {
                        "BACKEND": "search.backends.embedded.EmbeddedBackend",
                        "OPTIONS": {"colour": 1},
                    }
                },
                "default",
            ),
        ],
    )
    def test_bad_configuration_is_a_clear_error(self, config, alias):
        with pytest.raises(SearchConfigurationError):
            get_backend(config, alias)

    def test_get_by_uri(self, documents):
        backend = EmbeddedBackend()
        backend.index_documents(documents)
        assert backend.get(uri("sector", "S05")).name_lt == "Statybos"
