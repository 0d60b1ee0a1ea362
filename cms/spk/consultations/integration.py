"""How consultations appear elsewhere in the members' area: a dashboard section and a digest
source. Registered in apps.py, so the SPK core never imports this app."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cms.spk import feeds, roles

from .models import Consultation, Evaluation

# Digest texts are rendered in both languages at once, so they are marked here and translated late.
OPENED_TITLE = gettext_noop("Consultation opened: %(title)s")
OPENED_SUMMARY = gettext_noop("%(code)s is open for evaluation until %(deadline)s.")
CLOSED_TITLE = gettext_noop("Consultation closed: %(title)s")
CLOSED_SUMMARY = gettext_noop("Conclusion: %(conclusion)s")


def dashboard_section(request, committees) -> dict | None:
    """Open consultations of the shown committees, deadline first, with whether I answered."""
    rows = list(
        Consultation.objects.open().filter(committee__in=committees)
        .select_related("committee", "standard", "programme")
        .annotate(answers=Count("evaluations")).order_by("deadline")
    )
    if not rows:
        return None
    member = roles.member_of(request.user)
    answered = set()
    mine = set(roles.member_committees(request.user).values_list("pk", flat=True))
    if member is not None:
        answered = set(Evaluation.objects.filter(member=member, consultation__in=rows)
                       .values_list("consultation_id", flat=True))
    items = [{"consultation": c, "answered": c.pk in answered, "asks_me": c.committee_id in mine} for c in rows]
    return {"items": items, "is_member": member is not None}


def _in_both_languages(message: str, consultation: Consultation | None = None, **values) -> tuple[str, str]:
    texts = []
    for language in ("lt", "en"):
        with translation.override(language):
            if consultation is not None:
                values["conclusion"] = consultation.get_conclusion_display()
            texts.append(_(message) % values)
    return texts[0], texts[1]


def feed_source(committees, since) -> list[feeds.FeedItem]:
    """Digest events: a consultation opened (with its deadline) and closed (with the conclusion)."""
    items = []
    rows = Consultation.objects.filter(committee__in=committees).select_related("standard", "programme")
    for consultation in rows.filter(opened_at__gt=since):
        url = reverse("spk:consultations:detail", args=[consultation.pk])
        deadline = timezone.localtime(consultation.deadline).strftime("%Y-%m-%d %H:%M")
        title_lt, title_en = _in_both_languages(OPENED_TITLE, title=consultation.title)
        summary_lt, summary_en = _in_both_languages(OPENED_SUMMARY, code=consultation.entity_code, deadline=deadline)
        items.append(feeds.FeedItem(
            key=f"consultation:{consultation.pk}:opened", topic=feeds.TOPIC_CONSULTATIONS,
            committee_id=consultation.committee_id, title_lt=title_lt, title_en=title_en, url=url,
            happened_at=consultation.opened_at, summary_lt=summary_lt, summary_en=summary_en,
        ))
    for consultation in rows.filter(status=Consultation.STATUS_CLOSED, closed_at__gt=since):
        url = reverse("spk:consultations:detail", args=[consultation.pk])
        title_lt, title_en = _in_both_languages(CLOSED_TITLE, title=consultation.title)
        conclusions = _in_both_languages(CLOSED_SUMMARY, consultation)
        items.append(feeds.FeedItem(
            key=f"consultation:{consultation.pk}:closed", topic=feeds.TOPIC_CONSULTATIONS,
            committee_id=consultation.committee_id, title_lt=title_lt, title_en=title_en, url=url,
            happened_at=consultation.closed_at, summary_lt=conclusions[0], summary_en=conclusions[1],
        ))
    return items
