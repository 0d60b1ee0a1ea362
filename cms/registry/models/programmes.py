"""Modular VET programmes (modulinės profesinio mokymo programos)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rdflib.namespace import DCTERMS
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
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
from ontology.namespaces import ELM, KQ

from .base import LTKS_LEVEL_CHOICES, RegistryEntity
from .modules import Module
from .qualifications import Qualification

KIND_INITIAL = "initial"
KIND_CONTINUING = "continuing"
KIND_CHOICES = [(KIND_INITIAL, _("initial VET")), (KIND_CONTINUING, _("continuing VET"))]
KIND_CONCEPTS = {KIND_INITIAL: KQ.InitialVet, KIND_CONTINUING: KQ.ContinuingVet}

ROLE_CHOICES = [
    ("introductory", _("introductory")),
    ("general", _("general")),
    ("competence", _("qualification competence")),
    ("optional", _("optional")),
    ("final", _("final")),
]
ROLE_CONCEPTS = {
    "introductory": KQ.RoleIntroductory,
    "general": KQ.RoleGeneral,
    "competence": KQ.RoleCompetence,
    "optional": KQ.RoleOptional,
    "final": KQ.RoleFinal,
}


class VetProgramme(RegistryEntity):
    code_pattern = r"[PTM][1-8][2-5][0-9]{4}[0-9]{2}"
    code_help = _("kind letter P/T/M + LTKS level + ISCED level + ISCED-F field + serial, e.g. M44101301")

    description_lt = models.TextField(_("description (Lithuanian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=KIND_CHOICES, default=KIND_INITIAL)
    qualification = models.ForeignKey(
        Qualification,
        verbose_name=_("awarded qualification"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    ltks_level = models.PositiveSmallIntegerField(_("LTKS level"), choices=LTKS_LEVEL_CHOICES)
    credits = models.PositiveSmallIntegerField(
        _("credits"), validators=[MinValueValidator(1)], help_text=_("Total learning credits.")
    )
    required_optional_credits = models.PositiveSmallIntegerField(
        _("required optional credits"),
        default=0,
        help_text=_("Credits the learner must take from the optional modules."),
    )

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("kind"), FieldPanel("ltks_level")]),
        FieldPanel("name_lt"),
        FieldPanel("name_en"),
        FieldPanel("description_lt"),
        FieldPanel("description_en"),
        FieldPanel("qualification"),
        FieldRowPanel([FieldPanel("credits"), FieldPanel("required_optional_credits")]),
        InlinePanel("module_links", label=_("modules"), min_num=1),
    ]

    rdf_mapping = EntityMapping(
        type_slug="programme",
        rdf_types=(KQ.VetProgramme,),
        fields=(
            Value("code", DCTERMS.identifier),
            Text("name_lt", DCTERMS.title, "lt"),
            Text("name_en", DCTERMS.title, "en"),
            Text("description_lt", DCTERMS.description, "lt"),
            Text("description_en", DCTERMS.description, "en"),
            ConceptRef("kind", KQ.programmeKind, KIND_CONCEPTS),
            Ref("qualification", KQ.awardsQualification, "qualification"),
            Ref("ltks_level", ELM.NQFLevel, "level"),
            Value("credits", KQ.credits),
            Value("required_optional_credits", KQ.requiredOptionalCredits),
            Ref("module_codes", ELM.hasPart, "module", many=True),
            Children(
                "module_links",
                KQ.hasModuleMembership,
                ChildMapping(
                    rdf_types=(KQ.ModuleMembership,),
                    uri=ChildUri.sub("module", key="module"),
                    fields=(
                        Ref("module", KQ.module, "module"),
                        ConceptRef("role", KQ.moduleRole, ROLE_CONCEPTS),
                        Value("position", KQ.position),
                    ),
                ),
            ),
        ),
    )

    class Meta(RegistryEntity.Meta):
        verbose_name = _("modular VET programme")
        verbose_name_plural = _("modular VET programmes")

    @property
    def module_codes(self) -> list[str]:
        return [link.module.code for link in self.module_links.all()]


class ProgrammeModule(Orderable):
    programme = ParentalKey(VetProgramme, related_name="module_links", on_delete=models.CASCADE)
    module = models.ForeignKey(
        Module, verbose_name=_("module"), on_delete=models.PROTECT, related_name="programme_links"
    )
    role = models.CharField(_("role"), max_length=16, choices=ROLE_CHOICES)

    panels = [FieldRowPanel([FieldPanel("module"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = _("programme module")
        verbose_name_plural = _("programme modules")

    def clean(self) -> None:
        super().clean()
        programme = getattr(self, "programme", None)
        module = getattr(self, "module", None)
        if programme and module and programme.ltks_level and module.ltks_level > programme.ltks_level:
            raise ValidationError(
                {"module": _("A level %(m)s module cannot be part of a level %(p)s programme.")
                 % {"m": module.ltks_level, "p": programme.ltks_level}}
            )
