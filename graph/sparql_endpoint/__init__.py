"""The public SPARQL endpoint's engine side (no Django): checks, runs, caps and serialises queries.

``QueryRunner.run(store, query, formats=…, timeout=…, max_rows=…)`` → :class:`QueryResult`
(bytes, content type, truncated flag) or an :class:`EndpointError` carrying its HTTP status.
The web layer (cms/linked_data/views_sparql.py) only parses the protocol and negotiates formats.
"""

from graph.sparql_endpoint.errors import (
    EndpointBusy,
    EndpointError,
    EndpointUnavailable,
    MalformedQuery,
    NotAcceptable,
    QueryRefused,
    QueryTimeout,
    QueryTooComplex,
)
from graph.sparql_endpoint.formats import (
    GRAPH,
    GRAPH_FORMATS,
    RESULT_FORMATS,
    RESULTS,
    OutputFormat,
    find_format,
)
from graph.sparql_endpoint.runner import QueryResult, QueryRunner

__all__ = [
    "GRAPH",
    "GRAPH_FORMATS",
    "RESULTS",
    "RESULT_FORMATS",
    "EndpointBusy",
    "EndpointError",
    "EndpointUnavailable",
    "MalformedQuery",
    "NotAcceptable",
    "OutputFormat",
    "QueryRefused",
    "QueryResult",
    "QueryRunner",
    "QueryTimeout",
    "QueryTooComplex",
    "find_format",
]
