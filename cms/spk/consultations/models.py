"""Consultations: a registry draft (occupational standard or VET programme) put to one SPK for
evaluation until a deadline; each current member submits one evaluation; the coordinator closes
it with the committee's conclusion.

Everything here is private to the committee: nothing is indexed, projected to the graph or
served by a public API. The draft itself stays a registry draft (only publishing makes it public)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

VERDICT_APPROVE = "approve"
VERDICT_APPROVE_WITH_REMARKS = "approve_with_remarks"
VERDICT_REJECT = "reject"
VERDICT_CHOICES = [
    (VERDICT_APPROVE, _("approve")),
    (VERDICT_APPROVE_WITH_REMARKS, _("approve with remarks")),
    (VERDICT_REJECT, _("reject")),
]
VERDICTS_NEEDING_REASONS = {VERDICT_APPROVE_WITH_REMARKS, VERDICT_REJECT}


class ConsultationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Consultation.STATUS_OPEN)

    def closed(self):
        return self.filter(status=Consultation.STATUS_CLOSED)

    def for_entity_code(self, code: str):
        return self.filter(Q(standard__code__iexact=code) | Q(programme__code__iexact=code))


class Consultation(models.Model):
    STATUS_OPEN = "open"
    STATUS_CLOSED = "closed"
    STATUS_CHOICES = [(STATUS_OPEN, _("open")), (STATUS_CLOSED, _("closed"))]

    committee = models.ForeignKey("spk.Committee", verbose_name=_("committee"), on_delete=models.PROTECT,
                                  related_name="consultations")
    standard = models.ForeignKey("registry.OccupationalStandard", verbose_name=_("occupational standard"),
                                 null=True, blank=True, on_delete=models.PROTECT, related_name="spk_consultations")
    programme = models.ForeignKey("registry.VetProgramme", verbose_name=_("VET programme"),
                                  null=True, blank=True, on_delete=models.PROTECT, related_name="spk_consultations")
    # The draft revision put to the committee (None when the draft had never been revised).
    revision = models.ForeignKey("wagtailcore.Revision", verbose_name=_("draft revision"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("title"), max_length=300)
    deadline = models.DateTimeField(_("deadline"))
    status = models.CharField(_("status"), max_length=8, choices=STATUS_CHOICES, default=STATUS_OPEN)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("opened by"), null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    conclusion = models.CharField(_("conclusion"), max_length=24, choices=VERDICT_CHOICES, blank=True)
    conclusion_text = models.TextField(_("conclusion text"), blank=True)
    concluded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("concluded by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opened_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(standard__isnull=False, programme__isnull=True)
                | Q(standard__isnull=True, programme__isnull=False),
                name="spk_consultation_exactly_one_draft",
            ),
            models.CheckConstraint(
                condition=Q(status="open") | Q(closed_at__isnull=False) & ~Q(conclusion=""),
                name="spk_consultation_closed_has_conclusion",
            ),
            models.UniqueConstraint(fields=["committee", "standard"], condition=Q(status="open"),
                                    name="spk_one_open_consultation_per_standard"),
            models.UniqueConstraint(fields=["committee", "programme"], condition=Q(status="open"),
                                    name="spk_one_open_consultation_per_programme"),
        ]

    def __str__(self) -> str:
        return f"{self.entity_code} — {self.title}"

    @property
    def entity(self):
        return self.standard if self.standard_id else self.programme

    @property
    def entity_kind(self) -> str:
        return "standard" if self.standard_id else "programme"

    @property
    def entity_code(self) -> str:
        entity = self.entity
        return entity.code if entity else ""

    @property
    def is_open(self) -> bool:
        return self.status == self.STATUS_OPEN

    @property
    def deadline_passed(self) -> bool:
        return timezone.now() >= self.deadline

    @property
    def accepts_evaluations(self) -> bool:
        return self.is_open and not self.deadline_passed

    def draft(self):
        """The draft content under evaluation: the revision put to the committee, else the latest."""
        if self.revision_id:
            return self.revision.as_object()
        return self.entity.get_latest_revision_as_object()


class ConsultationSection(models.Model):
    """A part of the draft members may remark on, fixed when the consultation opens."""

    consultation = models.ForeignKey(Consultation, verbose_name=_("consultation"), on_delete=models.CASCADE,
                                     related_name="sections")
    key = models.CharField(_("key"), max_length=64)
    title = models.CharField(_("title"), max_length=500)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("consultation section")
        verbose_name_plural = _("consultation sections")
        ordering = ["consultation", "position"]
        constraints = [models.UniqueConstraint(fields=["consultation", "key"], name="spk_consultation_section_key")]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        # The general section's title is ours, so it follows the reader's language.
        if self.key == "general":
            return gettext("General: the draft as a whole")
        return self.title


class Evaluation(models.Model):
    """One member's evaluation; they may revise it until the deadline."""

    consultation = models.ForeignKey(Consultation, verbose_name=_("consultation"), on_delete=models.CASCADE,
                                     related_name="evaluations")
    member = models.ForeignKey("spk.Member", verbose_name=_("member"), on_delete=models.CASCADE,
                               related_name="consultation_evaluations")
    verdict = models.CharField(_("verdict"), max_length=24, choices=VERDICT_CHOICES)
    comment = models.TextField(_("general comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["consultation", "submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "member"], name="spk_one_evaluation_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.get_verdict_display()}"


class SectionRemark(models.Model):
    evaluation = models.ForeignKey(Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE,
                                   related_name="remarks")
    section = models.ForeignKey(ConsultationSection, verbose_name=_("section"), on_delete=models.CASCADE,
                                related_name="remarks")
    text = models.TextField(_("remark"))

    class Meta:
        verbose_name = _("section remark")
        verbose_name_plural = _("section remarks")
        ordering = ["section__position", "evaluation__submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "section"], name="spk_one_remark_per_section"),
        ]

    def __str__(self) -> str:
        return f"{self.section}: {self.text[:60]}"
