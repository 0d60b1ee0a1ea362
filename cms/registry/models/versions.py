"""Entity versions: an append-only log of what each entity's published graph became, written
by the outbox pipeline when a change reaches the graph. It feeds the change feed (LDES) that
partners harvest incrementally; a version is never edited or deleted."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EntityVersion(models.Model):
    CREATED = "created"
    UPDATED = "updated"
    WITHDRAWN = "withdrawn"
    CHANGE_CHOICES = [(CREATED, _("created")), (UPDATED, _("updated")), (WITHDRAWN, _("withdrawn"))]

    entity_key = models.CharField(_("entity"), max_length=80, db_index=True)  # "module/4102201"
    entity_uri = models.CharField(_("URI"), max_length=255)
    change = models.CharField(_("change"), max_length=10, choices=CHANGE_CHOICES)
    generated_at = models.DateTimeField(_("published at"), db_index=True)
    digest = models.CharField(_("content hash"), max_length=64, blank=True)
    # The entity's named graph at this version, as N-Triples (empty when withdrawn).
    ntriples = models.TextField(_("triples"), blank=True)

    class Meta:
        verbose_name = _("entity version")
        verbose_name_plural = _("entity versions")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.entity_key} {self.change} {self.generated_at:%Y-%m-%d %H:%M:%S}"
