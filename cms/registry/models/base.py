"""What every registry entity shares: a stable code, LT/EN names, drafts, revisions,
locking, workflow, and an RDF mapping read by the one projector in graph/."""

from __future__ import annotations

import re
from typing import ClassVar

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from graph.mapping import EntityMapping

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII"}
LTKS_LEVEL_CHOICES = [(n, f"{roman} ({n})") for n, roman in ROMAN.items()]

STATUS_VALID = "valid"
STATUS_WITHDRAWN = "withdrawn"
STATUS_CHOICES = [(STATUS_VALID, _("valid")), (STATUS_WITHDRAWN, _("withdrawn"))]


class RegistryEntity(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """Abstract base. Subclasses set `code_pattern`, `code_help` and `rdf_mapping`."""

    code_pattern: ClassVar[str] = r".+"
    code_help: ClassVar[str] = ""  # shown in the code error; may be a lazy translation
    rdf_mapping: ClassVar[EntityMapping]

    code = models.CharField(_("code"), max_length=32, unique=True)
    name_lt = models.CharField(_("name (Lithuanian)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Rows start as drafts: only publishing (through the gate) makes them live.
    live = models.BooleanField(verbose_name=_("live"), default=False, editable=False)

    _revisions = GenericRelation(
        "wagtailcore.Revision", related_query_name="%(app_label)s_%(class)s"
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(app_label)s_%(class)s",
        for_concrete_model=False,
    )

    search_fields = [
        index.SearchField("code"),
        index.SearchField("name_lt"),
        index.SearchField("name_en"),
        index.AutocompleteField("name_lt"),
        index.AutocompleteField("code"),
        index.FilterField("live"),
    ]

    class Meta:
        abstract = True
        ordering = ["code"]

    @property
    def revisions(self):
        return self._revisions

    def __str__(self) -> str:
        return f"{self.code} {self.name_lt}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[str]] = {}
        if self.code and not re.fullmatch(self.code_pattern, self.code):
            errors.setdefault("code", []).append(
                _("Code “%(code)s” does not match the required form %(form)s.")
                % {"code": self.code, "form": self.code_help or self.code_pattern}
            )
        if self.code and self.pk and self.first_published_at:
            stored = type(self).objects.filter(pk=self.pk).values_list("code", flat=True).first()
            if stored and stored != self.code:
                errors.setdefault("code", []).append(
                    _("The code of a published entity cannot change: its URI is minted from it.")
                )
        if errors:
            raise ValidationError(errors)

    # --- publishing is gated by SHACL; signals.py projects the result after commit ------

    def publish(self, revision, user=None, changed=True, log_action=True,
                previous_revision=None, skip_permission_checks=False):
        """Every publish path (edit view, workflow approval, scheduled publishing) passes the gate."""
        from ..services import entity_publish_gate

        # One transaction: the live row and its outbox event (signals.py) commit together.
        with transaction.atomic():
            entity_publish_gate(obj=revision.as_object())
            return super().publish(
                revision,
                user=user,
                changed=changed,
                log_action=log_action,
                previous_revision=previous_revision,
                skip_permission_checks=skip_permission_checks,
            )

    def unpublish(self, set_expired=False, commit=True, user=None, log_action=True):
        """Refused while published entities still reference this one (no dangling links)."""
        from ..services import UnpublishRefused, all_referrers

        with transaction.atomic():
            referrers = all_referrers(obj=self)
            if referrers:
                raise UnpublishRefused(self, referrers)
            return super().unpublish(
                set_expired=set_expired, commit=commit, user=user, log_action=log_action
            )
