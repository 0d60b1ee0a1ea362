"""iCalendar export: one meeting, or a personal feed of every meeting of the user's committees.

UIDs are derived from the meeting id and the site's host, never from the request, so a
calendar that imports the event twice updates it instead of duplicating it."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseNotFound
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from cms.spk import roles

from .models import Meeting
from .views import meeting_for

FEED_HISTORY = datetime.timedelta(days=366)  # the personal feed keeps a year of past meetings
FEED_SALT = "spk-meetings-feed"


def meeting_uid(meeting: Meeting) -> str:
    host = urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").hostname or "kpmpc.lt"
    return f"spk-meeting-{meeting.pk}@{host}"


def meeting_event(request, meeting: Meeting) -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", timezone.localtime(meeting.starts_at))
    event.add("dtend", timezone.localtime(meeting.ends_at))
    event.add("summary", f"{meeting.title} — {meeting.committee.name}")
    location = meeting.place or meeting.online_url
    if location:
        event.add("location", location)
    url = request.build_absolute_uri(meeting.get_absolute_url())
    event.add("url", url)
    description = [meeting.agenda.strip()]
    if meeting.online_url:
        description.append(_("Online meeting link: %(url)s") % {"url": meeting.online_url})
    description.append(url)
    event.add("description", "\n\n".join(part for part in description if part))
    event.add("status", "CANCELLED" if meeting.status == Meeting.STATUS_CANCELLED else "CONFIRMED")
    return event


def calendar_response(request, meetings, filename: str) -> HttpResponse:
    calendar = Calendar()
    calendar.add("prodid", "-//KPMPC//SPK meetings//LT")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("SPK meetings"))
    for meeting in meetings:
        calendar.add_component(meeting_event(request, meeting))
    starts = [timezone.localtime(meeting.starts_at).date() for meeting in meetings]
    if starts:
        calendar.add_missing_timezones(first_date=min(starts) - datetime.timedelta(days=366),
                                       last_date=max(starts) + datetime.timedelta(days=366))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def meeting_ics(request, pk: int):
    meeting = meeting_for(request, pk)
    return calendar_response(request, [meeting], f"spk-meeting-{meeting.pk}.ics")


def _feed(request, user) -> HttpResponse:
    meetings = list(
        Meeting.objects.filter(committee__in=roles.visible_committees(user),
                               starts_at__gte=timezone.now() - FEED_HISTORY)
        .select_related("committee", "committee__sector").order_by("starts_at")
    )
    return calendar_response(request, meetings, "spk-meetings.ics")


@login_required
def calendar_feed(request):
    return _feed(request, request.user)


def _feed_key(user) -> str:
    # Bound to the password hash, like Django's reset tokens: changing the password (or
    # setting the first one) gives a new address and kills a leaked one.
    return salted_hmac(FEED_SALT, f"{user.pk}:{user.password}").hexdigest()[:32]


def feed_token(user) -> str:
    """The secret address of a user's feed, for calendar apps that cannot log in (as Google's
    and Outlook's "secret address in iCal format"). What it lists is worked out per request, so
    a member whose term ends sees the feed empty out; it never carries materials or minutes."""
    return f"{user.pk}-{_feed_key(user)}"


def subscribed_feed(request, token: str):
    user_pk, _sep, key = token.partition("-")
    user = None
    if user_pk.isascii() and user_pk.isdigit() and len(user_pk) < 19:
        user = get_user_model().objects.filter(pk=int(user_pk), is_active=True).first()
    if user is None or not constant_time_compare(key, _feed_key(user)):
        return HttpResponseNotFound(_("This calendar address is not valid."), content_type="text/plain; charset=utf-8")
    return _feed(request, user)
