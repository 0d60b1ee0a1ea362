"""The digest e-mail: one message per member and run, plain text and HTML, in the member's
language, items grouped by committee and topic, every link absolute, and an unsubscribe link
that works without logging in (also as the List-Unsubscribe header, RFC 2369/8058)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cms.spk import feeds
from cms.spk.models import Committee, Member

from .tokens import unsubscribe_token

TOPIC_LABELS = {
    feeds.TOPIC_NEWS: _("News"),
    feeds.TOPIC_MEETINGS: _("Meetings"),
    feeds.TOPIC_CONSULTATIONS: _("Consultations"),
    feeds.TOPIC_INITIATIVES: _("Initiatives"),
}


def absolute(url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/" + url.lstrip("/")


def item_link(item: feeds.FeedItem, language: str) -> str:
    link = item.link(language) if hasattr(item, "link") else item.url
    return absolute(link)


def unsubscribe_url(member: Member) -> str:
    return absolute(reverse("spk:digests:unsubscribe", args=[unsubscribe_token(member)]))


def grouped(items: Iterable[feeds.FeedItem], language: str) -> list[dict]:
    """[{committee, topics: [{label, entries: [{title, summary, url, date}]}]}] in a stable order."""
    items = list(items)
    committees = Committee.objects.in_bulk({item.committee_id for item in items})
    groups = []
    for committee in sorted(committees.values(), key=lambda c: (c.kind, c.code)):
        topics = []
        for topic in feeds.TOPICS:
            entries = [
                {"title": item.title(language), "summary": item.summary(language),
                 "url": item_link(item, language), "date": item.happened_at}
                for item in items if item.committee_id == committee.pk and item.topic == topic
            ]
            if entries:
                topics.append({"label": TOPIC_LABELS[topic], "entries": entries})
        groups.append({"committee": committee, "topics": topics})
    return groups


def digest_message(member: Member, items: list[feeds.FeedItem], connection=None) -> EmailMultiAlternatives:
    language = member.preferred_language or settings.LANGUAGE_CODE
    unsubscribe = unsubscribe_url(member)
    with translation.override(language):
        context = {
            "member": member, "count": len(items), "groups": grouped(items, language),
            "unsubscribe_url": unsubscribe,
            "manage_url": absolute(reverse("spk:digests:subscriptions") + f"?lang={language}"),
            "members_url": absolute(reverse("spk:dashboard")),
        }
        subject = ngettext("KPMPC SPK: %(count)d news item", "KPMPC SPK: %(count)d news items",
                           len(items)) % {"count": len(items)}
        text = render_to_string("spk_digests/email/digest.txt", context)
        html = render_to_string("spk_digests/email/digest.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=[member.email], connection=connection,
        headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                 "Auto-Submitted": "auto-generated", "Content-Language": language},
    )
    message.attach_alternative(html, "text/html")
    return message
