"""Signal handlers only hand work to tasks, after the transaction commits (CONVENTIONS)."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from .models import REGISTRY_MODELS
from .models.base import queue_graph_sync, send_task


@receiver(published)
@receiver(unpublished)
def project_entity_after_publishing(sender, instance, **kwargs) -> None:
    if sender in REGISTRY_MODELS:
        queue_graph_sync(instance)


@receiver(post_delete)
def remove_deleted_entity_from_graph(sender, instance, **kwargs) -> None:
    if sender not in REGISTRY_MODELS:
        return
    from .tasks import remove_entity_graph

    slug, code = sender.rdf_mapping.type_slug, instance.code
    transaction.on_commit(lambda: send_task(remove_entity_graph, slug, code))
