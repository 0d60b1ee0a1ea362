"""The assessor bank: SPK members who volunteer for competence assessment and recognition.

Private to KPMPC staff and the member themself: nothing here is indexed, projected to the graph
or served by a public API. An entry exists only while its member's consent stands; withdrawing
consent deletes the entry with every relation (GDPR erasure) and leaves only a ConsentRecord.

LTKS levels and languages are small child tables rather than array/JSON columns, so filtering
by them is a plain join on both SQLite and PostgreSQL."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Bump when the consent text changes: members asked again on their next edit.
CONSENT_VERSION = "2025-1"

REGION_CHOICES = [
    ("alytus", _("Alytus County")),
    ("kaunas", _("Kaunas County")),
    ("klaipeda", _("Klaipėda County")),
    ("marijampole", _("Marijampolė County")),
    ("panevezys", _("Panevėžys County")),
    ("siauliai", _("Šiauliai County")),
    ("taurage", _("Tauragė County")),
    ("telsiai", _("Telšiai County")),
    ("utena", _("Utena County")),
    ("vilnius", _("Vilnius County")),
]

ASSESSMENT_LANGUAGE_CHOICES = [
    ("lt", _("Lithuanian")),
    ("en", _("English")),
    ("ru", _("Russian")),
    ("pl", _("Polish")),
    ("de", _("German")),
    ("fr", _("French")),
]

LEVEL_CHOICES = [(n, str(n)) for n in range(1, 9)]


class AssessorEntryQuerySet(models.QuerySet):
    def available_on(self, day: datetime.date):
        return self.filter(
            Q(available_from__isnull=True) | Q(available_from__lte=day),
            Q(available_until__isnull=True) | Q(available_until__gte=day),
        )


class AssessorEntry(models.Model):
    member = models.OneToOneField(
        "spk.Member", verbose_name=_("member"), on_delete=models.CASCADE, related_name="assessor_entry"
    )
    # related_name "+": the registry models get no reverse accessor, so nothing that walks
    # a qualification's relations (serialisers, referrer checks) can reach assessor data.
    qualifications = models.ManyToManyField(
        "registry.Qualification", verbose_name=_("qualifications I can assess"), related_name="+"
    )
    units = models.ManyToManyField(
        "registry.QualificationUnit", verbose_name=_("competence units I can assess"), related_name="+", blank=True
    )
    region = models.CharField(_("region"), max_length=12, choices=REGION_CHOICES)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)
    availability_note = models.TextField(_("availability note"), max_length=2000, blank=True)
    consent_given_at = models.DateTimeField(_("consent given at"))
    consent_version = models.CharField(_("consent text version"), max_length=16, default=CONSENT_VERSION)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AssessorEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessor bank entry")
        verbose_name_plural = _("assessor bank entries")
        ordering = ["member__last_name", "member__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(available_until__isnull=True)
                | Q(available_from__isnull=True)
                | Q(available_until__gte=models.F("available_from")),
                name="spk_assessor_availability_order",
            ),
        ]

    def __str__(self) -> str:
        return str(self.member)

    def clean(self) -> None:
        if self.available_from and self.available_until and self.available_until < self.available_from:
            raise ValidationError({"available_until": _("Availability cannot end before it starts.")})

    @property
    def level_numbers(self) -> list[int]:
        return sorted(row.level for row in self.levels.all())

    @property
    def language_codes(self) -> list[str]:
        order = [code for code, _label in ASSESSMENT_LANGUAGE_CHOICES]
        return sorted((row.code for row in self.languages.all()), key=order.index)

    def language_labels(self) -> list[str]:
        labels = dict(ASSESSMENT_LANGUAGE_CHOICES)
        return [str(labels[code]) for code in self.language_codes]

    def set_levels(self, levels) -> None:
        self.levels.all().delete()
        AssessorLevel.objects.bulk_create(AssessorLevel(entry=self, level=int(n)) for n in set(levels))

    def set_languages(self, codes) -> None:
        self.languages.all().delete()
        AssessorLanguage.objects.bulk_create(AssessorLanguage(entry=self, code=c) for c in set(codes))


class AssessorLevel(models.Model):
    entry = models.ForeignKey(AssessorEntry, on_delete=models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField(_("LTKS level"), choices=LEVEL_CHOICES)

    class Meta:
        verbose_name = _("LTKS level")
        verbose_name_plural = _("LTKS levels")
        constraints = [
            models.UniqueConstraint(fields=["entry", "level"], name="spk_assessor_level_once"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=8), name="spk_assessor_level_1_8"),
        ]


class AssessorLanguage(models.Model):
    entry = models.ForeignKey(AssessorEntry, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language"), max_length=2, choices=ASSESSMENT_LANGUAGE_CHOICES)

    class Meta:
        verbose_name = _("assessment language")
        verbose_name_plural = _("assessment languages")
        constraints = [models.UniqueConstraint(fields=["entry", "code"], name="spk_assessor_language_once")]


class ConsentRecord(models.Model):
    """The consent log. Holds no assessment data, so it survives the entry's erasure as proof
    of when consent was given and withdrawn."""

    ACTION_GIVEN = "given"
    ACTION_WITHDRAWN = "withdrawn"
    ACTION_CHOICES = [(ACTION_GIVEN, _("consent given")), (ACTION_WITHDRAWN, _("consent withdrawn"))]

    member = models.ForeignKey(
        "spk.Member", verbose_name=_("member"), on_delete=models.CASCADE, related_name="assessor_consents"
    )
    action = models.CharField(_("action"), max_length=10, choices=ACTION_CHOICES)
    at = models.DateTimeField(_("at"))
    text_version = models.CharField(_("consent text version"), max_length=16)

    class Meta:
        verbose_name = _("assessor bank consent record")
        verbose_name_plural = _("assessor bank consent records")
        ordering = ["member", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.member} — {self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"
