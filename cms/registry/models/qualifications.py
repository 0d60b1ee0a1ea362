"""Qualifications (kvalifikacijos) with their learning outcomes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rdflib.namespace import DCTERMS
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from graph.mapping import (
    ChildMapping,
    Children,
    ChildUri,
    ConceptRef,
    EntityMapping,
    Ref,
    Text,
    Value,
)
from ontology.namespaces import ADMS, ELM, EQF, ISCED_F, KQ

from .base import LTKS_LEVEL_CHOICES, STATUS_CHOICES, STATUS_VALID, RegistryEntity
from .sectors import Sector
from .standards import STATUS_CONCEPTS, OccupationalStandard
from .units import QualificationUnit
from .vocab import isced_choices

TYPE_WORK = "work"
TYPE_LEARNING = "learning"
TYPE_CHOICES = [(TYPE_WORK, _("qualification for work")), (TYPE_LEARNING, _("qualification for learning"))]
TYPE_CONCEPTS = {TYPE_WORK: KQ.QualificationForWork, TYPE_LEARNING: KQ.QualificationForLearning}


class Qualification(RegistryEntity):
    code_pattern = r"K[1-8][0-9]{4}[0-9]{2}"
    code_help = _("K + LTKS level + ISCED-F field (4 digits) + serial (2 digits), e.g. K4101301")

    description_lt = models.TextField(_("description (Lithuanian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    ltks_level = models.PositiveSmallIntegerField(_("LTKS level"), choices=LTKS_LEVEL_CHOICES)
    sectors = ParentalManyToManyField(Sector, verbose_name=_("sectors"), related_name="qualifications")
    standard = models.ForeignKey(
        OccupationalStandard,
        verbose_name=_("occupational standard"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="qualifications",
    )
    units = ParentalManyToManyField(
        QualificationUnit, verbose_name=_("qualification units"), blank=True, related_name="qualifications"
    )
    isced_f = models.CharField(_("ISCED-F field"), max_length=4, choices=isced_choices)
    qualification_type = models.CharField(
        _("qualification type"), max_length=16, choices=TYPE_CHOICES, default=TYPE_WORK
    )
    status = models.CharField(_("status"), max_length=16, choices=STATUS_CHOICES, default=STATUS_VALID)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("ltks_level"), FieldPanel("status")]),
        FieldPanel("name_lt"),
        FieldPanel("name_en"),
        FieldPanel("description_lt"),
        FieldPanel("description_en"),
        MultiFieldPanel(
            [
                FieldPanel("sectors"),
                FieldPanel("standard"),
                FieldPanel("units"),
                FieldRowPanel([FieldPanel("isced_f"), FieldPanel("qualification_type")]),
                FieldRowPanel([FieldPanel("registered_on"), FieldPanel("valid_until")]),
            ],
            heading=_("Classification"),
        ),
        InlinePanel("outcomes", label=_("learning outcomes")),
    ]

    rdf_mapping = EntityMapping(
        type_slug="qualification",
        rdf_types=(ELM.Qualification,),
        fields=(
            Value("code", DCTERMS.identifier),
            Text("name_lt", DCTERMS.title, "lt"),
            Text("name_en", DCTERMS.title, "en"),
            Text("description_lt", DCTERMS.description, "lt"),
            Text("description_en", DCTERMS.description, "en"),
            Ref("ltks_level", ELM.NQFLevel, "level"),
            ConceptRef("ltks_level", ELM.EQFLevel, lambda level: EQF[str(level)]),
            Ref("sectors", KQ.sector, "sector", many=True),
            Ref("standard", KQ.occupationalStandard, "standard"),
            Ref("units", KQ.hasUnit, "unit", many=True),
            ConceptRef("isced_f", ELM.ISCEDFCode, lambda code: ISCED_F[code]),
            ConceptRef("qualification_type", KQ.qualificationType, TYPE_CONCEPTS),
            ConceptRef("status", ADMS.status, STATUS_CONCEPTS),
            Value("registered_on", DCTERMS.issued),
            Value("valid_until", KQ.validUntil),
            Value("last_published_at", DCTERMS.modified),
            Children(
                "outcomes",
                ELM.learningOutcome,
                ChildMapping(
                    rdf_types=(ELM.LearningOutcome,),
                    uri=ChildUri.sub("outcome", key="position"),
                    fields=(
                        Text("text_lt", DCTERMS.title, "lt"),
                        Text("text_en", DCTERMS.title, "en"),
                        Value("position", KQ.position),
                    ),
                ),
            ),
        ),
    )

    class Meta(RegistryEntity.Meta):
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")


class QualificationOutcome(Orderable):
    qualification = ParentalKey(Qualification, related_name="outcomes", on_delete=models.CASCADE)
    text_lt = models.TextField(_("learning outcome (Lithuanian)"))
    text_en = models.TextField(_("learning outcome (English)"), blank=True)

    panels = [FieldPanel("text_lt"), FieldPanel("text_en")]

    class Meta(Orderable.Meta):
        verbose_name = _("learning outcome")
        verbose_name_plural = _("learning outcomes")
