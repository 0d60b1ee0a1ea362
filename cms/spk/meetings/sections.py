"""The dashboard's and committee page's section: the committees' upcoming meetings."""

from __future__ import annotations

from django.utils import timezone

from .models import Meeting

UPCOMING_SHOWN = 10


def upcoming_meetings(request, committees) -> dict | None:
    meetings = list(
        Meeting.objects.filter(committee__in=committees, ends_at__gte=timezone.now())
        .select_related("committee", "committee__sector").order_by("starts_at")[:UPCOMING_SHOWN]
    )
    return {"meetings": meetings}
