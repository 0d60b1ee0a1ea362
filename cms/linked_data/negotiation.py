"""Content negotiation for dereferenceable URIs: which representation a request gets.

Rules (documented in ontology/MODEL.md, "Dereferencing"):

- ``?format=`` (html, ttl, jsonld, rdf, nt) overrides ``Accept``; an unknown value is a 400.
- Otherwise ``Accept`` decides, q-values honoured, through Django's own parser
  (``HttpRequest.get_preferred_type``). Ties go to the order of :data:`FORMATS`, Turtle first,
  so ``*/*`` or no ``Accept`` at all (curl, scripts) gets Turtle, while browsers, which list
  ``text/html`` at q=1 and ``*/*`` lower, get HTML.
- Media-type parameters other than ``q`` (``application/ld+json;profile=…``) are dropped
  before matching, and a type listed with ``q=0`` is never chosen even when ``*/*`` matches it.
- Nothing acceptable: 406 listing what is available.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.http import HttpRequest
from django.http.request import MediaType


@dataclass(frozen=True)
class Format:
    key: str  # the ?format= value
    media_type: str  # what the response says it is
    rdflib: str | None  # rdflib serializer name (None: HTML, or JSON-LD built by graph.jsonld_context)
    label: str  # shown on alternate-format links
    aliases: tuple[str, ...] = ()  # other Accept types served by this format


HTML = Format("html", "text/html", None, "HTML")
TURTLE = Format("ttl", "text/turtle", "turtle", "Turtle")
JSONLD = Format("jsonld", "application/ld+json", None, "JSON-LD", ("application/json",))
RDFXML = Format("rdf", "application/rdf+xml", "xml", "RDF/XML")
NTRIPLES = Format("nt", "application/n-triples", "nt", "N-Triples")

#: In order of preference when the client has none (ties).
FORMATS: tuple[Format, ...] = (TURTLE, HTML, JSONLD, RDFXML, NTRIPLES)
BY_KEY = {f.key: f for f in FORMATS}


class BadFormat(ValueError):
    """``?format=`` names no format we serve."""


@dataclass(frozen=True)
class Choice:
    format: Format
    media_type: str  # the negotiated type (a format's main type or one of its aliases)


def available_types() -> list[str]:
    return [t for f in FORMATS for t in (f.media_type, *f.aliases)]


def negotiate(request: HttpRequest) -> Choice | None:
    """The representation to send, or None when nothing acceptable (→ 406).

    Raises :class:`BadFormat` for an unknown ``?format=``.
    """
    key = request.GET.get("format")
    if key is not None:
        if key not in BY_KEY:
            raise BadFormat(key)
        return Choice(BY_KEY[key], BY_KEY[key].media_type)
    return _from_accept(request.headers.get("Accept", "").strip() or "*/*")


@lru_cache(maxsize=256)
def _from_accept(header: str) -> Choice | None:
    """The choice for an ``Accept`` header; clients send the same few headers, so it is cached
    (parsing and matching took ≈ 0.1 ms a request)."""
    ranges = _ranges(header)
    offered = [t for t in available_types() if not _refused(t, ranges)]
    cleaned = ", ".join(str(r) for r in ranges if r.quality > 0)
    probe = HttpRequest()
    probe.META["HTTP_ACCEPT"] = cleaned
    chosen = probe.get_preferred_type(offered) if offered and cleaned else None
    if chosen is None:
        return None
    return Choice(next(f for f in FORMATS if chosen in (f.media_type, *f.aliases)), chosen)


def _ranges(header: str) -> list[MediaType]:
    """The header's media ranges, without parameters other than q."""
    ranges = []
    for token in header.split(","):
        media = MediaType(token)
        if not media.main_type or not media.sub_type:
            continue  # not a media range at all: ignored, as Django does
        q = media.params.get("q")
        name = f"{media.main_type}/{media.sub_type}".lower()
        ranges.append(MediaType(name if q is None else f"{name};q={q}"))
    return ranges


def _refused(media_type: str, ranges: list[MediaType]) -> bool:
    """Whether the most specific range matching ``media_type`` has q=0 (RFC 9110, 12.5.1)."""
    matching = [r for r in ranges if MediaType(media_type).match(r)]
    if not matching:
        return False
    return max(matching, key=lambda r: r.specificity).quality == 0
