"""Qualification units and the competences they bundle (with their boundaries)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rdflib.namespace import DCTERMS, SKOS
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from graph.mapping import ChildMapping, Children, ChildUri, EntityMapping, Ref, Text, Value
from ontology.namespaces import ELM, ESCO, KQ

from .base import LTKS_LEVEL_CHOICES, RegistryEntity
from .standards import OccupationalStandard

COMPETENCE_PATTERN = r"PS[A-U][0-9]{2}-V[0-9]{2}-K[0-9]{1,2}"


class QualificationUnit(RegistryEntity):
    code_pattern = r"PS[A-U][0-9]{2}-V[0-9]{2}"
    code_help = _("standard code + -V + 2 digits, e.g. PSF01-V03")

    standard = models.ForeignKey(
        OccupationalStandard,
        verbose_name=_("occupational standard"),
        on_delete=models.PROTECT,
        related_name="units",
    )
    ltks_level = models.PositiveSmallIntegerField(_("LTKS level"), choices=LTKS_LEVEL_CHOICES)
    specialisation = models.BooleanField(
        _("specialisation unit"),
        default=False,
        help_text=_("A unit needed for activity aimed at particular products or services."),
    )

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("ltks_level")]),
        FieldPanel("name_lt"),
        FieldPanel("name_en"),
        FieldRowPanel([FieldPanel("standard"), FieldPanel("specialisation")]),
        InlinePanel("competences", label=_("competences"), min_num=1),
    ]

    rdf_mapping = EntityMapping(
        type_slug="unit",
        rdf_types=(KQ.QualificationUnit,),
        fields=(
            Value("code", DCTERMS.identifier),
            Text("name_lt", DCTERMS.title, "lt"),
            Text("name_en", DCTERMS.title, "en"),
            Ref("ltks_level", ELM.NQFLevel, "level"),
            Ref("standard", KQ.occupationalStandard, "standard"),
            Value("specialisation", KQ.specialisation),
            Children(
                "competences",
                KQ.hasCompetence,
                ChildMapping(
                    rdf_types=(ESCO.Skill, SKOS.Concept),
                    uri=ChildUri.minted("competence", key="code"),
                    fields=(
                        Value("code", SKOS.notation),
                        Text("name_lt", SKOS.prefLabel, "lt"),
                        Text("name_en", SKOS.prefLabel, "en"),
                        Text("boundary_lt", KQ.competenceBoundary, "lt"),
                        Text("boundary_en", KQ.competenceBoundary, "en"),
                    ),
                ),
                inverse=KQ.partOfUnit,
            ),
        ),
    )

    class Meta(RegistryEntity.Meta):
        verbose_name = _("qualification unit")
        verbose_name_plural = _("qualification units")


class Competence(Orderable):
    unit = ParentalKey(QualificationUnit, related_name="competences", on_delete=models.CASCADE)
    code = models.CharField(_("code"), max_length=32, unique=True)
    name_lt = models.CharField(_("name (Lithuanian)"), max_length=400)
    name_en = models.CharField(_("name (English)"), max_length=400, blank=True)
    boundary_lt = models.TextField(_("competence boundaries (Lithuanian)"), blank=True)
    boundary_en = models.TextField(_("competence boundaries (English)"), blank=True)

    panels = [
        FieldPanel("code"),
        FieldPanel("name_lt"),
        FieldPanel("name_en"),
        FieldPanel("boundary_lt"),
        FieldPanel("boundary_en"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("competence")
        verbose_name_plural = _("competences")

    def __str__(self) -> str:
        return f"{self.code} {self.name_lt}"

    def clean(self) -> None:
        super().clean()
        if self.code and not re.fullmatch(COMPETENCE_PATTERN, self.code):
            raise ValidationError(
                {"code": _("Competence codes look like PSF01-V03-K2 (unit code + -K + number).")}
            )
