"""Celery tasks: take ids, call one service, retry on failure (CONVENTIONS)."""

from __future__ import annotations

from celery import shared_task


@shared_task(bind=True, acks_late=True, max_retries=8, retry_backoff=True, retry_jitter=True)
def sync_entity_graph(self, model_label: str, pk: int) -> str:
    from .services import entity_sync_graph

    try:
        return entity_sync_graph(model_label=model_label, pk=pk)
    except OSError as exc:  # store unreachable or locked: try again later
        raise self.retry(exc=exc) from exc


@shared_task(bind=True, acks_late=True, max_retries=8, retry_backoff=True, retry_jitter=True)
def remove_entity_graph(self, type_slug: str, code: str) -> None:
    from .services import entity_remove_graph

    try:
        entity_remove_graph(type_slug=type_slug, code=code)
    except OSError as exc:
        raise self.retry(exc=exc) from exc
