"""The news source of the digest: live public NewsPages about a committee's sector, i.e. under
that sector's CommitteePage or tagged with the sector. A page and its translations are one
item, keyed by the first page of the group ("news:<id>"), so an English translation published
later is not news again."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.text import Truncator

from cms.spk import feeds

SUMMARY_WORDS = 40


@dataclass(frozen=True)
class NewsFeedItem(feeds.FeedItem):
    url_en: str = ""  # the English translation's page, when there is one

    def link(self, language: str) -> str:
        return self.url_en if language == "en" and self.url_en else self.url


def _summary(page) -> str:
    return Truncator(strip_tags(page.intro or "").strip()).words(SUMMARY_WORDS)


def _sector_news(sector_id: int, since: datetime.datetime):
    from cms.committees.models import CommitteePage
    from cms.news.models import NewsPage

    about_sector = Q(sector_tags__sector_id=sector_id)
    for committee_page in CommitteePage.objects.filter(sector_id=sector_id):
        about_sector |= NewsPage.objects.descendant_of_q(committee_page)
    return NewsPage.objects.live().public().filter(about_sector, first_published_at__gt=since).distinct()


def _item(committee_id: int, page) -> NewsFeedItem:
    from cms.news.models import NewsPage

    group = NewsPage.objects.filter(translation_key=page.translation_key).select_related("locale")
    first_id = min(p.pk for p in group)
    live = {p.locale.language_code: p for p in group if p.live}
    lt, en = live.get("lt", page), live.get("en")
    return NewsFeedItem(
        key=f"news:{first_id}", topic=feeds.TOPIC_NEWS, committee_id=committee_id,
        title_lt=lt.title, title_en=en.title if en else "",
        url=lt.get_full_url() or "", url_en=(en.get_full_url() or "") if en else "",
        happened_at=page.first_published_at,
        summary_lt=_summary(lt), summary_en=_summary(en) if en else "",
    )


def news_items(committees: Iterable, since: datetime.datetime) -> list[NewsFeedItem]:
    items: list[NewsFeedItem] = []
    for committee in committees:
        if not committee.sector_id:
            continue  # the chairs' committee has no sector and so no sector news
        seen: set[str] = set()
        for page in _sector_news(committee.sector_id, since).order_by("first_published_at", "pk"):
            item = _item(committee.pk, page)
            if item.key not in seen:
                seen.add(item.key)
                items.append(item)
    return items
