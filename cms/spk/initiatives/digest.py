"""The digest's view of initiatives: one item when an initiative is proposed and one per
status it reaches (each status is reached at most once, so keys never repeat)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from cms.spk.feeds import TOPIC_INITIATIVES, FeedItem

from .models import Initiative, InitiativeStatusChange


def _in_both_languages(render) -> tuple[str, str]:
    with translation.override("lt"):
        lt = render()
    with translation.override("en"):
        en = render()
    return lt, en


def initiative_events(committees, since) -> list[FeedItem]:
    items: list[FeedItem] = []
    proposed = Initiative.objects.filter(committee__in=committees, created_at__gt=since)
    for initiative in proposed:
        lt, en = _in_both_languages(lambda i=initiative: _("New initiative: %(title)s") % {"title": i.title})
        items.append(FeedItem(
            key=f"initiative:{initiative.pk}:proposed", topic=TOPIC_INITIATIVES,
            committee_id=initiative.committee_id, title_lt=lt, title_en=en,
            url=reverse("spk:initiatives:detail", args=[initiative.pk]), happened_at=initiative.created_at,
        ))
    changes = (InitiativeStatusChange.objects.filter(initiative__committee__in=committees, changed_at__gt=since)
               .select_related("initiative"))
    for change in changes:
        def title(c=change):
            return _("Initiative “%(title)s” is now %(status)s") % {
                "title": c.initiative.title, "status": c.get_to_status_display()}
        lt, en = _in_both_languages(title)
        items.append(FeedItem(
            key=f"initiative:{change.initiative_id}:status:{change.to_status}", topic=TOPIC_INITIATIVES,
            committee_id=change.initiative.committee_id, title_lt=lt, title_en=en,
            url=reverse("spk:initiatives:detail", args=[change.initiative_id]), happened_at=change.changed_at,
            summary_lt=change.note, summary_en=change.note,
        ))
    return items
