"""Page-number pagination: ``count`` (total), ``next``/``previous`` links, ``results``.

Page numbers suit a register of some thousand entities sorted by code, and give a total that
harvesters use to check completeness. ``page_size`` defaults to 20 and is capped at 100 (a
larger value is clamped, as DRF does); a malformed ``page`` or ``page_size`` is a 400 naming the
parameter, a page past the end a 404. The links also go in an RFC 8288 ``Link`` header, so a
JSON-LD client can page without reading the body.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response


def _positive_int(value: str) -> bool:
    return value.isascii() and value.isdigit() and len(value) <= 9 and int(value) > 0


class ApiPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        page = request.query_params.get(self.page_query_param)
        if page is not None and page not in self.last_page_strings and not _positive_int(page):
            raise ValidationError(
                {self.page_query_param: [_("A page number is a positive integer or “last”.")]}
            )
        size = request.query_params.get(self.page_size_query_param)
        if size is not None and not _positive_int(size):
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("A page size is a positive integer (at most %(max)s are returned).")
                        % {"max": self.max_page_size}
                    ]
                }
            )
        return super().paginate_queryset(queryset, request, view)

    def link_header(self) -> str:
        links = [(self.get_next_link(), "next"), (self.get_previous_link(), "prev")]
        return ", ".join(f'<{url}>; rel="{rel}"' for url, rel in links if url)

    def get_paginated_response(self, data):
        response = Response(
            {
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )
        if self.link_header():
            response["Link"] = self.link_header()
        return response
