"""Responses of the dereferencing views: the body in the negotiated format and the headers
every representation carries (Vary: Accept, Link to the alternates, CORS on RDF, ETag, HEAD).

No Last-Modified: a description includes the labels of the resources it links to, so the
entity's own ``dcterms:modified`` is not the representation's; the ETag (a hash of the body)
is exact.
"""

from __future__ import annotations

import hashlib
from http import HTTPStatus

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.encoding import escape_uri_path
from django.utils.http import quote_etag
from django.utils.translation import gettext as _
from rdflib import Graph, URIRef

from cms.registry.graph_store import linked_data_base
from graph.jsonld_context import context_url, to_jsonld
from graph.native_description import to_graph
from graph.serialize import serialize, write, write_jsonld
from ontology.namespaces import PREFIXES

from .negotiation import FORMATS, HTML, JSONLD, Choice, Format, available_types
from .ontology_page import ontology_page
from .resource_page import PageBuilder

FORMAT_KEYS = [f.key for f in FORMATS]
CACHE_SECONDS = 300
_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def page_language(request: HttpRequest) -> str:
    """``?lang=`` when it names a site language, else Accept-Language (Lithuanian by default)."""
    lang = request.GET.get("lang", "")
    if lang in dict(settings.LANGUAGES):
        return lang
    return translation.get_language_from_request(request)


def describe(
    request: HttpRequest,
    choice: Choice,
    description: Graph,
    subject: URIRef,
    *,
    status: int,
    ontology: bool = False,
) -> HttpResponse:
    """``description`` of ``subject`` in the chosen format, with ``status`` (200, or 410 when withdrawn)."""
    base = linked_data_base()
    fmt = choice.format
    if fmt is HTML:
        body = _page(request, description, subject, status=status, ontology=ontology)
    elif fmt is JSONLD:
        body = to_jsonld(description, base=base, first=subject)
    else:
        body = serialize(description, fmt.rdflib)
    return conditional(request, _respond(request, choice, body, status))


def describe_triples(
    request: HttpRequest, choice: Choice, triples: list, subject: URIRef, *, status: int
) -> HttpResponse:
    """:func:`describe` for a description as pyoxigraph triples (graph.native_description):
    RDF formats are written from them directly; only the HTML page needs an rdflib graph.
    The answer is whole (before :func:`conditional`), so it can be cached (id_cache)."""
    fmt = choice.format
    if fmt is HTML:
        body = _page(request, to_graph(triples), subject, status=status, ontology=False)
    elif fmt is JSONLD:
        body = write_jsonld(triples, base=linked_data_base(), first=str(subject))
    else:
        body = write(triples, fmt.rdflib, _PREFIXES)
    return _respond(request, choice, body, status)


def _page(request: HttpRequest, description: Graph, subject: URIRef, *, status: int, ontology: bool) -> bytes:
    base = linked_data_base()
    lang = translation.get_language()
    builder = PageBuilder(description, lang=lang, base=base)
    page = ontology_page(builder, subject) if ontology else builder.page(subject)
    context = {
        "page": page,
        "lang": lang,
        "withdrawn": status == HTTPStatus.GONE,
        "alternates": _alternates(request),
        "languages": [(code, name) for code, name in settings.LANGUAGES if code != lang],
        "context_url": context_url(base),
        "ontology": ontology,
    }
    return render_to_string("linked_data/resource.html", context, request=request).encode("utf-8")


def _content_type(choice: Choice) -> str:
    fmt: Format = choice.format
    if fmt is JSONLD:
        return choice.media_type  # application/ld+json, or application/json when asked for
    return fmt.media_type + ("; charset=utf-8" if fmt.media_type.startswith("text/") else "")


def _respond(request: HttpRequest, choice: Choice, body: bytes, status: int) -> HttpResponse:
    """The answer with every header, ETag included; not yet :func:`conditional`."""
    fmt = choice.format
    # RDF holds every language: only the HTML page is in one.
    language = translation.get_language() if fmt is HTML else ""
    response = HttpResponse(body, status=status, content_type=_content_type(choice))
    response["Link"] = _link_header(request)
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    if language:
        response["Content-Language"] = language
    if fmt is not HTML:
        response["Access-Control-Allow-Origin"] = "*"  # open data, readable from any web page
        response["Access-Control-Expose-Headers"] = "Link, ETag"
    return _label(response, vary=True, etag=True)


def problem(request: HttpRequest, status: int, message: str, choice: Choice | None) -> HttpResponse:
    """An error as a short HTML page for browsers, plain text for everything else."""
    if choice is not None:
        wants_html = choice.format is HTML
    else:
        wants_html = request.get_preferred_type(["text/plain", "text/html"]) == "text/html"
    if wants_html:
        context = {
            "status": status,
            "reason": _reason(status),
            "message": message,
            "lang": translation.get_language(),
        }
        body = render_to_string("linked_data/resource_error.html", context, request=request)
        response = HttpResponse(body, status=status, content_type="text/html; charset=utf-8")
    else:
        response = HttpResponse(f"{message}\n", status=status, content_type="text/plain; charset=utf-8")
    response["Content-Language"] = translation.get_language()
    return finish(request, response)


def not_acceptable(request: HttpRequest) -> HttpResponse:
    """406 listing every media type on offer, one per line after the message."""
    types = available_types()
    message = _("None of the media types in the Accept header is available. Available media types:")
    response = HttpResponse(
        "\n".join([message, *types]) + "\n", status=406, content_type="text/plain; charset=utf-8"
    )
    response["Link"] = _link_header(request)
    response["Content-Language"] = translation.get_language()
    return finish(request, response)


def finish(
    request: HttpRequest, response: HttpResponse, *, vary: bool = True, etag: bool = False
) -> HttpResponse:
    return conditional(request, _label(response, vary=vary, etag=etag))


def _label(response: HttpResponse, *, vary: bool, etag: bool) -> HttpResponse:
    if vary:  # the format by Accept; the page and messages by Accept-Language (page_language)
        patch_vary_headers(response, ("Accept", "Accept-Language"))
    if etag:
        response["ETag"] = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
    return response


def conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """The answer to this request: 304 when If-None-Match has the ETag of a 200; no body on HEAD."""
    if response.status_code == HTTPStatus.OK and response.has_header("ETag"):
        response = get_conditional_response(request, etag=response["ETag"], response=response)
    if request.method == "HEAD":
        response["Content-Length"] = str(len(response.content))
        response.content = b""
    return response


def _alternates(request: HttpRequest) -> list[tuple[str, str, str]]:
    """(label, media type, href) of every format of this resource."""
    path = escape_uri_path(request.path)  # a code may hold anything, a newline too: never raw in a header
    return [(f.label, f.media_type, f"{path}?format={f.key}") for f in FORMATS]


def _link_header(request: HttpRequest) -> str:
    return ", ".join(f'<{href}>; rel="alternate"; type="{media}"' for _l, media, href in _alternates(request))


def _reason(status: int) -> str:
    reasons = {
        400: _("Bad request"),
        404: _("Not found"),
        406: _("Not acceptable"),
        410: _("Gone"),
        503: _("Service unavailable"),
    }
    return reasons.get(status, HTTPStatus(status).phrase)
