"""The meetings' source for the members' digest (cms.spk.feeds): a meeting scheduled, new
materials shared, minutes approved. Keys are stable per event so nothing is sent twice."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.spk.feeds import TOPIC_MEETINGS, FeedItem

from .models import Meeting, MeetingMaterial


def _both(text_fn) -> tuple[str, str]:
    """(Lithuanian, English) of a message built under each language."""
    with translation.override("lt"):
        lt = text_fn()
    with translation.override("en"):
        en = text_fn()
    return lt, en


def _when(meeting: Meeting) -> str:
    return f"{timezone.localtime(meeting.starts_at):%Y-%m-%d %H:%M}"


def _item(meeting: Meeting, event: str, happened_at, title_fn, summary_fn=lambda: "") -> FeedItem:
    title_lt, title_en = _both(title_fn)
    summary_lt, summary_en = _both(summary_fn)
    return FeedItem(
        key=f"meeting:{meeting.pk}:{event}", topic=TOPIC_MEETINGS, committee_id=meeting.committee_id,
        title_lt=title_lt, title_en=title_en, url=reverse("spk:meetings:detail", args=[meeting.pk]),
        happened_at=happened_at, summary_lt=summary_lt, summary_en=summary_en,
    )


def meeting_items(committees, since: datetime.datetime) -> list[FeedItem]:
    items: list[FeedItem] = []
    meetings = Meeting.objects.filter(committee__in=committees).select_related("committee")
    for meeting in meetings.filter(created_at__gt=since).exclude(status=Meeting.STATUS_CANCELLED):
        items.append(_item(
            meeting, "scheduled", meeting.created_at,
            lambda m=meeting: _("Meeting scheduled: %(title)s") % {"title": m.title},
            lambda m=meeting: _("%(when)s, %(place)s") % {"when": _when(m), "place": m.place or m.online_url},
        ))
    approved = meetings.filter(minutes_approved_at__gt=since,
                               minutes_status__in=[Meeting.MINUTES_APPROVED, Meeting.MINUTES_PUBLISHED])
    for meeting in approved:
        items.append(_item(
            meeting, "minutes", meeting.minutes_approved_at,
            lambda m=meeting: _("Minutes approved: %(title)s") % {"title": m.title},
        ))
    shared = MeetingMaterial.objects.filter(meeting__in=meetings, shared_at__gt=since).select_related("meeting")
    for material in shared:
        # One item per shared file: a second batch of materials is news too.
        item = _item(
            material.meeting, f"materials:{material.pk}", material.shared_at,
            lambda m=material.meeting: _("New material for the meeting: %(title)s") % {"title": m.title},
            lambda doc=material: doc.title,
        )
        items.append(item)
    return items
