"""The outbox: a change to the graph (and later the search index) recorded in the same
database transaction as the publish, unpublish or delete that caused it.

The database is the record; an event row is the promise that the derived stores will follow.
A worker applies events in order per entity; nothing is lost if the broker, the graph store
or the worker is down when the change is made (the sweep re-queues what waits too long)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxEvent(models.Model):
    PUBLISH = "publish"
    UNPUBLISH = "unpublish"
    DELETE = "delete"
    ACTION_CHOICES = [(PUBLISH, _("publish")), (UNPUBLISH, _("unpublish")), (DELETE, _("delete"))]

    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"
    STATUS_CHOICES = [(PENDING, _("pending")), (DONE, _("applied")), (FAILED, _("failed"))]

    # "registry.qualification:42": events of one entity are applied in id order.
    entity_key = models.CharField(_("entity"), max_length=80, db_index=True)
    entity_label = models.CharField(_("entity type"), max_length=60)
    entity_pk = models.BigIntegerField(_("entity id"))
    type_slug = models.CharField(_("graph type"), max_length=40)
    code = models.CharField(_("code"), max_length=32)
    action = models.CharField(_("action"), max_length=12, choices=ACTION_CHOICES)
    status = models.CharField(_("status"), max_length=8, choices=STATUS_CHOICES, default=PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    # Last time the event was queued or tried: the sweep re-queues events idle too long.
    touched_at = models.DateTimeField(_("last queued or tried"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbox event")
        verbose_name_plural = _("outbox events")
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "touched_at"], name="outbox_status_touched")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.type_slug}/{self.code} ({self.status})"

    @staticmethod
    def key_for(label: str, pk: int) -> str:
        return f"{label}:{pk}"
