"""What a query text asks for, before it runs: updates and ``SERVICE`` refused, ``FROM`` noticed,
nesting bounded.

pyoxigraph exposes no parse tree (and *does* send ``SERVICE`` requests over HTTP), so the
checks parse with rdflib's SPARQL grammar (``parseQuery`` / ``parseUpdate``). That parser costs
≈ 30 ms per query, so on the embedded store it only runs when the text could contain what it
looks for: a ``SERVICE`` clause needs the letters "service" (``FROM`` the letters "from")
somewhere in the text, also after SPARQL's ``\\uXXXX`` escapes are expanded. A query without
them needs no parse here; the engine parses it anyway and reports syntax errors with position.

Nesting: Oxigraph's parser and evaluator recurse on the native stack and abort the whole
process on overflow (1,000 nested ``{`` kill ``oxigraph serve``, whose threads have 2 MB
stacks). The embedded store is protected by the runner (big worker stacks, a length limit);
a remote server is protected here (``strict=True``): every query is parsed and its nesting,
counted generously (chains such as ``a + b + c`` or ``UNION`` lists count their length, as
Oxigraph nests them), must stay under :data:`MAX_DEPTH`. Results are cached per query text.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from graph.sparql_endpoint.errors import EndpointError, MalformedQuery, QueryRefused, QueryTooComplex

__all__ = ["MAX_DEPTH", "Analysis", "analyse", "engine_syntax_error", "is_update"]

#: Nesting units a query sent to a SPARQL server may use (≈ 100-250 real levels: far below a
#: 2 MB stack's limit, far above what people write).
MAX_DEPTH = 256
UPDATE_MESSAGE = (
    "This endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY) "
    "is not accepted"
)
SERVICE_MESSAGE = (
    "SERVICE (federated query) is not allowed on this endpoint: it never sends requests to other servers"
)
TOO_DEEP_MESSAGE = "The query is nested too deeply (or chains too many operators) to be run safely"
# Oxigraph's syntax errors start with "error at LINE:COLUMN: …".
_ENGINE_POSITION = re.compile(r"^error at (\d+):(\d+):\s*(.*)$", re.DOTALL)
# pyparsing's grammar objects are shared module state: parse one query at a time.
_parse_lock = threading.Lock()
# VALUES rows: data in a flat table, however many (they only hold terms).
_FLAT_DATA = frozenset({"InlineData", "ValuesClause"})
_PARSE_ERRORS = (ParseBaseException, ValueError, TypeError, RecursionError)


@dataclass(frozen=True)
class Analysis:
    has_dataset_clause: bool = False  # FROM / FROM NAMED in the query: do not force the union graph


def _mentions(query: str, word: str) -> bool:
    if word in query.lower():
        return True
    try:
        return word in expandUnicodeEscapes(query).lower()
    except (ValueError, OverflowError):  # a malformed escape: look closer
        return True


def _nodes(tree: Any) -> list[CompValue]:
    found, stack = [], [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            found.append(node)
            stack.extend(node.values())
        elif isinstance(node, (list, tuple, ParseResults)):
            stack.extend(node)
    return found


def _has_nodes(items: Any) -> bool:
    return any(
        isinstance(x, CompValue)
        or (isinstance(x, (list, ParseResults)) and any(isinstance(y, CompValue) for y in x))
        for x in items
    )


def _depth(node: Any) -> int:
    """Nesting depth, where a list of sub-patterns or operands also counts its length."""
    if isinstance(node, CompValue):
        if node.name in _FLAT_DATA:
            return 2
        return 1 + max((_depth(v) for v in node.values()), default=0)
    if isinstance(node, (list, tuple, ParseResults)):
        deepest = max((_depth(v) for v in node), default=0)
        return deepest + (len(node) - 1 if len(node) > 1 and _has_nodes(node) else 0)
    return 0


def is_update(query: str) -> bool:
    """Whether ``query`` parses as a SPARQL Update request (only asked once it failed as a query)."""
    try:
        with _parse_lock:
            tree = parseUpdate(query)
    except _PARSE_ERRORS:
        return False
    return "request" in tree and bool(tree["request"])  # "" and a bare prologue are empty updates


@lru_cache(maxsize=512)
def _analysis(query: str, strict: bool) -> Analysis | Callable[[], EndpointError]:
    """The analysis, or how to build the error to raise (a new exception per raise: threads)."""
    service = _mentions(query, "service")
    if not (strict or service or _mentions(query, "from")):
        return Analysis()
    try:
        with _parse_lock:
            tree = parseQuery(query)
    except _PARSE_ERRORS as exc:
        if is_update(query):
            return partial(QueryRefused, UPDATE_MESSAGE, "update")
        if isinstance(exc, RecursionError):
            return partial(QueryTooComplex, TOO_DEEP_MESSAGE)
        if service or strict:  # what we cannot check does not run
            if isinstance(exc, ParseBaseException):
                return partial(MalformedQuery, exc.msg, exc.lineno, exc.col)
            return partial(MalformedQuery, str(exc))
        return Analysis()  # let the engine report the error (or run syntax rdflib lacks)
    nodes = _nodes(tree)
    if any(node.name == "ServiceGraphPattern" for node in nodes):
        return partial(QueryRefused, SERVICE_MESSAGE, "service")
    if strict:
        try:
            too_deep = _depth(tree) > MAX_DEPTH
        except RecursionError:
            too_deep = True
        if too_deep:
            return partial(QueryTooComplex, TOO_DEEP_MESSAGE)
    return Analysis(has_dataset_clause=any(node.name == "DatasetClause" for node in nodes))


def analyse(query: str, *, strict: bool = False) -> Analysis:
    """Check ``query`` before it runs: raise :class:`QueryRefused` for SERVICE (or an update),
    :class:`MalformedQuery` when a text mentioning SERVICE does not parse (it cannot be checked),
    and with ``strict`` (a remote server) also parse every query and bound its nesting."""
    outcome = _analysis(query, strict)
    if isinstance(outcome, Analysis):
        return outcome
    raise outcome()


def engine_syntax_error(query: str, message: str) -> EndpointError:
    """The error to report for the engine's syntax error: an update refused, else the position."""
    if is_update(query):
        return QueryRefused(UPDATE_MESSAGE, "update")
    match = _ENGINE_POSITION.match(message.strip())
    if match:
        return MalformedQuery(_shorten(match.group(3)), int(match.group(1)), int(match.group(2)))
    return MalformedQuery(_shorten(message))


def _shorten(detail: str, limit: int = 300) -> str:
    """One line, and not Oxigraph's full list of expected Unicode ranges."""
    text = " ".join(detail.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
