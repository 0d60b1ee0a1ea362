"""Default subscriptions and which of them are due. A member is subscribed to every topic of
each current committee; the row is created the first time the member opens the
subscriptions page or the digest runs, whichever comes first."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from cms.spk.models import Committee, Member, Membership

from .models import Subscription

WEEK = datetime.timedelta(days=7)
SLACK = datetime.timedelta(hours=2)  # the daily run drifts; a weekly digest stays weekly


def current_committees(member: Member):
    return Committee.objects.filter(pk__in=Membership.objects.current().filter(member=member).values("committee"))


def ensure_subscriptions(member: Member) -> None:
    have = set(member.digest_subscriptions.values_list("committee_id", flat=True))
    for committee_id in current_committees(member).exclude(pk__in=have).values_list("pk", flat=True):
        try:
            with transaction.atomic():
                Subscription.objects.create(member=member, committee_id=committee_id)
        except IntegrityError:
            pass  # created meanwhile by a concurrent request or run


def member_subscriptions(member: Member):
    """The member's subscriptions to their current committees (those of past terms are kept but idle)."""
    ensure_subscriptions(member)
    return (member.digest_subscriptions.filter(committee__in=current_committees(member))
            .select_related("committee", "committee__sector").order_by("committee__kind", "committee__sector__code"))


def unsubscribe_all(member: Member) -> int:
    ensure_subscriptions(member)
    return member.digest_subscriptions.filter(active=True).update(active=False, updated_at=timezone.now())


def due_subscriptions(now: datetime.datetime):
    """Active subscriptions of current members: daily ones always, weekly ones a week after
    their last digest. A former member's rows stay but are never due."""
    on_committee = Membership.objects.active_on(timezone.localdate(now)).filter(
        member=OuterRef("member"), committee=OuterRef("committee"),
    )
    weekly_due = Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - WEEK + SLACK)
    return (
        Subscription.objects.filter(Exists(on_committee), active=True, member__user__is_active=True)
        .filter(Q(frequency=Subscription.DAILY) | weekly_due)
        .select_related("member", "committee")
        .order_by("member_id", "committee_id")
    )
