"""Committees (SPK and the chairs' committee), their members and memberships.

Member data is private: nothing here is projected to the graph, indexed for search or served
by a public API. The only public trace is a member who consented to be named on the
committee's public page (`listed_publicly`), and then only name, role and organisation."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel


def validate_deliverable_email(value: str) -> None:
    """Mail servers reject non-ASCII addresses unless both ends speak SMTPUTF8: refuse them here."""
    if not value.isascii():
        raise ValidationError(_("Use an e-mail address written in Latin letters without diacritics."))


LANGUAGE_CHOICES = [("lt", _("Lithuanian")), ("en", _("English"))]


class Committee(models.Model):
    KIND_SECTOR = "sector"
    KIND_CHAIRS = "chairs"
    KIND_CHOICES = [(KIND_SECTOR, _("sectoral professional committee")), (KIND_CHAIRS, _("committee of SPK chairs"))]

    kind = models.CharField(_("kind"), max_length=8, choices=KIND_CHOICES, default=KIND_SECTOR)
    sector = models.OneToOneField(
        "registry.Sector", verbose_name=_("sector"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="spk_committee",
    )
    name_lt = models.CharField(_("name (Lithuanian)"), max_length=400)
    name_en = models.CharField(_("name (English)"), max_length=400, blank=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("KPMPC coordinators"), blank=True,
        related_name="coordinated_committees",
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("sector")]),
        MultiFieldPanel([FieldPanel("name_lt"), FieldPanel("name_en")], heading=_("Name")),
        FieldPanel("coordinators"),
    ]

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["kind", "sector__code", "name_lt"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="chairs", sector__isnull=True) | Q(kind="sector", sector__isnull=False),
                name="spk_committee_sector_iff_sector_kind",
            ),
            models.UniqueConstraint(fields=["kind"], condition=Q(kind="chairs"), name="spk_one_chairs_committee"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_lt

    @property
    def code(self) -> str:
        return self.sector.code if self.sector_id else "PIRM"

    @property
    def is_chairs(self) -> bool:
        return self.kind == self.KIND_CHAIRS

    def current_memberships(self, on: datetime.date | None = None):
        return self.memberships.active_on(on or timezone.localdate()).select_related("member")


class Member(ClusterableModel):
    """A person on one or more committees. Their login is a Django user kept in step with
    this record; they choose a password through the password-reset e-mail."""

    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("e-mail"), unique=True, validators=[validate_deliverable_email])
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=LANGUAGE_CHOICES, default="lt"
    )
    listed_publicly = models.BooleanField(
        _("named on the public committee page"), default=False,
        help_text=_("Only with the member's consent: name, role and organisation become public."),
    )
    listed_publicly_since = models.DateTimeField(_("consent to be named given"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user account"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="spk_member",
    )

    panels = [
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("preferred_language")]),
        FieldPanel("listed_publicly"),
        InlinePanel("memberships", heading=_("Memberships"), label=_("membership")),
    ]

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def clean(self) -> None:
        self.email = (self.email or "").strip().lower()
        if self.listed_publicly and self.listed_publicly_since is None:
            self.listed_publicly_since = timezone.now()
        if not self.listed_publicly:
            self.listed_publicly_since = None


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date):
        return self.filter(Q(term_end__isnull=True) | Q(term_end__gte=day), term_start__lte=day)

    def current(self):
        return self.active_on(timezone.localdate())


class Membership(models.Model):
    """One term of one member on one committee. Rows are never deleted when a term ends
    (term_end is set), so the committee's composition on any past date can be answered."""

    ROLE_CHAIR = "chair"
    ROLE_DEPUTY = "deputy"
    ROLE_MEMBER = "member"
    ROLE_SECRETARY = "secretary"
    ROLE_CHOICES = [
        (ROLE_CHAIR, _("chair")), (ROLE_DEPUTY, _("deputy chair")),
        (ROLE_MEMBER, _("member")), (ROLE_SECRETARY, _("secretary")),
    ]

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT,
                                  related_name="memberships")
    member = ParentalKey(Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=ROLE_CHOICES, default=ROLE_MEMBER)
    delegating_organisation = models.CharField(_("delegating organisation"), max_length=255, blank=True)
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(_("term end"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("committee"), FieldPanel("role")]),
        FieldPanel("delegating_organisation"),
        FieldRowPanel([FieldPanel("term_start"), FieldPanel("term_end")]),
    ]

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["committee", "-term_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                name="spk_membership_term_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.committee} ({self.get_role_display()})"

    def overlapping(self, queryset):
        """Rows of `queryset` whose term overlaps this one."""
        end = self.term_end or datetime.date.max
        rows = queryset.filter(term_start__lte=end).filter(Q(term_end__isnull=True) | Q(term_end__gte=self.term_start))
        return rows.exclude(pk=self.pk) if self.pk else rows

    def clean(self) -> None:
        if self.term_end and self.term_start and self.term_end < self.term_start:
            raise ValidationError({"term_end": _("The term cannot end before it starts.")})
        if not (self.term_start and self.committee_id and self.member_id):
            return
        if self.overlapping(Membership.objects.filter(committee=self.committee_id, member=self.member_id)).exists():
            raise ValidationError(_("This member already has a membership of this committee in that period."))
        if self.role == self.ROLE_CHAIR and self.overlapping(
            Membership.objects.filter(committee=self.committee_id, role=self.ROLE_CHAIR)
        ).exists():
            raise ValidationError({"role": _("The committee already has a chair in that period.")})
        if self.committee.is_chairs and not self.overlapping(
            Membership.objects.filter(member=self.member_id, role=self.ROLE_CHAIR, committee__kind=Committee.KIND_SECTOR)
        ).exists():
            raise ValidationError(
                _("The committee of chairs is drawn from the chairs: this person chairs no SPK in that period.")
            )
