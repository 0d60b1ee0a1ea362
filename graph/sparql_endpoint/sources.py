"""Run a query on the configured store and hand back pyoxigraph objects, lazily.

- Embedded :class:`~graph.stores.oxigraph.OxigraphStore`: its pyoxigraph ``Store`` directly
  (no rdflib terms), with the dataset from the protocol parameters; without them the default
  graph is the union of the named graphs, as everywhere in this project, unless the query
  names its own dataset with ``FROM`` (Oxigraph's union option would override it).
- Remote :class:`~graph.stores.sparql.SparqlStore`: the query is forwarded to the server's
  query endpoint with the same dataset parameters, and its answer parsed as it streams in.

Whatever comes back is consumed in the calling thread (pyoxigraph results cannot cross threads).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
import requests

from graph.sparql_endpoint.analysis import Analysis, engine_syntax_error
from graph.sparql_endpoint.errors import EndpointError, EndpointUnavailable
from graph.stores.base import GraphStore
from graph.stores.oxigraph import OxigraphStore
from graph.stores.sparql import SparqlStore

__all__ = ["Answer", "execute", "needs_strict_checks"]

SELECT, ASK, GRAPH = "SELECT", "ASK", "CONSTRUCT/DESCRIBE"
_REMOTE_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
_MESSAGE_CHARS = 500


@dataclass
class Answer:
    """A query's answer: ``form`` is SELECT, ASK or CONSTRUCT/DESCRIBE; ``results`` the live
    pyoxigraph object (QuerySolutions, QueryBoolean, QueryTriples or an iterable of triples)."""

    form: str
    results: Any
    close: Callable[[], None] = lambda: None


def _named_nodes(iris: Sequence[str], what: str) -> list[ox.NamedNode]:
    nodes = []
    for iri in iris:
        try:
            nodes.append(ox.NamedNode(iri))
        except ValueError as exc:
            raise EndpointError(f"Invalid IRI in {what}: {iri!r} ({exc})") from exc
    return nodes


def _from_results(results: Any, close: Callable[[], None] = lambda: None) -> Answer:
    if isinstance(results, ox.QueryBoolean):
        return Answer(ASK, results, close)
    return Answer(SELECT if isinstance(results, ox.QuerySolutions) else GRAPH, results, close)


def _embedded(
    store: OxigraphStore, query: str, default: Sequence[str], named: Sequence[str], analysis: Analysis
) -> Answer:
    kwargs: dict[str, Any] = {}
    if default or named:  # the protocol parameters define the whole dataset (they override FROM)
        kwargs["default_graph"] = _named_nodes(default, "default-graph-uri")
        if named:
            kwargs["named_graphs"] = _named_nodes(named, "named-graph-uri")
    elif not analysis.has_dataset_clause:
        kwargs["use_default_graph_as_union"] = True
    try:
        return _from_results(store.oxigraph.query(query, **kwargs))
    except SyntaxError as exc:
        raise engine_syntax_error(query, str(exc)) from exc
    except (OSError, RuntimeError) as exc:
        raise EndpointUnavailable(f"The graph store failed: {exc}") from exc
    except ValueError as exc:  # e.g. a bad term in the query the parser let through
        raise EndpointError(f"Query failed: {exc}") from exc


def _server_message(response: requests.Response) -> str:
    try:
        return " ".join(response.text.split())[:_MESSAGE_CHARS] or "(no message)"
    finally:
        response.close()


def _remote(
    store: SparqlStore, query: str, default: Sequence[str], named: Sequence[str], timeout: float
) -> Answer:
    params = [("default-graph-uri", iri) for iri in default] + [("named-graph-uri", iri) for iri in named]
    _named_nodes([*default, *named], "the dataset parameters")
    headers = {"Content-Type": "application/sparql-query", "Accept": _REMOTE_ACCEPT}
    session: requests.Session = store._session  # reuse its auth and connection pool
    try:
        response = session.post(
            store.query_url, params=params, data=query.encode(), headers=headers,
            timeout=(min(store.timeout, timeout), timeout), stream=True,
        )  # fmt: skip
    except requests.Timeout as exc:
        raise EndpointUnavailable(f"The SPARQL server did not answer in time: {exc}") from exc
    except requests.RequestException as exc:
        raise EndpointUnavailable(f"The SPARQL server is unavailable: {exc}") from exc
    if response.status_code == 400:
        raise engine_syntax_error(query, _server_message(response))
    if response.status_code >= 400:
        status = response.status_code
        raise EndpointUnavailable(f"The SPARQL server answered HTTP {status}: {_server_message(response)}")
    media_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    response.raw.decode_content = True
    try:
        if media_type == "application/sparql-results+json":
            return _from_results(
                ox.parse_query_results(response.raw, ox.QueryResultsFormat.JSON), response.close
            )
        if media_type == "application/n-triples":
            return Answer(GRAPH, ox.parse(response.raw, ox.RdfFormat.N_TRIPLES), response.close)
    except (SyntaxError, ValueError, OSError) as exc:
        response.close()
        raise EndpointUnavailable(f"Cannot read the SPARQL server's answer: {exc}") from exc
    response.close()
    raise EndpointUnavailable(f"The SPARQL server answered with {media_type or 'no content type'}")


def needs_strict_checks(store: GraphStore) -> bool:
    """A remote server must be shielded from nesting that would crash it (analysis.MAX_DEPTH)."""
    return not isinstance(store, OxigraphStore)


def execute(
    store: GraphStore,
    query: str,
    *,
    default_graphs: Sequence[str],
    named_graphs: Sequence[str],
    analysis: Analysis,
    timeout: float,
) -> Answer:
    """Start ``query`` on ``store``; raise :class:`EndpointError` subclasses for what went wrong."""
    if isinstance(store, OxigraphStore):
        return _embedded(store, query, default_graphs, named_graphs, analysis)
    if isinstance(store, SparqlStore):
        return _remote(store, query, default_graphs, named_graphs, timeout)
    raise EndpointUnavailable(
        f"The public SPARQL endpoint does not support the {type(store).__name__} backend"
    )
