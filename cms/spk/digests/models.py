"""Who wants which digest (Subscription) and what each member has already been sent
(DigestDelivery). The delivery log's (member, item key) uniqueness is what keeps a digest
from ever repeating an item, however often or concurrently the task runs."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.spk import feeds


class Subscription(models.Model):
    DAILY = "daily"
    WEEKLY = "weekly"
    FREQUENCY_CHOICES = [(DAILY, _("daily")), (WEEKLY, _("weekly"))]

    member = models.ForeignKey("spk.Member", verbose_name=_("member"), on_delete=models.CASCADE,
                               related_name="digest_subscriptions")
    committee = models.ForeignKey("spk.Committee", verbose_name=_("committee"), on_delete=models.CASCADE,
                                  related_name="digest_subscriptions")
    # One flag per feeds.TOPICS entry, named like the topic.
    news = models.BooleanField(_("news"), default=True)
    meetings = models.BooleanField(_("meetings"), default=True)
    consultations = models.BooleanField(_("consultations"), default=True)
    initiatives = models.BooleanField(_("initiatives"), default=True)
    frequency = models.CharField(_("frequency"), max_length=6, choices=FREQUENCY_CHOICES, default=DAILY)
    active = models.BooleanField(_("receive the digest"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    last_sent_at = models.DateTimeField(_("last digest sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("digest subscription")
        verbose_name_plural = _("digest subscriptions")
        ordering = ["member", "committee"]
        constraints = [
            models.UniqueConstraint(fields=["member", "committee"], name="spk_digests_one_subscription_per_committee"),
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.committee}"

    def wants(self, topic: str) -> bool:
        return topic in feeds.TOPICS and bool(getattr(self, topic))


class DigestDelivery(models.Model):
    """One item sent to one member, written in the same transaction as the sending."""

    member = models.ForeignKey("spk.Member", verbose_name=_("member"), on_delete=models.CASCADE,
                               related_name="digest_deliveries")
    item_key = models.CharField(_("item"), max_length=200)
    committee = models.ForeignKey("spk.Committee", verbose_name=_("committee"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    topic = models.CharField(_("topic"), max_length=20)
    title = models.CharField(_("title"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["member", "item_key"], name="spk_digests_item_once_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.item_key} → {self.member}"
