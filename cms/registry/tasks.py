"""Celery tasks: take ids, call one service, retry on failure (CONVENTIONS)."""

from __future__ import annotations

from celery import shared_task

# acks_late + reject_on_worker_lost (settings): a worker killed mid-task leaves the message
# to be redelivered, and the outbox sweep re-queues anything that still waits.


@shared_task(bind=True, acks_late=True, max_retries=None)
def apply_outbox_event(self, event_id: int) -> str:
    from .outbox import ApplyFailed, apply_event, retry_delay

    try:
        return apply_event(event_id)
    except ApplyFailed as failed:
        if failed.final or self.request.is_eager:
            # Recorded on the event (failed, or pending for the sweep); the admin shows it.
            return f"failed: {failed.cause}"
        raise self.retry(countdown=retry_delay(failed.attempts), exc=failed.cause) from failed


@shared_task
def sweep_outbox() -> int:
    from .outbox import sweep_stale

    return sweep_stale()


@shared_task
def reconcile_graph() -> dict:
    from .reconcile import reconcile

    return reconcile(repair=True).summary()
