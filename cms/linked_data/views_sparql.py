"""The public SPARQL 1.1 Protocol endpoint at /sparql (read-only, over the published graph).

- Query by GET ``?query=``, POST form (``query=``) or POST direct (``application/sparql-query``);
  ``default-graph-uri`` / ``named-graph-uri`` define the dataset (none: the union of all graphs).
- Format: ``?format=`` (json, xml, csv, tsv | ttl, jsonld, nt, rdf | html) overrides ``Accept``
  (q-values honoured); nothing acceptable → 406 listing what the query form offers.
- Without a query: the HTML query page for browsers, else the Service Description (Turtle by default).
- Limits (settings, read with defaults): ``SPARQL_TIMEOUT_SECONDS`` (10; a timeout is 504),
  ``SPARQL_MAX_ROWS`` (10000; a cut result has ``X-SPARQL-Truncated: true; limit=N`` and a note
  in the body), ``SPARQL_MAX_CONCURRENT`` (4 query threads per process; all busy → 503),
  ``SPARQL_RATE_LIMIT`` ("60/min" per client → 429), ``SPARQL_CLIENT_IP_HEADER`` (trusted proxy header).
- CORS: every answer carries ``Access-Control-Allow-Origin: *``; OPTIONS answers the preflight.
- Language of the page and messages: ``?lang=`` (or the form's ``lang``), else Accept-Language;
  said in Content-Language (this path skips LocaleMiddleware, cms.site.locale).

The engine side (checks, timeout, cap, serialisation) is graph/sparql_endpoint (no Django).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.request import MediaType
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from cms.registry.graph_store import graph_store
from graph.sparql_endpoint import (
    GRAPH,
    RESULTS,
    EndpointError,
    EndpointUnavailable,
    MalformedQuery,
    NotAcceptable,
    QueryRefused,
    QueryResult,
    QueryRunner,
    QueryTimeout,
    QueryTooComplex,
    find_format,
)
from graph.sparql_endpoint.description import service_description
from graph.sparql_endpoint.examples import EXAMPLES
from graph.sparql_endpoint.formats import formats
from graph.sparql_endpoint.table import table
from graph.stores.base import StoreError
from ontology.namespaces import PREFIXES

from . import ratelimit

logger = logging.getLogger(__name__)

HTML = "text/html"
_EXPOSED = "X-SPARQL-Truncated, X-SPARQL-Max-Rows, Retry-After, Content-Type"
_RDFLIB = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt", "rdf": "xml"}
_runners: dict[int, QueryRunner] = {}


def setting(name: str, default):
    return getattr(settings, name, default)


def runner() -> QueryRunner:
    """The process's runner (its slots bound the query threads); one per SPARQL_MAX_CONCURRENT value."""
    size = max(1, int(setting("SPARQL_MAX_CONCURRENT", 4)))
    return _runners.setdefault(size, QueryRunner(max_concurrent=size))


@dataclass
class Params:
    query: str | None = None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    format: str | None = None  # the first ?format= value we know, lower case


class ProtocolError(EndpointError):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _protocol(request: HttpRequest) -> Params:
    """The SPARQL Protocol parameters of ``request``; :class:`ProtocolError` when they are wrong."""
    query_values: list[str] = []
    params = request.GET
    if request.method == "POST":
        content_type = (request.content_type or "").lower()
        if content_type == "application/sparql-query":
            try:
                query_values = [request.body.decode(request.encoding or "utf-8")]
            except (UnicodeDecodeError, LookupError) as exc:
                raise ProtocolError(_("The query is not valid UTF-8 text.")) from exc
        elif content_type == "application/sparql-update":
            raise ProtocolError(_("This endpoint is read-only: SPARQL Update is not accepted."))
        elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            params = request.POST.copy()
            for key, values in request.GET.lists():
                params.setlist(key, params.getlist(key) + values)
        else:
            message = _("Send the query as application/x-www-form-urlencoded or application/sparql-query.")
            raise ProtocolError(message, status=415)
    if "update" in params or "using-graph-uri" in params:
        raise ProtocolError(_("This endpoint is read-only: SPARQL Update is not accepted."))
    query_values += params.getlist("query")
    if len(query_values) > 1:
        raise ProtocolError(_("Send exactly one query."))
    found = Params(
        default_graphs=params.getlist("default-graph-uri"), named_graphs=params.getlist("named-graph-uri")
    )
    if query_values:
        if not query_values[0].strip():
            raise ProtocolError(_("The query is empty."))
        found.query = query_values[0]
    wanted = [v.strip().lower() for v in params.getlist("format") if v.strip()]
    known = [v for v in wanted if v == "html" or find_format(RESULTS, v) or find_format(GRAPH, v)]
    if wanted and not known:
        names = ", ".join(["html"] + [f.name for family in (RESULTS, GRAPH) for f in formats(family)])
        raise ProtocolError(
            _("Unknown format %(format)s; use one of: %(names)s.") % {"format": wanted[0], "names": names}
        )
    found.format = known[0] if known else None
    return found


def _preferred(request: HttpRequest, groups: list[tuple[str, ...]]) -> int | None:
    """Which group of media types (a format: its type and aliases) the client prefers, by Django's
    ``get_preferred_type`` on the Accept ranges without parameters other than q. A format whose
    main type the most specific matching range refuses (q=0) is out, aliases and all."""
    return _preferred_for(request.headers.get("Accept", ""), tuple(groups))


@lru_cache(maxsize=512)  # clients repeat the same few Accept headers; matching cost ≈ 0.1 ms
def _preferred_for(header: str, groups: tuple[tuple[str, ...], ...]) -> int | None:
    ranges = []
    for token in header.split(","):
        media = MediaType(token.strip())
        if media.main_type and media.sub_type:
            q = media.params.get("q")
            name = f"{media.main_type}/{media.sub_type}".lower()
            ranges.append(MediaType(name if q is None else f"{name};q={q}"))
    ranges = ranges or [MediaType("*/*")]

    def refused(media_type: str) -> bool:
        matching = [r for r in ranges if MediaType(media_type).match(r)]
        return bool(matching) and max(matching, key=lambda r: r.specificity).quality == 0

    probe = HttpRequest()
    probe.META["HTTP_ACCEPT"] = ", ".join(str(r) for r in ranges if r.quality > 0)
    allowed = [i for i, group in enumerate(groups) if not refused(group[0])]
    candidates = [media_type for i in allowed for media_type in groups[i]]
    chosen = probe.get_preferred_type(candidates) if candidates and probe.META["HTTP_ACCEPT"] else None
    return next((i for i in allowed if chosen in groups[i]), None) if chosen else None


def _choose(request: HttpRequest, params: Params, family: str):
    """The family's format from ?format= or Accept (None: nothing acceptable for that family)."""
    if params.format:
        return find_format(family, params.format)
    choices = formats(family)
    index = _preferred(request, [fmt.media_types for fmt in choices])
    return None if index is None else choices[index]


def _wants_html(request: HttpRequest, params: Params) -> bool:
    if params.format:
        return params.format == "html"
    choices = formats(RESULTS if params.query else GRAPH)
    return _preferred(request, [fmt.media_types for fmt in choices] + [(HTML,)]) == len(choices)


def _plain(message: str, status: int, retry_after: int | None = None) -> HttpResponse:
    response = HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


def _run(request: HttpRequest, params: Params, html: bool) -> HttpResponse:
    client = ratelimit.client_address(request, setting("SPARQL_CLIENT_IP_HEADER", None))
    rate_text = setting("SPARQL_RATE_LIMIT", "60/min")
    wait = ratelimit.hit("sparql", client, ratelimit.parse_rate(rate_text))
    if wait is not None:
        message = _("Too many requests (limit %(rate)s per client). Retry in %(seconds)s s.")
        return _plain(message % {"rate": rate_text, "seconds": wait}, 429, wait)
    timeout = float(setting("SPARQL_TIMEOUT_SECONDS", 10))
    max_rows = int(setting("SPARQL_MAX_ROWS", 10_000))
    if html:
        chosen = {RESULTS: find_format(RESULTS, "json"), GRAPH: find_format(GRAPH, "nt")}
    else:
        chosen = {RESULTS: _choose(request, params, RESULTS), GRAPH: _choose(request, params, GRAPH)}
    try:
        result = runner().run(
            graph_store(), params.query, formats=chosen, default_graphs=params.default_graphs,
            named_graphs=params.named_graphs, timeout=timeout,
            max_rows=min(max_rows, int(setting("SPARQL_HTML_MAX_ROWS", 1000))) if html else max_rows,
            max_query_chars=int(setting("SPARQL_MAX_QUERY_CHARS", 10_000)),
            prefixes={k: str(v) for k, v in PREFIXES.items()},
        )  # fmt: skip
    except (StoreError, OSError) as exc:  # the process store could not be opened
        logger.warning("SPARQL endpoint: graph store unavailable: %s", exc)
        return _error(request, params, html, EndpointUnavailable(str(exc)))
    except EndpointError as exc:
        if exc.status >= 500:
            logger.warning("SPARQL endpoint: %s (%s)", exc.message, type(exc).__name__)
        return _error(request, params, html, exc)
    if html:
        return render_page(request, params.query, result=result)
    response = HttpResponse(result.body, content_type=result.content_type)
    response["X-SPARQL-Max-Rows"] = str(result.max_rows)
    if result.truncated:
        response["X-SPARQL-Truncated"] = f"true; limit={result.max_rows}"
    return response


def _error(request: HttpRequest, params: Params, html: bool, exc: EndpointError) -> HttpResponse:
    message, retry_after = error_text(exc), getattr(exc, "retry_after", None)
    if html:
        response = render_page(request, params.query or "", error=message, status=exc.status)
        if retry_after:
            response["Retry-After"] = str(retry_after)
        return response
    return _plain(message, exc.status, retry_after)


def _description(request: HttpRequest, params: Params) -> HttpResponse:
    fmt = _choose(request, params, GRAPH)
    if fmt is None:  # a SPARQL client that forgot the query, most likely
        message = _("No query: send one as ?query=…, or ask for text/html (the query page) or text/turtle.")
        return _plain(message, 400)
    graph = service_description(
        request.build_absolute_uri(request.path),
        timeout=float(setting("SPARQL_TIMEOUT_SECONDS", 10)),
        max_rows=int(setting("SPARQL_MAX_ROWS", 10_000)),
    )
    return HttpResponse(
        graph.serialize(format=_RDFLIB[fmt.name], encoding="utf-8"), content_type=fmt.content_type
    )


def error_text(exc: EndpointError) -> str:
    """The message for ``exc`` in the active language (details from the parser stay as they are)."""
    if isinstance(exc, MalformedQuery):
        if exc.line is not None:
            text = _("Malformed query at line %(line)s, column %(column)s: %(detail)s")
            return text % {"line": exc.line, "column": exc.column, "detail": exc.detail}
        return _("Malformed query: %(detail)s") % {"detail": exc.detail}
    if isinstance(exc, QueryRefused) and exc.kind == "update":
        return _("This endpoint is read-only: SPARQL Update is not accepted.")
    if isinstance(exc, QueryRefused):
        return _(
            "SERVICE (federated query) is not allowed: this endpoint never sends requests to other servers."
        )
    if isinstance(exc, NotAcceptable):
        return _("No acceptable format for a %(form)s query. Available: %(formats)s.") % {
            "form": exc.form, "formats": exc.available}  # fmt: skip
    if isinstance(exc, QueryTooComplex) and exc.limit is not None:
        text = _("The query is %(length)s characters long; the limit is %(limit)s.")
        return text % {"length": exc.length, "limit": exc.limit}
    if isinstance(exc, QueryTooComplex):
        return _("The query is nested too deeply (or chains too many operators) to be run safely.")
    if isinstance(exc, QueryTimeout):
        return _("Query timed out after %(seconds)s s. Narrow it down or add a LIMIT.") % {
            "seconds": f"{exc.seconds:g}"
        }
    if exc.status == 503:  # busy, or the store failed (its details may name internal hosts: logged only)
        return _("The query service is busy or unavailable. Retry later.")
    return exc.message


def _examples() -> list[dict[str, str]]:
    titles = {
        "qualifications-by-sector-and-level": _("Qualifications by sector and level"),
        "ltks-eqf-mapping": _("LTKS levels and their EQF and QDR matches"),
        "modules-shared-across-sectors": _("Modules shared across sectors"),
        "qualification-outcomes": _("Learning outcomes of a qualification"),
        "qualification-graph": _("A qualification as RDF (CONSTRUCT)"),
    }
    return [{"id": key, "title": titles.get(key, key), "query": text} for key, text in EXAMPLES.items()]


def render_page(
    request: HttpRequest,
    query: str | None,
    *,
    result: QueryResult | None = None,
    error: str | None = None,
    status: int = 200,
    example: str | None = None,
) -> HttpResponse:
    """The query page: editor, examples, and the result table (or error) of ``query``."""
    examples = _examples()
    if query is None:
        query = EXAMPLES.get(example or "", examples[0]["query"])
    context = {
        "query": query, "examples": examples, "error": error, "result": result,
        "table": table(result) if result is not None else None,
        "timeout": f"{float(setting('SPARQL_TIMEOUT_SECONDS', 10)):g}",
        "max_rows": int(setting("SPARQL_MAX_ROWS", 10_000)),
        "formats": [f.name for family in (RESULTS, GRAPH) for f in formats(family)],
        "downloads": [f.name for f in formats(result.format.family)] if result is not None else [],
        "lang": request.GET.get("lang", ""),
    }  # fmt: skip
    return render(request, "linked_data/sparql.html", context, status=status)


def _respond(request: HttpRequest) -> HttpResponse:
    try:
        params = _protocol(request)
    except ProtocolError as exc:
        return _plain(exc.message, exc.status)
    html = _wants_html(request, params)
    if params.query is None:
        if html:
            return render_page(request, None, example=request.GET.get("example"))
        return _description(request, params)
    return _run(request, params, html)


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = _EXPOSED
    return response


@csrf_exempt
def sparql(request: HttpRequest) -> HttpResponse:
    if request.method == "OPTIONS":  # CORS preflight (a sparql-query POST from a browser)
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, Content-Type"
        response["Access-Control-Max-Age"] = "86400"
        return _cors(response)
    with translation.override(_language(request)):
        if request.method in ("GET", "HEAD", "POST"):
            response = _respond(request)
        else:
            response = _plain(_("Use GET or POST."), 405)
            response["Allow"] = "GET, HEAD, POST, OPTIONS"
        response.headers.setdefault("Content-Language", translation.get_language())
    patch_vary_headers(response, ("Accept", "Accept-Language"))
    return _cors(response)


def _language(request: HttpRequest) -> str:
    """``lang`` (query string, or the form) when it names a site language, else Accept-Language
    (this path skips LocaleMiddleware: cms.site.locale)."""
    language = request.GET.get("lang") or (request.POST.get("lang") if _is_form(request) else None)
    if language in dict(settings.LANGUAGES):
        return language
    return translation.get_language_from_request(request)


def _is_form(request) -> bool:
    # Reading POST of a direct query body (application/sparql-query) would consume it.
    return request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded", "multipart/form-data")
