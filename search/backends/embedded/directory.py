"""Where the embedded index lives: generations, an atomic pointer, one writer at a time.

Layout of ``path``::

    CURRENT            {"generation": "gen-…", "schema": 1}   (replaced atomically: os.replace)
    write.lock         flock()ed by whoever writes (any process)
    gen-<ns>-<pid>/    a complete tantivy index

Readers (any number of processes) open the generation CURRENT names and notice a new
commit (``meta.json`` changed) or a new generation (CURRENT replaced) with a ``stat`` per
search. Writers take ``write.lock`` first (tantivy itself also refuses a second IndexWriter on
one directory), so the web process and a Celery worker can both index: one waits for the
other, up to ``lock_timeout`` seconds, then gets ``SearchUnavailable`` (retry later).
A rebuild holds the lock from start to swap, so no incremental update is lost in between:
it waits and then lands in the new generation. The previous generation is kept until the
next swap (a reader that read CURRENT just before the swap can still open it); older ones
are deleted.

``path=None`` keeps one index in memory (tests); a rebuild swaps in a new in-memory index.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import tantivy

from search.backends.base import SearchError, SearchUnavailable
from search.backends.embedded.schema import SCHEMA_VERSION, build_schema

__all__ = ["IndexDirectory"]


class IndexDirectory:
    def __init__(self, path: str | os.PathLike[str] | None, *, lock_timeout: float = 30.0) -> None:
        self.path = Path(path) if path is not None else None
        self.lock_timeout = lock_timeout
        self.schema = build_schema()
        self._thread_lock = threading.RLock()
        self._index: tantivy.Index | None = None
        self._pointer_stamp: tuple | None = None
        self._meta_stamp: int | None = None
        self._generation: str | None = None
        if self.path is None:
            self._index = tantivy.Index(self.schema)
        else:
            self.path.mkdir(parents=True, exist_ok=True)

    # --- reading ------------------------------------------------------------------

    def index(self) -> tantivy.Index:
        """The current index, reopened or reloaded when another writer changed it."""
        if self.path is None:
            return self._index  # type: ignore[return-value]
        pointer = self.path / "CURRENT"
        try:
            st = pointer.stat()
        except FileNotFoundError:
            with self.write_lock():
                if not pointer.exists():
                    self.publish(self.new_generation()[0])
            st = pointer.stat()
        stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
        if stamp != self._pointer_stamp or self._index is None:
            self._open(pointer, stamp)
        meta = self.path / self._generation / "meta.json"  # type: ignore[operator]
        mtime = meta.stat().st_mtime_ns
        if mtime != self._meta_stamp:
            self._index.reload()  # type: ignore[union-attr]
            self._meta_stamp = mtime
        return self._index  # type: ignore[return-value]

    def _open(self, pointer: Path, stamp: tuple) -> None:
        info = json.loads(pointer.read_text())
        if info.get("schema") != SCHEMA_VERSION:
            raise SearchError(
                f"The search index at {self.path} has schema version {info.get('schema')}, this code "
                f"needs {SCHEMA_VERSION}: rebuild it (manage.py rebuild_search_index)"
            )
        generation = info["generation"]
        self._index = tantivy.Index.open(str(self.path / generation))  # type: ignore[operator]
        self._generation, self._pointer_stamp, self._meta_stamp = generation, stamp, None

    # --- writing ------------------------------------------------------------------

    @contextlib.contextmanager
    def write_lock(self) -> Iterator[None]:
        """Exclusive writing, across threads and processes, waiting up to ``lock_timeout``."""
        if not self._thread_lock.acquire(timeout=self.lock_timeout):
            raise SearchUnavailable("The search index is busy (another write is running); retry later")
        try:
            if self.path is None:
                yield
                return
            with open(self.path / "write.lock", "a+") as handle:
                deadline = time.monotonic() + self.lock_timeout
                while True:
                    try:
                        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if time.monotonic() > deadline:
                            raise SearchUnavailable(
                                "The search index is busy (a rebuild or another writer holds it); retry later"
                            ) from None
                        time.sleep(0.05)
                try:
                    yield
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)
        finally:
            self._thread_lock.release()

    def new_generation(self) -> tuple[str, tantivy.Index]:
        """A new empty index (call under the write lock); ``publish`` makes it current."""
        if self.path is None:
            return "memory", tantivy.Index(self.schema)
        name = f"gen-{time.time_ns()}-{os.getpid()}"
        (self.path / name).mkdir()
        return name, tantivy.Index(self.schema, path=str(self.path / name))

    def publish(self, generation: str, index: tantivy.Index | None = None) -> None:
        """Make ``generation`` current atomically (call under the write lock)."""
        if self.path is None:
            self._index = index
            return
        previous = self._current_name()
        tmp = self.path / f"CURRENT.{os.getpid()}.tmp"
        tmp.write_text(json.dumps({"generation": generation, "schema": SCHEMA_VERSION}))
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, self.path / "CURRENT")
        keep = {generation, previous}
        for old in self.path.glob("gen-*"):
            if old.name not in keep:
                shutil.rmtree(old, ignore_errors=True)

    def _current_name(self) -> str | None:
        try:
            return json.loads((self.path / "CURRENT").read_text())["generation"]  # type: ignore[operator]
        except (FileNotFoundError, ValueError, KeyError):
            return None
