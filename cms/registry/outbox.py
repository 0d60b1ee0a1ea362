"""Outbox services: record an event with the change, hand it to a worker after commit,
apply it (in order per entity, idempotently), sweep what waits too long, retry failures."""

from __future__ import annotations

import logging
import random
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .events import notify_graph_changed
from .models.base import RegistryEntity
from .models.outbox import OutboxEvent
from .services import entity_sync_graph
from .versions import record_version

log = logging.getLogger("cms.registry.outbox")

#: Steps applied with each event after the graph write, registered at app start by the apps
#: that own them (the search index): function(entity_key, SyncResult). An exception fails the
#: event like a graph failure, so it is retried; each step must be idempotent.
AFTER_GRAPH_SYNC: list = []


def record_event(obj: RegistryEntity, action: str, *, type_slug: str = "", code: str = "") -> OutboxEvent:
    """Write the event in the caller's transaction; queue it once that transaction commits.
    Registry entities are keyed by their type and code; other content passes its own."""
    slug = type_slug or type(obj).rdf_mapping.type_slug
    code = code or obj.code
    event = OutboxEvent.objects.create(
        entity_key=f"{slug}/{code}",
        entity_label=obj._meta.label_lower,
        entity_pk=obj.pk,
        type_slug=slug,
        code=code,
        action=action,
    )
    log.info("outbox event recorded", extra=_context(event))
    transaction.on_commit(lambda: dispatch(event.pk))
    return event


def dispatch(event_id: int) -> bool:
    """Send the apply task; if the broker is down the event stays pending for the sweep."""
    from .tasks import apply_outbox_event

    try:
        apply_outbox_event.delay(event_id)
    except Exception as exc:  # broker unreachable: the row is the record, the sweep re-sends
        log.warning("outbox event not queued (%s); the sweep will retry", exc, extra={"event_id": event_id})
        return False
    return True


class ApplyFailed(Exception):
    """Applying an event failed; the error is on the event rows (pending or failed)."""

    def __init__(self, event_id: int, cause: BaseException, *, final: bool, attempts: int):
        self.event_id, self.cause, self.final, self.attempts = event_id, cause, final, attempts
        super().__init__(str(cause))


def apply_event(event_id: int) -> str:
    """Apply every unapplied event of the entity up to this one, then mark them applied.

    Rows are locked in id order, so two workers on the same entity queue behind each other;
    one sync covers them all because it writes the entity's *current* state. A crash after
    the graph write but before the commit leaves the events pending: re-applying is harmless.
    """
    with transaction.atomic():
        event = OutboxEvent.objects.filter(pk=event_id).first()
        if event is None:
            return "missing"
        rows = list(
            OutboxEvent.objects.select_for_update()
            .filter(entity_key=event.entity_key, id__lte=event_id)
            .exclude(status=OutboxEvent.DONE)
            .order_by("id")
        )
        if not rows:
            log.info("outbox event already applied", extra=_context(event))
            return "already applied"
        try:
            result = entity_sync_graph(type_slug=event.type_slug, code=event.code)
            for follow in AFTER_GRAPH_SYNC:  # e.g. the search index: fails → the event retries
                follow(event.entity_key, result)
        except Exception as exc:
            attempts = max(r.attempts for r in rows) + 1
            final = attempts >= settings.OUTBOX_MAX_ATTEMPTS
            _mark(rows, status=OutboxEvent.FAILED if final else OutboxEvent.PENDING,
                  attempts=attempts, last_error=f"{type(exc).__name__}: {exc}"[:2000])
            log.warning("outbox event failed (attempt %s): %s", attempts, exc, extra=_context(event))
            failed = ApplyFailed(event_id, exc, final=final, attempts=attempts)
        else:
            record_version(entity_key=event.entity_key, result=result)
            _mark(rows, status=OutboxEvent.DONE, attempts=rows[-1].attempts + 1, last_error="",
                  applied_at=timezone.now())
            log.info("outbox event applied: %s (%d event(s))", result.outcome, len(rows),
                     extra=_context(event))
            if result.outcome != "unchanged":
                key = event.entity_key
                transaction.on_commit(lambda: notify_graph_changed([key]))
            return result.outcome
    raise failed  # outside the atomic block, so the error and attempt count are committed


def retry_delay(attempts: int) -> float:
    """Exponential backoff with jitter, capped."""
    base, cap = settings.OUTBOX_RETRY_BASE_SECONDS, settings.OUTBOX_RETRY_MAX_SECONDS
    return min(cap, base * 2 ** max(attempts - 1, 0)) * random.uniform(0.8, 1.2)


def sweep_stale(*, older_than: float | None = None) -> int:
    """Re-queue pending events not queued or tried for a while (broker was down, worker died)."""
    age = settings.OUTBOX_STALE_SECONDS if older_than is None else older_than
    cutoff = timezone.now() - timedelta(seconds=age)
    ids = list(
        OutboxEvent.objects.filter(status=OutboxEvent.PENDING, touched_at__lte=cutoff)
        .order_by("id")
        .values_list("id", flat=True)
    )
    OutboxEvent.objects.filter(pk__in=ids).update(touched_at=timezone.now())
    sent = sum(dispatch(pk) for pk in ids)
    if ids:
        log.info("outbox sweep re-queued %d of %d stale event(s)", sent, len(ids))
    return sent


def retry_events(ids: list[int]) -> int:
    """Put failed (or stuck pending) events back in the queue, from the admin."""
    events = OutboxEvent.objects.filter(pk__in=ids).exclude(status=OutboxEvent.DONE)
    picked = list(events.values_list("id", flat=True))
    events.update(status=OutboxEvent.PENDING, attempts=0, touched_at=timezone.now())
    for pk in picked:
        transaction.on_commit(lambda pk=pk: dispatch(pk))
    return len(picked)


def backlog() -> dict[str, object]:
    """Pending and failed counts and the age of the oldest pending event (for /readyz)."""
    pending = OutboxEvent.objects.filter(status=OutboxEvent.PENDING)
    oldest = pending.order_by("created_at").values_list("created_at", flat=True).first()
    return {
        "pending": pending.count(),
        "failed": OutboxEvent.objects.filter(status=OutboxEvent.FAILED).count(),
        "oldest_pending_seconds": round((timezone.now() - oldest).total_seconds(), 1) if oldest else 0,
    }


def _mark(rows: list[OutboxEvent], **fields) -> None:
    OutboxEvent.objects.filter(pk__in=[r.pk for r in rows]).update(touched_at=timezone.now(), **fields)


def _context(event: OutboxEvent) -> dict[str, object]:
    return {"entity": event.entity_key, "event_id": event.pk, "action": event.action}
