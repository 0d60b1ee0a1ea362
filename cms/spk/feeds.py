"""What members hear about: each SPK app registers a source of items (new meetings, minutes,
consultations, news…) and the digest app asks all of them, so the digest never imports them.

A source is called as source(committees, since) and returns FeedItems that happened after
`since` in those committees. `key` is stable per item and event ("meeting:12:scheduled"):
the digest records it per member, which is how nothing is sent twice."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class FeedItem:
    key: str  # stable id of this event, e.g. "consultation:7:opened"
    topic: str  # one of TOPICS: what a member subscribes to
    committee_id: int
    title_lt: str
    title_en: str
    url: str  # absolute path in this site, e.g. /members/meetings/12/
    happened_at: datetime.datetime
    summary_lt: str = ""
    summary_en: str = ""

    def title(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title_lt

    def summary(self, language: str) -> str:
        return self.summary_en if language == "en" and self.summary_en else self.summary_lt


TOPIC_NEWS = "news"
TOPIC_MEETINGS = "meetings"
TOPIC_CONSULTATIONS = "consultations"
TOPIC_INITIATIVES = "initiatives"
TOPICS = (TOPIC_NEWS, TOPIC_MEETINGS, TOPIC_CONSULTATIONS, TOPIC_INITIATIVES)

Source = Callable[[Iterable, datetime.datetime], Iterable[FeedItem]]
_SOURCES: dict[str, Source] = {}
log = logging.getLogger(__name__)


def register_source(name: str, source: Source) -> None:
    _SOURCES[name] = source


def items_since(committees, since: datetime.datetime) -> list[FeedItem]:
    items: list[FeedItem] = []
    for name in sorted(_SOURCES):
        try:
            items.extend(_SOURCES[name](committees, since))
        except Exception:  # one broken app must not silence every other app's news
            log.exception("digest source %s failed; its items wait for the next run", name)
    return sorted(items, key=lambda item: item.happened_at)
