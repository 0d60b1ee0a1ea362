"""?sector=S08: pages about one SPK's sector (tagged news and events, the committee page and
everything under it, such as its meetings)."""

from __future__ import annotations

from django.db.models import Q
from rest_framework.filters import BaseFilterBackend

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
