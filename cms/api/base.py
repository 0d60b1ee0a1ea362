"""What every API view shares: read-only, published data, formats, language, CORS, errors."""

from __future__ import annotations

from django.http import Http404
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from cms.registry.graph_store import linked_data_base
from graph.uris import entity_uri

from . import jsonld
from .language import LANGUAGES, requested_language
from .pagination import ApiPagination
from .renderers import JSONLDRenderer

#: Documented on every operation (drf-spectacular).
COMMON_PARAMETERS = [
    OpenApiParameter(
        "lang",
        OpenApiTypes.STR,
        enum=list(LANGUAGES),
        description=gettext_lazy(
            "Language of `name` and other localised fields (default: "
            "Accept-Language, else lt). Both languages are always in `names`."
        ),
    ),
    OpenApiParameter(
        "format",
        OpenApiTypes.STR,
        enum=["json", "jsonld"],
        description=gettext_lazy(
            "json (default) or jsonld (the linked-data description, same as Accept: application/ld+json)."
        ),
    ),
]


class ApiSchema(AutoSchema):
    """drf-spectacular, set on the views themselves so no project setting is needed."""

    def get_override_parameters(self):
        return [*super().get_override_parameters(), *COMMON_PARAMETERS]

    def get_summary(self):
        noun = self.view.basename
        if self._is_list_view():
            return f"List published {noun}s"
        return f"One published {noun} by code"


class ApiViewSet(viewsets.ReadOnlyModelViewSet):
    """GET/HEAD/OPTIONS only (other methods → 405), JSON or JSON-LD, open to every origin."""

    type_slug: str
    detail_serializer_class = None
    lookup_field = "code"
    lookup_url_kwarg = "code"
    lookup_value_regex = r"[A-Za-z0-9-]{1,32}"
    permission_classes = [AllowAny]
    authentication_classes: list = []  # public data: no sessions, so a write is a 405, not a CSRF 403
    renderer_classes = [JSONRenderer, JSONLDRenderer, BrowsableAPIRenderer]
    filter_backends = [DjangoFilterBackend]
    pagination_class = ApiPagination
    schema = ApiSchema()

    # --- request handling --------------------------------------------------------

    def dispatch(self, request, *args, **kwargs):
        previous = translation.get_language()
        try:
            return super().dispatch(request, *args, **kwargs)
        finally:
            translation.activate(previous)  # the language chosen here ends with the request

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.language = requested_language(request)
        translation.activate(self.language)

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except Http404 as exc:  # DRF's answer to an unknown ?format=
            raise ValidationError(
                {"format": [_("Unknown format; use json or jsonld (or the Accept header).")]}
            ) from exc

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Accept, Accept-Language"
        response["Access-Control-Expose-Headers"] = "Link, Content-Language"
        response["Content-Language"] = getattr(self, "language", translation.get_language())
        patch_vary_headers(response, ("Accept", "Accept-Language"))
        return response

    def filter_queryset(self, queryset):
        if self.action == "retrieve":  # filters narrow lists; a code names one resource
            return queryset
        return super().filter_queryset(queryset)

    def get_serializer_class(self):
        if self.action == "retrieve" and self.detail_serializer_class:
            return self.detail_serializer_class
        return self.serializer_class

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "lang": getattr(self, "language", "lt")}

    # --- JSON or JSON-LD ---------------------------------------------------------

    def wants_jsonld(self) -> bool:
        return getattr(self.request, "accepted_renderer", None) is not None and (
            self.request.accepted_renderer.format == JSONLDRenderer.format
        )

    def uri_of(self, obj) -> str:
        return str(entity_uri(linked_data_base(), self.type_slug, obj.code))

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        if self.wants_jsonld():
            return self._jsonld_page(request, page)
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        if self.wants_jsonld():
            return Response(jsonld.entity_document(self.uri_of(obj)))
        return Response(self.get_serializer(obj).data)

    def _jsonld_page(self, request, page) -> Response:
        paginator = self.paginator
        url = request.build_absolute_uri()
        document = jsonld.collection_document(
            [self.uri_of(obj) for obj in page],
            collection=remove_query_param(url, paginator.page_query_param),
            page=replace_query_param(url, paginator.page_query_param, paginator.page.number),
            count=paginator.page.paginator.count,
            next_page=paginator.get_next_link(),
            previous_page=paginator.get_previous_link(),
        )
        response = Response(document)
        if paginator.link_header():
            response["Link"] = paginator.link_header()
        return response
