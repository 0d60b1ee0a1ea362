"""Committee meetings: agenda, invitations, attendance, shared materials and minutes.

All of this is private to the committee (members' area). The only public trace is the
meeting page made when the coordinator publishes approved minutes, and it carries only the
public part (see services.publish_minutes)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Meeting(models.Model):
    STATUS_SCHEDULED = "scheduled"
    STATUS_HELD = "held"
    STATUS_CANCELLED = "cancelled"
    STATUS_CHOICES = [(STATUS_SCHEDULED, _("scheduled")), (STATUS_HELD, _("held")), (STATUS_CANCELLED, _("cancelled"))]

    MINUTES_DRAFT = "draft"
    MINUTES_APPROVED = "approved"
    MINUTES_PUBLISHED = "published"
    MINUTES_CHOICES = [
        (MINUTES_DRAFT, _("draft")), (MINUTES_APPROVED, _("approved")), (MINUTES_PUBLISHED, _("published")),
    ]

    committee = models.ForeignKey("spk.Committee", verbose_name=_("committee"), on_delete=models.PROTECT,
                                  related_name="meetings")
    title_lt = models.CharField(_("title (Lithuanian)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=STATUS_SCHEDULED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("scheduled by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("scheduled on"), default=timezone.now, editable=False)

    minutes_public = models.TextField(_("minutes (public part)"), blank=True)
    minutes_private = models.TextField(_("minutes (members only)"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    minutes_status = models.CharField(_("minutes status"), max_length=10, choices=MINUTES_CHOICES,
                                      default=MINUTES_DRAFT)
    minutes_approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("minutes approved by"),
                                            null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    minutes_approved_at = models.DateTimeField(_("minutes approved on"), null=True, blank=True)
    minutes_published_at = models.DateTimeField(_("minutes published on"), null=True, blank=True)
    public_page = models.ForeignKey("wagtailcore.Page", verbose_name=_("public meeting page"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="spk_meeting_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%Y-%m-%d %H:%M})"

    @property
    def title(self) -> str:
        return self.title_en if get_language() == "en" and self.title_en else self.title_lt

    @property
    def is_upcoming(self) -> bool:
        return self.ends_at >= timezone.now()

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def minutes_visible_to_members(self) -> bool:
        return self.minutes_status in (self.MINUTES_APPROVED, self.MINUTES_PUBLISHED)

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The meeting must end after it starts.")})

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("spk:meetings:detail", args=[self.pk])


class MeetingInvitation(models.Model):
    """One invited member: their answer, and later whether they attended (the coordinator's record)."""

    RESPONSE_NONE = "none"
    RESPONSE_ACCEPTED = "accepted"
    RESPONSE_DECLINED = "declined"
    RESPONSE_CHOICES = [
        (RESPONSE_NONE, _("no answer yet")), (RESPONSE_ACCEPTED, _("will attend")),
        (RESPONSE_DECLINED, _("will not attend")),
    ]
    ATTENDANCE_PRESENT = "present"
    ATTENDANCE_ABSENT = "absent"
    ATTENDANCE_EXCUSED = "excused"
    ATTENDANCE_CHOICES = [
        (ATTENDANCE_PRESENT, _("present")), (ATTENDANCE_ABSENT, _("absent")), (ATTENDANCE_EXCUSED, _("excused")),
    ]

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="invitations")
    member = models.ForeignKey("spk.Member", verbose_name=_("member"), on_delete=models.CASCADE,
                               related_name="meeting_invitations")
    response = models.CharField(_("response"), max_length=10, choices=RESPONSE_CHOICES, default=RESPONSE_NONE)
    responded_at = models.DateTimeField(_("answered on"), null=True, blank=True)
    attendance = models.CharField(_("attendance"), max_length=10, choices=ATTENDANCE_CHOICES, blank=True)

    class Meta:
        verbose_name = _("meeting invitation")
        verbose_name_plural = _("meeting invitations")
        ordering = ["member__last_name", "member__first_name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="spk_one_invitation_per_member")]

    def __str__(self) -> str:
        return f"{self.member} — {self.meeting}"


class MeetingMaterial(models.Model):
    """A document shared with the committee before (or after) the meeting. The file lives in the
    committee's private Wagtail collection; members download it through the members' area."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="materials")
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("document"), on_delete=models.PROTECT,
                                 related_name="+")
    title = models.CharField(_("title"), max_length=255)
    shared_at = models.DateTimeField(_("shared on"), default=timezone.now)
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("shared by"), null=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("meeting material")
        verbose_name_plural = _("meeting materials")
        ordering = ["shared_at", "pk"]

    def __str__(self) -> str:
        return self.title
