"""Celery entry point of the digest (daily by beat: CELERY_BEAT_SCHEDULE "spk-digests-daily")."""

from __future__ import annotations

from celery import shared_task

RETRY_SECONDS = 15 * 60


@shared_task(bind=True, acks_late=True, max_retries=3)
def send_digests(self) -> dict:
    from .services import send_digests as run

    summary = run()
    if summary.failed and not self.request.is_eager:
        # Failed digests stay undelivered; a retry soon beats waiting for tomorrow's run.
        raise self.retry(countdown=RETRY_SECONDS, exc=RuntimeError(f"{len(summary.failed)} digests not sent"))
    return summary.as_dict()
