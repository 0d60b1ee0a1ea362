"""Initiatives and priorities (SPK platform).

Members propose initiatives (a new qualification, an update of a standard or programme) and
rank their sector's occupational standards by how urgently they need updating. Everything here
is private to the committee (and to the chairs' committee and KPMPC staff): nothing is indexed,
projected to the graph or served by a public API."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Initiative(models.Model):
    KIND_NEW_QUALIFICATION = "new_qualification"
    KIND_STANDARD_UPDATE = "standard_update"
    KIND_PROGRAMME_UPDATE = "programme_update"
    KIND_OTHER = "other"
    KIND_CHOICES = [
        (KIND_NEW_QUALIFICATION, _("new qualification")),
        (KIND_STANDARD_UPDATE, _("occupational standard update")),
        (KIND_PROGRAMME_UPDATE, _("programme update")),
        (KIND_OTHER, _("other")),
    ]

    STATUS_PROPOSED = "proposed"
    STATUS_UNDER_REVIEW = "under_review"
    STATUS_ACCEPTED = "accepted"
    STATUS_REJECTED = "rejected"
    STATUS_DONE = "done"
    STATUS_CHOICES = [
        (STATUS_PROPOSED, _("proposed")),
        (STATUS_UNDER_REVIEW, _("under review")),
        (STATUS_ACCEPTED, _("accepted")),
        (STATUS_REJECTED, _("rejected")),
        (STATUS_DONE, _("done")),
    ]
    # The only ways forward; rejected and done are final.
    TRANSITIONS = {
        STATUS_PROPOSED: (STATUS_UNDER_REVIEW,),
        STATUS_UNDER_REVIEW: (STATUS_ACCEPTED, STATUS_REJECTED),
        STATUS_ACCEPTED: (STATUS_DONE,),
        STATUS_REJECTED: (),
        STATUS_DONE: (),
    }

    committee = models.ForeignKey("spk.Committee", verbose_name=_("committee"), on_delete=models.PROTECT,
                                  related_name="initiatives")
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"))
    standard = models.ForeignKey(
        "registry.OccupationalStandard", verbose_name=_("related occupational standard"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="spk_initiatives",
    )
    qualification = models.ForeignKey(
        "registry.Qualification", verbose_name=_("related qualification"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="spk_initiatives",
    )
    # SET_NULL: erasing a member's personal data must not erase the committee's record.
    proposed_by = models.ForeignKey("spk.Member", verbose_name=_("proposed by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="initiatives")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=16, choices=STATUS_CHOICES, default=STATUS_PROPOSED)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-created_at", "-pk"]
        default_permissions = ()

    def __str__(self) -> str:
        return self.title

    def allowed_next(self) -> tuple[str, ...]:
        return self.TRANSITIONS.get(self.status, ())

    def can_become(self, status: str) -> bool:
        return status in self.allowed_next()

    def allowed_next_choices(self) -> list[tuple[str, str]]:
        labels = dict(self.STATUS_CHOICES)
        return [(status, labels[status]) for status in self.allowed_next()]

    def clean(self) -> None:
        """A related registry entity must be one of the committee's sector (the chairs'
        committee has no sector and may point anywhere)."""
        sector_id = self.committee.sector_id if self.committee_id else None
        if sector_id is None:
            return
        errors = {}
        if self.standard_id and self.standard.sector_id != sector_id:
            errors["standard"] = _("This occupational standard belongs to another sector.")
        if self.qualification_id and not self.qualification.sectors.filter(pk=sector_id).exists():
            errors["qualification"] = _("This qualification belongs to another sector.")
        if errors:
            raise ValidationError(errors)


class InitiativeStatusChange(models.Model):
    """One step of an initiative's history. Rows are only ever added."""

    initiative = models.ForeignKey(Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE,
                                   related_name="status_changes")
    from_status = models.CharField(_("from status"), max_length=16, choices=Initiative.STATUS_CHOICES)
    to_status = models.CharField(_("to status"), max_length=16, choices=Initiative.STATUS_CHOICES)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("changed by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("initiative status change")
        verbose_name_plural = _("initiative status changes")
        ordering = ["changed_at", "pk"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.from_status} → {self.to_status}"


class InitiativeComment(models.Model):
    initiative = models.ForeignKey(Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE,
                                   related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True,
                               on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("initiative comment")
        verbose_name_plural = _("initiative comments")
        ordering = ["created_at", "pk"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.body[:40]}"


class PriorityVote(models.Model):
    """One member's rank for one standard (1 = update first). A member's ranking is saved
    whole (services.save_ranking), so their ranks never collide."""

    committee = models.ForeignKey("spk.Committee", verbose_name=_("committee"), on_delete=models.CASCADE,
                                  related_name="priority_votes")
    member = models.ForeignKey("spk.Member", verbose_name=_("member"), on_delete=models.CASCADE,
                               related_name="priority_votes")
    standard = models.ForeignKey("registry.OccupationalStandard", verbose_name=_("occupational standard"),
                                 on_delete=models.CASCADE, related_name="spk_priority_votes")
    rank = models.PositiveSmallIntegerField(_("rank"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("priority vote")
        verbose_name_plural = _("priority votes")
        ordering = ["committee", "member", "rank"]
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["member", "standard"], name="spk_priority_one_vote_per_standard"),
            models.UniqueConstraint(fields=["committee", "member", "rank"], name="spk_priority_distinct_ranks"),
            models.CheckConstraint(condition=models.Q(rank__gte=1), name="spk_priority_rank_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} #{self.rank} {self.standard_id}"
