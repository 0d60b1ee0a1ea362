"""?sector=S08: pages about one SPK's sector (tagged news and events, the committee page and
everything under it, such as its meetings); and a check of ?search_operator= before Wagtail's
search runs (an unknown operator raised a ValueError there: a 500); and checks of every
parameter PostgreSQL would refuse (SafeQueryParamsMixin)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError

from cms.committees.models import CommitteePage
from cms.news.models import EventSector, NewsSector

MAX_OFFSET = 2**31 - 1  # far past any real page; PostgreSQL's OFFSET stops at 2**63 - 1


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


class SafeQueryParamsMixin:
    """Parameters PostgreSQL would refuse with a DataError (a 500), refused here first as a 400:
    a NUL in any value (?site=, ?locale=, ?sector=, ?search= reach text comparisons), and an
    ?offset= or ?limit= past MAX_OFFSET (Wagtail's paginator puts them in OFFSET/LIMIT, which
    PostgreSQL refuses past a 64-bit integer)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise BadRequestError(_("A query parameter contains a null character."))
        for name in ("offset", "limit"):
            value = request.GET.get(name, "").strip()
            if value.isdecimal() and (len(value) > len(str(MAX_OFFSET)) or int(value) > MAX_OFFSET):
                raise BadRequestError(_("%(name)s is too large (at most %(max)s).") % {"name": name, "max": MAX_OFFSET})
