"""One digest run: gather the feed items of every due subscription, and for each member send
one e-mail with the items not yet delivered to them.

Per member, in one transaction: lock the member row (a concurrent run waits here and then sees
what this one recorded), record the deliveries, send, commit. If sending fails the transaction
rolls back, so the items stay undelivered and the next run sends them. A crash between the
SMTP server accepting the message and the commit could repeat it once; nothing is ever lost."""

from __future__ import annotations

import contextlib
import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.utils import timezone

from cms.spk import feeds
from cms.spk.models import Member, Membership

from .emails import digest_message
from .models import DigestDelivery, Subscription
from .subscriptions import due_subscriptions, ensure_subscriptions

logger = logging.getLogger(__name__)


def lookback() -> datetime.timedelta:
    # Items older than this are not digest news any more (the delivery log stops repeats anyway).
    return datetime.timedelta(days=getattr(settings, "SPK_DIGEST_LOOKBACK_DAYS", 14))


@dataclass
class RunSummary:
    sent: int = 0  # e-mails
    items: int = 0  # deliveries recorded
    failed: list[str] = field(default_factory=list)  # e-mail addresses whose digest could not be sent

    def as_dict(self) -> dict:
        return {"sent": self.sent, "items": self.items, "failed": len(self.failed)}


def ensure_default_subscriptions(now: datetime.datetime) -> None:
    current = Membership.objects.active_on(timezone.localdate(now))
    for member in Member.objects.filter(memberships__in=current).distinct():
        ensure_subscriptions(member)


def candidates_by_member(subscriptions: list[Subscription], items: list[feeds.FeedItem]):
    """{member: ([items it wants, each key once], {subscription ids that contributed})}."""
    by_committee = defaultdict(list)
    for item in items:
        by_committee[item.committee_id].append(item)
    wanted: dict[int, tuple[Member, dict[str, feeds.FeedItem], set[int]]] = {}
    for sub in subscriptions:
        member, chosen, used = wanted.setdefault(sub.member_id, (sub.member, {}, set()))
        for item in by_committee[sub.committee_id]:
            if sub.wants(item.topic) and item.key not in chosen:
                chosen[item.key] = item
                used.add(sub.pk)
    return wanted.values()


def send_member_digest(member: Member, items: dict, subscription_ids: set[int], now, connection) -> int:
    """Send what `member` has not had yet; returns the number of items sent (0: no e-mail)."""
    with transaction.atomic():
        Member.objects.select_for_update().filter(pk=member.pk).first()
        done = set(DigestDelivery.objects.filter(member=member, item_key__in=list(items))
                   .values_list("item_key", flat=True))
        pending = [item for key, item in items.items() if key not in done]
        if not pending:
            return 0
        language = member.preferred_language
        DigestDelivery.objects.bulk_create([
            DigestDelivery(member=member, item_key=item.key, committee_id=item.committee_id, topic=item.topic,
                           title=item.title(language)[:500], sent_at=now)
            for item in pending
        ])
        committees = {item.committee_id for item in pending}
        Subscription.objects.filter(pk__in=subscription_ids, committee_id__in=committees).update(last_sent_at=now)
        digest_message(member, pending, connection=connection).send()
        return len(pending)


def send_digests(now: datetime.datetime | None = None) -> RunSummary:
    now = now or timezone.now()
    ensure_default_subscriptions(now)
    subscriptions = list(due_subscriptions(now))
    committees = {sub.committee_id: sub.committee for sub in subscriptions}
    items = feeds.items_since(list(committees.values()), now - lookback()) if committees else []
    summary = RunSummary()
    connection = mail.get_connection()
    try:
        for member, chosen, used in candidates_by_member(subscriptions, items):
            try:
                count = send_member_digest(member, chosen, used, now, connection)
            except Exception:  # SMTP down, refused recipient…: rolled back, retried next run
                logger.exception("digest to member %s not sent; its items stay pending", member.pk)
                summary.failed.append(member.email)
                with contextlib.suppress(Exception):
                    connection.close()  # a broken connection is reopened for the next member
                continue
            if count:
                summary.sent += 1
                summary.items += count
    finally:
        with contextlib.suppress(Exception):
            connection.close()
    logger.info("digests sent: %s", summary.as_dict())
    return summary
