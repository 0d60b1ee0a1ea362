"""Celery tasks of the linked-data app: take nothing or ids, call one service."""

from __future__ import annotations

from celery import shared_task

from graph.stores.base import StoreUnavailable


# acks_late (with reject_on_worker_lost in settings): a worker killed mid-refresh leaves the
# message to be redelivered; a refresh is idempotent, so running it twice is harmless.
@shared_task(bind=True, acks_late=True, max_retries=5)
def refresh_dumps(self) -> dict:
    from django.core.cache import cache

    from .dumps import SCHEDULED_KEY, dumps_refresh

    # Before reading the store: a change applied from now on schedules the next refresh.
    cache.delete(SCHEDULED_KEY)
    try:
        manifest = dumps_refresh()
    except StoreUnavailable as exc:
        if self.request.is_eager:
            raise
        raise self.retry(countdown=min(600, 30 * 2**self.request.retries), exc=exc) from exc
    return {"triples": manifest.statistics.triples, "files": [f.name for f in manifest.files]}
