"""Signal handlers write an outbox event in the transaction of the change (CONVENTIONS)."""

from __future__ import annotations

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from .models import REGISTRY_MODELS
from .models.outbox import OutboxEvent
from .outbox import record_event


@receiver(published)
def outbox_on_publish(sender, instance, **kwargs) -> None:
    if sender in REGISTRY_MODELS:
        record_event(instance, OutboxEvent.PUBLISH)


@receiver(unpublished)
def outbox_on_unpublish(sender, instance, **kwargs) -> None:
    if sender in REGISTRY_MODELS:
        record_event(instance, OutboxEvent.UNPUBLISH)


@receiver(post_delete)
def outbox_on_delete(sender, instance, **kwargs) -> None:
    # A row never published has no graph to remove.
    if sender in REGISTRY_MODELS and instance.first_published_at is not None:
        record_event(instance, OutboxEvent.DELETE)
