"""What can go wrong with a query, as exceptions carrying the HTTP status a web layer answers with.

Each carries a plain English ``message`` (with the parser's or server's own words where they
help); a web layer may translate the fixed part and keep the details.
"""

from __future__ import annotations

__all__ = [
    "EndpointBusy",
    "EndpointError",
    "EndpointUnavailable",
    "MalformedQuery",
    "NotAcceptable",
    "QueryRefused",
    "QueryTimeout",
    "QueryTooComplex",
]


class EndpointError(Exception):
    """A query that cannot be answered; ``status`` is the HTTP status to answer with."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MalformedQuery(EndpointError):
    """The query text is not valid SPARQL 1.1; ``line``/``column`` are 1-based when known."""

    def __init__(self, detail: str, line: int | None = None, column: int | None = None) -> None:
        where = f" at line {line}, column {column}" if line is not None and column is not None else ""
        super().__init__(f"Malformed query{where}: {detail}")
        self.detail = detail
        self.line = line
        self.column = column


class QueryRefused(EndpointError):
    """Valid SPARQL the public endpoint does not run: updates (``kind="update"``), ``SERVICE``."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


class NotAcceptable(EndpointError):
    """None of the formats the client accepts exists for this query form."""

    status = 406

    def __init__(self, form: str, available: str) -> None:
        super().__init__(f"No acceptable format for a {form} query; available: {available}")
        self.form = form
        self.available = available


class QueryTimeout(EndpointError):
    """The query ran longer than the endpoint allows (504: the engine behind us did not answer in time)."""

    status = 504

    def __init__(self, seconds: float) -> None:
        super().__init__(f"Query timed out after {seconds:g} s")
        self.seconds = seconds


class EndpointBusy(EndpointError):
    """Every query slot is taken (also by timed-out queries the engine is still finishing): retry later."""

    status = 503

    def __init__(self, retry_after: int) -> None:
        super().__init__("Too many queries are running; retry later")
        self.retry_after = retry_after


class EndpointUnavailable(EndpointError):
    """The graph store failed or cannot be reached (not the query's fault): retry later."""

    status = 503

    def __init__(self, message: str, retry_after: int = 30) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class QueryTooComplex(EndpointError):
    """Longer (``length`` > ``limit``) or more deeply nested than the engine can take safely."""

    def __init__(self, message: str, length: int | None = None, limit: int | None = None) -> None:
        super().__init__(message)
        self.length = length
        self.limit = limit
