"""?sector=S08: pages about one SPK's sector (tagged news and events, the committee page and
everything under it, such as its meetings); and a check of ?search_operator= before Wagtail's
search runs (an unknown operator raised a ValueError there: a 500)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError

from cms.committees.models import CommitteePage
from cms.news.models import EventSector, NewsSector


class SectorFilter(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        code = request.GET.get("sector")
        if code is None:
            return queryset
        tagged = {
            *NewsSector.objects.filter(sector__code=code).values_list("page_id", flat=True),
            *EventSector.objects.filter(sector__code=code).values_list("page_id", flat=True),
        }
        condition = Q(pk__in=tagged)
        for path in CommitteePage.objects.filter(sector__code=code).values_list("path", flat=True):
            condition |= Q(path__startswith=path)
        return queryset.filter(condition)


SEARCH_OPERATORS = ("and", "or")


class SearchOperatorCheck(BaseFilterBackend):
    """Place before Wagtail's SearchFilter: a BadRequestError becomes a 400 with the message."""

    def filter_queryset(self, request, queryset, view):
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError(
                _("search_operator must be “and” or “or”, got “%(value)s”.") % {"value": operator[:40]}
            )
        return queryset


class NulFreeQueryMixin:
    """A NUL in ?site=, ?locale=, ?sector= or ?search= reached PostgreSQL, which refuses it in
    a text comparison (a DataError: a 500). Refused here first, for every parameter."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise BadRequestError(_("A query parameter contains a null character."))
