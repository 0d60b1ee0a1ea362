"""Occupational standards (profesiniai standartai)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from rdflib.namespace import DCTERMS
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from graph.mapping import ConceptRef, EntityMapping, Ref, Text, Value
from ontology.namespaces import ADMS, KQ

from .base import STATUS_CHOICES, STATUS_VALID, RegistryEntity
from .sectors import Sector

STATUS_CONCEPTS = {"valid": KQ.StatusValid, "withdrawn": KQ.StatusWithdrawn}


class OccupationalStandard(RegistryEntity):
    code_pattern = r"PS[A-U][0-9]{2}"
    code_help = _("PS + NACE section letter + 2 digits, e.g. PSF01")

    description_lt = models.TextField(_("description (Lithuanian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="standards"
    )
    approval_order = models.CharField(_("approval order"), max_length=64, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=STATUS_CHOICES, default=STATUS_VALID
    )

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("status")]),
        FieldPanel("name_lt"),
        FieldPanel("name_en"),
        FieldPanel("description_lt"),
        FieldPanel("description_en"),
        FieldPanel("sector"),
        FieldRowPanel([FieldPanel("approval_order"), FieldPanel("approved_on")]),
    ]

    rdf_mapping = EntityMapping(
        type_slug="standard",
        rdf_types=(KQ.OccupationalStandard,),
        fields=(
            Value("code", DCTERMS.identifier),
            Text("name_lt", DCTERMS.title, "lt"),
            Text("name_en", DCTERMS.title, "en"),
            Text("description_lt", DCTERMS.description, "lt"),
            Text("description_en", DCTERMS.description, "en"),
            Ref("sector", KQ.sector, "sector"),
            Value("approval_order", KQ.approvalOrder),
            Value("approved_on", DCTERMS.issued),
            ConceptRef("status", ADMS.status, STATUS_CONCEPTS),
        ),
    )

    class Meta(RegistryEntity.Meta):
        verbose_name = _("occupational standard")
        verbose_name_plural = _("occupational standards")
