"""Serialise an :class:`~graph.sparql_endpoint.sources.Answer` in the chosen format, cut at a row cap.

The cap must be known before the first byte goes out (it is announced in a response header).
pyoxigraph writes every format, in Rust, but its writers take a whole live result; so the
result is first written as a line format, SPARQL TSV (SELECT) or N-Triples (graphs), where one
line is one solution or triple (line breaks inside literals are escaped), into a writer that
counts lines and stops the engine at ``max_rows`` + 1. The kept lines are the answer in that
format; any other format is pyoxigraph re-reading them into its own writer. The writer also
stops the engine once the caller gave up (timeout): pyoxigraph calls it every ≈ 8 KB of output.

Truncation is said in the body where the format can carry a remark without breaking parsers:

- SPARQL JSON: top-level ``"truncated": true`` and ``"rowLimit": N`` (next to ``head``/``results``);
- SPARQL XML, RDF/XML: an XML comment after the XML declaration;
- Turtle, N-Triples: a ``#`` comment as the first line;
- JSON-LD: ``{"truncated": true, "rowLimit": N, "@graph": […]}`` (the two keys have no IRI
  mapping, so JSON-LD processors drop them: the triples are the same);
- CSV, TSV: no comment syntax, so only the response header says it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox

from graph.sparql_endpoint.errors import EndpointUnavailable
from graph.sparql_endpoint.formats import OutputFormat
from graph.sparql_endpoint.sources import ASK, SELECT, Answer

__all__ = ["Cancelled", "Rendered", "render", "truncation_note"]


class Cancelled(Exception):
    """The caller gave up waiting (timeout): stop the engine."""


class _Full(Exception):
    """One line more than the cap arrived: the result is cut."""


@dataclass(frozen=True)
class Rendered:
    body: bytes
    count: int | None  # solutions or triples written (None for ASK)
    truncated: bool


def truncation_note(max_rows: int) -> str:
    return f"truncated: the result was cut at {max_rows} rows (the endpoint's row limit)"


class _LineWriter:
    """A binary stream for pyoxigraph's writers that keeps at most ``max_lines`` lines."""

    def __init__(self, max_lines: int, cancelled: Callable[[], bool]) -> None:
        self.max_lines = max_lines
        self.cancelled = cancelled
        self.parts: list[bytes] = []
        self.lines = 0

    def write(self, chunk: bytes) -> int:
        if self.cancelled():
            raise Cancelled
        data = bytes(chunk)
        self.parts.append(data)
        self.lines += data.count(b"\n")
        if self.lines > self.max_lines:
            raise _Full
        return len(data)

    def flush(self) -> None:
        pass

    def body(self) -> bytes:
        data = b"".join(self.parts)
        if self.lines <= self.max_lines:
            return data
        end = -1
        for _ in range(self.max_lines):
            end = data.index(b"\n", end + 1)
        return data[: end + 1]


def _lines(answer: Answer, max_lines: int, cancelled: Callable[[], bool]) -> tuple[bytes, bool]:
    """The answer as TSV (SELECT) or N-Triples, at most ``max_lines`` lines; and whether it was cut."""
    writer = _LineWriter(max_lines, cancelled)
    try:
        if answer.form == SELECT:
            answer.results.serialize(writer, format=ox.QueryResultsFormat.TSV)
        else:
            ox.serialize(answer.results, writer, ox.RdfFormat.N_TRIPLES)
    except _Full:
        return writer.body(), True
    except (OSError, SyntaxError, ValueError, RuntimeError) as exc:  # a store read error, a broken stream
        raise EndpointUnavailable(f"Reading the query results failed: {exc}") from exc
    return writer.body(), False


def _mark(body: bytes, fmt: OutputFormat, max_rows: int) -> bytes:
    note = truncation_note(max_rows)
    if fmt.name == "json" and body.startswith(b"{"):
        return b'{"truncated":true,"rowLimit":%d,' % max_rows + body[1:]
    if fmt.name == "jsonld":
        return b'{"truncated":true,"rowLimit":%d,"@graph":' % max_rows + body + b"}"
    if fmt.name in ("xml", "rdf"):
        comment = f"<!-- {note} -->".encode()
        if body.startswith(b"<?xml"):
            end = body.index(b"?>") + 2
            return body[:end] + b"\n" + comment + b"\n" + body[end:].lstrip(b"\n")
        return comment + b"\n" + body
    if fmt.name in ("ttl", "nt"):
        return f"# {note}\n".encode() + body
    return body  # CSV, TSV: the header says it


def render(
    answer: Answer,
    fmt: OutputFormat,
    *,
    max_rows: int,
    cancelled: Callable[[], bool] = lambda: False,
    prefixes: dict[str, str] | None = None,
) -> Rendered:
    """``answer`` in ``fmt`` (of the answer's family), at most ``max_rows`` solutions or triples."""
    if answer.form == ASK:
        return Rendered(answer.results.serialize(format=fmt.ox_format), None, False)
    select = answer.form == SELECT
    lines, truncated = _lines(answer, max_rows + 1 if select else max_rows, cancelled)
    count = lines.count(b"\n") - (1 if select else 0)
    try:
        if fmt.name in ("tsv", "nt"):
            body = lines
        elif select:
            body = ox.parse_query_results(lines, ox.QueryResultsFormat.TSV).serialize(format=fmt.ox_format)
        else:
            # Prefixes only where they just shorten names (JSON-LD would grow an @context).
            named = prefixes if fmt.name in ("ttl", "rdf") else None
            body = ox.serialize(
                ox.parse(lines, ox.RdfFormat.N_TRIPLES), format=fmt.ox_format, prefixes=named or None
            )
    except (SyntaxError, ValueError) as exc:  # pyoxigraph not reading its own output: a bug, said plainly
        raise EndpointUnavailable(f"Writing the results as {fmt.name} failed: {exc}") from exc
    if fmt.name in ("xml", "rdf"):
        # pyoxigraph 0.5.13 writes a literal's CR raw, and XML parsers read CR LF as LF: escape it.
        body = body.replace(b"\r", b"&#13;")
    return Rendered(_mark(body, fmt, max_rows) if truncated else body, count, truncated)
