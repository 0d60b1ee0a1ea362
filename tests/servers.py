"""Real servers for tests: the Oxigraph SPARQL server from the PyPI ``oxigraph`` package (dev extra).

- ``oxigraph_server`` (session fixture): base URL of one in-memory server started with
  ``--union-default-graph``; it is shared, so a store fixture calls ``clear()`` per test.
- ``oxigraph_factory`` (fixture): ``start(port=None, location=None, union_default_graph=True)``
  returns a running :class:`OxigraphServer`; every server it started is stopped at teardown.
- :class:`OxigraphServer` by hand: ``start()``, ``kill()`` (a crash), ``stop()``; ``start()``
  again reuses the same port and ``--location``, so clients keep their URL (fault drills).

Without the binary the tests skip, except when ``CI`` is set: there they must run, so they fail.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pytest
import requests

__all__ = ["OxigraphServer", "free_port", "oxigraph_binary", "oxigraph_factory", "oxigraph_server"]

_READY = "ASK {}"


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` CLI next to the running Python (the venv), else on ``PATH``."""
    local = Path(sys.executable).parent / "oxigraph"
    if local.is_file() and os.access(local, os.X_OK):
        return str(local)
    return shutil.which("oxigraph")


def require_oxigraph_binary() -> str:
    binary = oxigraph_binary()
    if binary is None:
        reason = (
            f"the oxigraph server binary is neither next to {sys.executable} nor on PATH "
            "(pip install 'oxigraph==0.5.13', in the dev extra)"
        )
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(f"CI must run the SPARQL server tests: {reason}", pytrace=False)
        print(f"skipping SPARQL server tests: {reason}", file=sys.stderr)
        pytest.skip(reason)
    return binary


def free_port() -> int:
    """A TCP port nothing listens on right now (also a handy 'connection refused' target)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OxigraphServer:
    """One ``oxigraph serve`` process on 127.0.0.1; in memory unless ``location`` is given."""

    def __init__(
        self,
        binary: str | None = None,
        *,
        port: int | None = None,
        location: str | os.PathLike[str] | None = None,
        union_default_graph: bool = True,
    ) -> None:
        self.binary = binary or require_oxigraph_binary()
        self.port = port or free_port()
        self.location = os.fspath(location) if location is not None else None
        self.union_default_graph = union_default_graph
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, timeout: float = 20.0) -> OxigraphServer:
        """Start (or restart) on the same port and location; return once it answers queries."""
        if self.running:
            raise RuntimeError(f"oxigraph server on port {self.port} is already running")
        args = [self.binary, "serve", "--bind", f"127.0.0.1:{self.port}"]
        if self.union_default_graph:
            args.append("--union-default-graph")
        if self.location is not None:
            args += ["--location", self.location]
        if self._log is not None:
            self._log.close()
        # A file, not a pipe: an unread pipe would block a chatty server.
        self._log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT
        )
        self._wait_ready(timeout)
        return self

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        headers = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}
        while True:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"oxigraph exited with {self.process.returncode}: {self.log()[-2000:]}")
            try:
                answer = requests.post(f"{self.url}/query", data=_READY, headers=headers, timeout=1)
                if answer.status_code == 200:
                    return
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(
                    f"oxigraph did not answer on {self.url} within {timeout}s: {self.log()[-2000:]}"
                )
            time.sleep(0.05)

    def log(self) -> str:
        """What the server printed (for failure messages)."""
        if self._log is None:
            return ""
        self._log.seek(0)
        return self._log.read().decode(errors="replace")

    def kill(self) -> None:
        """SIGKILL, like a crash: no shutdown, no flush beyond what each commit already wrote."""
        if self.running:
            assert self.process is not None
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        """Terminate (then kill if it lingers); safe to call twice."""
        if self.running:
            assert self.process is not None
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> OxigraphServer:
        return self if self.running else self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@pytest.fixture(scope="session")
def oxigraph_server() -> Iterator[str]:
    """Base URL of a shared in-memory Oxigraph server with ``--union-default-graph``."""
    server = OxigraphServer(require_oxigraph_binary()).start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def oxigraph_factory() -> Iterator[Callable[..., OxigraphServer]]:
    """``start(**OxigraphServer options)`` → a running server; all are stopped at teardown."""
    binary = require_oxigraph_binary()
    started: list[OxigraphServer] = []

    def start(**options: object) -> OxigraphServer:
        server = OxigraphServer(binary, **options)  # type: ignore[arg-type]
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()
