"""A remote store: a SPARQL server (Oxigraph server, Fuseki, GraphDB) over HTTP.

Queries and updates use the SPARQL 1.1 Protocol; bulk loads, ``get_graph`` and dumps use the
Graph Store Protocol (GSP). Writes send the same checked SPARQL/N-Quads text as the embedded
store (``terms.py``), so a bad term fails before anything is sent, and ``replace_graph`` is one
update request, which Oxigraph and Fuseki run as one transaction.

The contract's union default graph is a **server setting** (no portable per-request switch):
``oxigraph serve --union-default-graph``, Fuseki ``tdb2:unionDefaultGraph true``. :meth:`ping`
verifies it. Failures are :class:`StoreError` with the HTTP status and the server's message;
refused connections, timeouts and 5xx answers are :class:`StoreUnavailable` (worth retrying).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

import pyoxigraph as ox
import requests
import urllib3
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from graph.stores.base import DUMP_FORMATS, UNION_FORMATS, GraphStore, Source, StoreError, StoreUnavailable
from graph.stores.oxigraph import from_ox
from graph.stores.terms import graph_batches, nquads, nt_term, replace_request

__all__ = ["SparqlStore"]

RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
N_QUADS = "application/n-quads"
# One Accept for every query: the answer's media type tells which kind of query ran.
_QUERY_ACCEPT = f"{RESULTS_JSON}, {N_TRIPLES};q=0.9, text/turtle;q=0.5"
#: Triples per SPARQL Update request in atomic ``load_graphs`` (a few MB of text) …
BATCH_TRIPLES = 20_000
#: … and per N-Quads POST with ``atomic=False``.
BULK_BATCH_TRIPLES = 100_000
#: Graphs per request at most (each is one ``DROP`` statement, even when empty).
BATCH_GRAPHS = 5_000
_MESSAGE_CHARS = 500
_CHUNK = 1 << 16
_XSD_STRING = str(XSD.string)
_UNION_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
# True when a stored quad is invisible to the default graph: the server does not query the union.
_NOT_UNION = (
    "ASK { { SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1 } FILTER NOT EXISTS { ?s ?p ?o } }"
)
_FORMATS: dict[str, ox.RdfFormat] = {
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}
# Failures where the server is down, overloaded or cut the connection: retrying may help.
_UNAVAILABLE = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError)
_NO_READ_LIMIT = object()


class SparqlStore(GraphStore):
    """A :class:`GraphStore` on a SPARQL 1.1 server.

    ``url`` is an Oxigraph-style base: ``{url}/query``, ``{url}/update`` and ``{url}/store``
    (GSP); any of them can be given explicitly instead (Fuseki: ``…/ds/query``, ``…/ds/update``
    and the dataset URL ``…/ds`` as ``store_url``, which takes ``?graph=`` and whole-dataset
    quads). ``timeout`` bounds connecting and each wait for an answer; bulk loads wait for the
    server without a read limit (it answers only once the whole file is in). ``username`` and
    ``password`` use HTTP Basic auth. ``union_default_graph=True`` makes :meth:`ping` verify that
    the server queries the union of the named graphs (the contract); ``False`` skips that check.
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        query_url: str | None = None,
        update_url: str | None = None,
        store_url: str | None = None,
        timeout: float = 30.0,
        username: str | None = None,
        password: str | None = None,
        union_default_graph: bool = True,
    ) -> None:
        base = url.rstrip("/") if url else None
        self.query_url = query_url or (f"{base}/query" if base else None)
        self.update_url = update_url or (f"{base}/update" if base else None)
        self.store_url = store_url or (f"{base}/store" if base else None)
        missing = [n for n in ("query_url", "update_url", "store_url") if not getattr(self, n)]
        if missing:
            # TypeError: get_store reports it as invalid OPTIONS.
            raise TypeError(f"SparqlStore needs url, or explicit {', '.join(missing)}")
        self.timeout = float(timeout)
        self.union_default_graph = union_default_graph
        session = requests.Session()
        # Web threads share the process store: keep enough pooled connections for them.
        adapter = requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=16)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        if username is not None:
            session.auth = (username, password or "")
        self._session = session

    def __repr__(self) -> str:
        return f"SparqlStore(query_url={self.query_url!r})"

    # --- HTTP -------------------------------------------------------------------------

    def _request(
        self,
        method: str,
        url: str,
        what: str,
        *,
        ok_404: bool = False,
        read_timeout: Any = None,
        **kwargs: Any,
    ) -> requests.Response:
        read = None if read_timeout is _NO_READ_LIMIT else (read_timeout or self.timeout)
        try:
            response = self._session.request(method, url, timeout=(self.timeout, read), **kwargs)
        except _UNAVAILABLE as exc:
            raise StoreUnavailable(f"{what}: graph store at {url} is unavailable: {exc}") from exc
        except requests.RequestException as exc:
            raise StoreError(f"{what}: request to {url} failed: {exc}") from exc
        status = response.status_code
        if status < 400 or (ok_404 and status == 404):
            return response
        try:
            message = " ".join(response.text.split())[:_MESSAGE_CHARS] or "(no message)"
        except requests.RequestException:
            message = "(message unreadable)"
        finally:
            response.close()
        error = StoreUnavailable if status >= 500 else StoreError
        raise error(f"{what} failed: HTTP {status} {response.reason} from {url}: {message}")

    def _update(self, sparql: str) -> None:
        headers = {"Content-Type": "application/sparql-update"}
        self._request("POST", self.update_url, "Update", data=sparql.encode(), headers=headers).close()

    def _query(self, sparql: str, *, accept: str = _QUERY_ACCEPT, stream: bool = False) -> requests.Response:
        headers = {"Content-Type": "application/sparql-query", "Accept": accept}
        return self._request(
            "POST", self.query_url, "Query", data=sparql.encode(), headers=headers, stream=stream
        )

    def _post_rdf(
        self, what: str, source: Source, media_type: str, params: Mapping[str, str] | None = None
    ) -> None:
        kwargs: dict[str, Any] = {
            "params": params,
            "headers": {"Content-Type": media_type},
            "read_timeout": _NO_READ_LIMIT,
        }
        if isinstance(source, (bytes, bytearray, memoryview)):
            self._request("POST", self.store_url, what, data=bytes(source), **kwargs).close()
            return
        try:
            with open(os.fspath(source), "rb") as body:  # streamed by requests, not read into memory
                self._request("POST", self.store_url, what, data=body, **kwargs).close()
        except OSError as exc:
            raise StoreError(f"{what} failed: {exc}") from exc

    # --- writes -----------------------------------------------------------------------

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        self._update(replace_request({URIRef(name): graph}))

    def drop_graph(self, name: URIRef) -> None:
        self._update(f"DROP SILENT GRAPH {nt_term(URIRef(name))}")

    def load_graphs(self, items: Iterable[tuple[URIRef, Graph]], *, atomic: bool = True) -> int:
        """Replace many graphs, several per request.

        Atomic: one ``DROP``+``INSERT DATA`` update request per batch (one transaction).
        ``atomic=False``: drop the batch's graphs, then POST their N-Quads to the GSP endpoint.
        """
        count = 0
        for batch in graph_batches(items, BATCH_TRIPLES if atomic else BULK_BATCH_TRIPLES, max_graphs=BATCH_GRAPHS):
            if atomic:
                self._update(replace_request(batch))
            else:
                data = nquads((n, g) for n, g in batch.items() if len(g)).encode()  # check terms first
                self._update(" ;\n".join(f"DROP SILENT GRAPH {nt_term(n)}" for n in batch))
                if data:
                    self._post_rdf("Loading graphs", data, N_QUADS)
            count += len(batch)
        return count

    def bulk_load_ntriples(self, source: Source, *, graph: URIRef) -> None:
        params = {"graph": nt_term(URIRef(graph))[1:-1]}
        self._post_rdf("Bulk load", source, N_TRIPLES, params)

    def bulk_load_nquads(self, source: Source) -> None:
        self._post_rdf("Bulk load", source, N_QUADS)

    def clear(self) -> None:
        self._update("DROP ALL")

    # --- reads ------------------------------------------------------------------------

    def has_graph(self, name: URIRef) -> bool:
        return self.ask(f"ASK {{ GRAPH {nt_term(URIRef(name))} {{ ?s ?p ?o }} }}")

    def graph_names(self, prefix: str | None = None) -> list[URIRef]:
        # GRAPH ?g {} lists the graph names; EXISTS skips empty graphs left by other clients.
        where = f"FILTER(STRSTARTS(STR(?g), {nt_term(Literal(prefix))}))" if prefix else ""
        rows = self.select(
            f"SELECT ?g WHERE {{ GRAPH ?g {{}} {where} FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}"
        )
        return sorted(row["g"] for row in rows if isinstance(row.get("g"), URIRef))

    def get_graph(self, name: URIRef) -> Graph:
        params = {"graph": nt_term(URIRef(name))[1:-1]}
        headers = {"Accept": N_TRIPLES}
        response = self._request(
            "GET", self.store_url, "Reading a graph", ok_404=True, params=params, headers=headers
        )
        if response.status_code == 404:
            response.close()
            # GSP says 404 for a missing graph, but a wrong store_url says 404 too.
            if self.has_graph(name):
                raise StoreError(
                    f"Reading a graph failed: HTTP 404 from {self.store_url} for a graph that exists"
                )
            return Graph()
        return _graph(_parse(response, "Reading a graph"))

    def _results(self, sparql: str, method: str) -> Any:
        """The parsed answer: a dict for SPARQL JSON results, else an rdflib Graph."""
        response = self._query(sparql)
        if _media_type(response) == RESULTS_JSON:
            try:
                return json.loads(response.content)
            except ValueError as exc:
                raise StoreError(f"{method}(): the server sent invalid JSON results: {exc}") from exc
        return _graph(_parse(response, f"{method}()"))

    def select(self, sparql: str) -> list[dict[str, Node]]:
        results = self._results(sparql, "select")
        if not isinstance(results, dict) or "results" not in results:
            raise StoreError("select() needs a SELECT query")
        return [
            {name: _term(value) for name, value in binding.items()}
            for binding in results["results"].get("bindings", [])
        ]

    def ask(self, sparql: str) -> bool:
        result = self._results(sparql, "ask")
        if not isinstance(result, dict) or "boolean" not in result:
            raise StoreError("ask() needs an ASK query")
        return bool(result["boolean"])

    def construct(self, sparql: str) -> Graph:
        result = self._results(sparql, "construct")
        if not isinstance(result, Graph):
            raise StoreError("construct() needs a CONSTRUCT or DESCRIBE query")
        return result

    def triple_count(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"].toPython()) if rows else 0

    def dump(self, fmt: str, stream: IO[bytes], *, prefixes: Mapping[str, str] | None = None) -> None:
        """Stream the union (a CONSTRUCT) or the whole dataset (GSP GET of N-Quads) to ``stream``.

        N-Triples and N-Quads are copied as the server sends them; other formats are converted
        on the fly by pyoxigraph, with ``prefixes``, never held in memory.
        """
        if fmt not in DUMP_FORMATS:
            raise StoreError(f"Unknown dump format {fmt!r}; use one of {', '.join(sorted(DUMP_FORMATS))}")
        if fmt in UNION_FORMATS:
            response = self._query(_UNION_TRIPLES, accept=N_TRIPLES, stream=True)
        else:
            response = self._request("GET", self.store_url, "Dump", headers={"Accept": N_QUADS}, stream=True)
        with response:
            _write(response, _FORMATS[fmt], stream, {k: str(v) for k, v in (prefixes or {}).items()})

    # --- lifecycle --------------------------------------------------------------------

    def ping(self) -> bool:
        """One cheap query; with ``union_default_graph`` it also checks the server's union setting.

        The check looks at one stored quad, so an empty store passes until it holds data.
        """
        if not self.union_default_graph:
            return super().ping()
        if self.ask(_NOT_UNION):
            raise StoreError(
                f"The SPARQL server at {self.query_url} does not query the union of the named graphs "
                "as its default graph: start Oxigraph with --union-default-graph, or set "
                "tdb2:unionDefaultGraph true on the Fuseki dataset (union_default_graph=False skips this check)"
            )
        return True

    def close(self) -> None:
        self._session.close()


def _media_type(response: requests.Response) -> str:
    return response.headers.get("Content-Type", "").split(";")[0].strip().lower()


def _rdf_format(response: requests.Response, what: str) -> ox.RdfFormat:
    media_type = _media_type(response)
    fmt = ox.RdfFormat.from_media_type(media_type) if media_type else None
    if fmt is None:
        raise StoreError(f"{what}: the server answered with {media_type or 'no content type'}, not RDF")
    return fmt


def _parse(response: requests.Response, what: str) -> Iterator[Any]:
    fmt = _rdf_format(response, what)
    try:
        yield from ox.parse(response.content, format=fmt)
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"{what}: cannot parse the server's {fmt} answer: {exc}") from exc


def _write(
    response: requests.Response, fmt: ox.RdfFormat, stream: IO[bytes], prefixes: dict[str, str]
) -> None:
    source = _rdf_format(response, "Dump")
    try:
        if source == fmt and fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES):
            for chunk in response.iter_content(_CHUNK):
                stream.write(chunk)
        else:
            response.raw.decode_content = True
            ox.serialize(ox.parse(response.raw, format=source), stream, fmt, prefixes=prefixes or None)
    except (requests.RequestException, urllib3.exceptions.HTTPError) as exc:
        raise StoreUnavailable(f"Dump: the connection to the graph store broke: {exc}") from exc
    except (SyntaxError, ValueError, OSError) as exc:
        raise StoreError(f"Dump failed: {exc}") from exc


def _term(value: Mapping[str, Any]) -> Node:
    """One term of SPARQL JSON results, as :func:`graph.stores.oxigraph.from_ox` builds it."""
    kind, text = value.get("type"), value.get("value", "")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):  # "typed-literal": older servers (Virtuoso)
        if value.get("xml:lang"):
            return Literal(text, lang=value["xml:lang"])
        datatype = value.get("datatype")
        if datatype and datatype != _XSD_STRING:
            return Literal(text, datatype=URIRef(datatype))
        return Literal(text)
    raise StoreError(f"Unsupported term in query results: {dict(value)!r}")


def _graph(quads: Iterable[Any]) -> Graph:
    graph = Graph()
    add = graph.add
    for q in quads:
        add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return graph
