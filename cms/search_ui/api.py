"""`/api/v1/search`, `/api/v1/search/autocomplete`, `/api/v1/search/related` (public: the index
holds published entities only, and pages come from live public pages)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.api.language import LANGUAGES, requested_language
from cms.registry.graph_store import linked_data_base
from graph.uris import entity_uri
from search.backends import DocumentNotFound, SearchUnavailable
from search.backends.base import MAX_AUTOCOMPLETE, MAX_RELATED
from search.document import DOCUMENT_TYPES
from search.query import FACETS, MAX_PAGE_SIZE, SORTS, InvalidQuery

from .backend import search_backend
from .params import PAGE_TYPE, TYPES, InvalidParams, parse_search
from .searching import registry_hit, run_search


class Unavailable(APIException):
    status_code = 503
    default_detail = "Search is temporarily unavailable; try again shortly."


def _facet_param(name: str) -> OpenApiParameter:
    extra = {"enum": list(TYPES)} if name == "type" else {}
    return OpenApiParameter(
        name,
        OpenApiTypes.STR,
        many=True,
        explode=True,
        description=(
            f"Filter by {name}; repeat (or separate by commas) for several values: OR within a facet, "
            "AND across facets. Unknown values match nothing and are listed with count 0."
        ),
        **extra,
    )


SEARCH_PARAMETERS = [
    OpenApiParameter(
        "q",
        OpenApiTypes.STR,
        description="Words in Lithuanian or English; diacritics, case and "
        "small typos do not matter; no query syntax (quotes, *, AND… are plain characters). "
        "Empty: browse everything. At most 10,000 characters (the first 1,000 are searched).",
    ),
    *(_facet_param(name) for name in FACETS),
    OpenApiParameter(
        "multi_sector", OpenApiTypes.BOOL, description="Only documents in more than one sector."
    ),
    OpenApiParameter("sort", OpenApiTypes.STR, enum=sorted(SORTS), description="Default relevance."),
    OpenApiParameter("page", OpenApiTypes.INT, description="From 1; a page past the end has no hits."),
    OpenApiParameter("page_size", OpenApiTypes.INT, description=f"1–{MAX_PAGE_SIZE}, default 20."),
    OpenApiParameter("lang", OpenApiTypes.STR, enum=list(LANGUAGES), description="Labels and name sort."),
]


class SearchApiView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    renderer_classes = [JSONRenderer]
    schema = AutoSchema()  # drf-spectacular, set on the view as cms/api does (no project setting)

    def handle_exception(self, exc):
        if isinstance(exc, InvalidParams):
            exc = ValidationError(exc.errors)
        elif isinstance(exc, InvalidQuery):
            exc = ValidationError({"detail": [str(exc)]})
        elif isinstance(exc, DocumentNotFound):
            exc = NotFound(str(exc))
        elif isinstance(exc, SearchUnavailable):
            exc = Unavailable()
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response


@extend_schema(
    summary="Search qualifications, standards, programmes, modules, sectors and pages",
    description=(
        "Registry documents come from the search index; editorial pages from Wagtail's search. "
        "Their scores are not comparable: registry hits come first (in `sort` order), then pages "
        "(Wagtail relevance, or title without `q`); `total` and pagination cover both. Any filter "
        "other than `type` (or `multi_sector`) excludes pages. Each facet is counted under all "
        "filters but its own; `highlights` hold escaped HTML with `<mark>`."
    ),
    parameters=SEARCH_PARAMETERS,
    responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT, 503: OpenApiTypes.OBJECT},
)
class SearchView(SearchApiView):
    def get(self, request):
        lang = requested_language(request)
        found = run_search(parse_search(request.query_params, lang))
        return Response({**found, "hits": [_absolute(request, h) for h in found["hits"]]})


@extend_schema(
    summary="Names and codes starting with what was typed (registry documents)",
    parameters=[
        OpenApiParameter("q", OpenApiTypes.STR, description="Typed text; the last word is a prefix."),
        OpenApiParameter("limit", OpenApiTypes.INT, description=f"1–{MAX_AUTOCOMPLETE}, default 10."),
        OpenApiParameter("type", OpenApiTypes.STR, many=True, explode=True, enum=list(DOCUMENT_TYPES)),
    ],
    responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
)
class AutocompleteView(SearchApiView):
    def get(self, request):
        limit = _limit(request, 10)
        types = [t for raw in request.query_params.getlist("type") for t in raw.split(",") if t]
        found = search_backend().autocomplete(
            request.query_params.get("q", "")[:200], limit=limit, types=types
        )
        return Response(
            {
                "suggestions": [
                    {"uri": s.id, "type": s.type, "code": s.code, "name_lt": s.name_lt, "name_en": s.name_en}
                    for s in found
                ]
            }
        )


@extend_schema(
    summary="Qualifications of other sectors sharing competences, units or modules",
    description="Ranked by the number of shared items; each hit lists what is shared. 404: not indexed.",
    parameters=[
        OpenApiParameter("code", OpenApiTypes.STR, description="Qualification code (or give `uri`)."),
        OpenApiParameter("uri", OpenApiTypes.URI, description="Qualification URI."),
        OpenApiParameter("limit", OpenApiTypes.INT, description=f"1–{MAX_RELATED}, default 20."),
    ],
    responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT},
)
class RelatedView(SearchApiView):
    def get(self, request):
        uri = related_uri(request.query_params)
        found = search_backend().related_in_other_sectors(uri, limit=_limit(request, 20))
        return Response({"uri": uri, "related": [related_json(r) for r in found]})


def related_uri(params) -> str:
    code, uri = params.get("code", "").strip(), params.get("uri", "").strip()
    if bool(code) == bool(uri):
        raise InvalidParams({"code": [_("Give either code or uri.")]})
    if uri:
        return uri[:500]
    try:
        return str(entity_uri(linked_data_base(), "qualification", code))
    except ValueError as exc:
        raise InvalidParams({"code": [_("Not a valid code.")]}) from exc


def related_json(r) -> dict:
    return {
        "uri": r.id,
        "code": r.code,
        "name_lt": r.name_lt,
        "name_en": r.name_en,
        "sectors": list(r.sectors),
        "ltks_level": r.ltks_level,
        "overlap": r.overlap,
        "shared": [
            {"kind": s.kind, "uri": s.id, "code": s.code, "name_lt": s.name_lt, "name_en": s.name_en}
            for s in r.shared
        ],
    }


def _limit(request, default: int) -> int:
    raw = request.query_params.get("limit", "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit() and len(raw) < 6):
        raise InvalidParams({"limit": [_("Must be a whole number.")]})
    return int(raw)


def _absolute(request, hit: dict) -> dict:
    if hit["url"].startswith("/"):
        return {**hit, "url": request.build_absolute_uri(hit["url"])}
    return hit


__all__ = ["AutocompleteView", "RelatedView", "SearchView", "PAGE_TYPE", "registry_hit"]
