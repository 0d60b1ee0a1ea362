"""Modules of modular VET programmes, with outcomes and assessment criteria."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rdflib.namespace import DCTERMS
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from graph.mapping import ChildMapping, Children, ChildUri, EntityMapping, Ref, Text, Value
from ontology.namespaces import ELM, KQ

from .base import LTKS_LEVEL_CHOICES, RegistryEntity
from .units import Competence


class Module(RegistryEntity):
    code_pattern = r"[1-8][0-9]{6}"
    code_help = _("7 digits, the first being the LTKS level, e.g. 4102201")

    ltks_level = models.PositiveSmallIntegerField(_("LTKS level"), choices=LTKS_LEVEL_CHOICES)
    credits = models.PositiveSmallIntegerField(
        _("credits"),
        validators=[MinValueValidator(1)],
        help_text=_("Learning credits; 1 credit = 27 academic hours, 60 credits = one year."),
    )
    competences = ParentalManyToManyField(
        Competence, verbose_name=_("competences"), blank=True, related_name="modules"
    )

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("ltks_level"), FieldPanel("credits")]),
        FieldPanel("name_lt"),
        FieldPanel("name_en"),
        FieldPanel("competences"),
        InlinePanel("outcomes", label=_("learning outcomes and assessment criteria")),
    ]

    rdf_mapping = EntityMapping(
        type_slug="module",
        rdf_types=(KQ.Module,),
        fields=(
            Value("code", DCTERMS.identifier),
            Text("name_lt", DCTERMS.title, "lt"),
            Text("name_en", DCTERMS.title, "en"),
            Ref("ltks_level", ELM.NQFLevel, "level"),
            Value("credits", KQ.credits),
            Ref("competences", KQ.hasCompetence, "competence", many=True),
            Children(
                "outcomes",
                ELM.learningOutcome,
                ChildMapping(
                    rdf_types=(ELM.LearningOutcome,),
                    uri=ChildUri.sub("outcome", key="position"),
                    fields=(
                        Text("text_lt", DCTERMS.title, "lt"),
                        Text("text_en", DCTERMS.title, "en"),
                        Text("criteria_lt", KQ.assessmentCriterion, "lt"),
                        Text("criteria_en", KQ.assessmentCriterion, "en"),
                        Value("position", KQ.position),
                    ),
                ),
            ),
        ),
    )

    class Meta(RegistryEntity.Meta):
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def clean(self) -> None:
        super().clean()
        if self.code and self.ltks_level and self.code[:1].isdigit():
            if int(self.code[0]) != self.ltks_level:
                raise ValidationError(
                    {"code": _("The first digit of a module code must be its LTKS level (%(n)s).")
                     % {"n": self.ltks_level}}
                )


class ModuleOutcome(Orderable):
    module = ParentalKey(Module, related_name="outcomes", on_delete=models.CASCADE)
    text_lt = models.TextField(_("learning outcome (Lithuanian)"))
    text_en = models.TextField(_("learning outcome (English)"), blank=True)
    criteria_lt = models.TextField(_("assessment criteria (Lithuanian)"), blank=True)
    criteria_en = models.TextField(_("assessment criteria (English)"), blank=True)

    panels = [
        FieldPanel("text_lt"),
        FieldPanel("text_en"),
        FieldPanel("criteria_lt"),
        FieldPanel("criteria_en"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("learning outcome")
        verbose_name_plural = _("learning outcomes")
