"""Economic sectors and their sectoral professional committees (SPK)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from rdflib.namespace import SKOS
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from graph.mapping import ChildUri, Constant, Embedded, EntityMapping, Text, Value
from graph.uris import scheme_uri
from ontology.namespaces import KQ

from .base import RegistryEntity


class Sector(RegistryEntity):
    code_pattern = r"S(0[1-9]|1[0-6])"
    code_help = "S01–S16"

    description_lt = models.TextField(_("description (Lithuanian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    nace_sections = models.CharField(
        _("NACE sections"),
        max_length=64,
        help_text=_("NACE (EVRK) section letters, comma-separated, e.g. “D, E”."),
    )
    committee_name_lt = models.CharField(_("committee name (Lithuanian)"), max_length=400)
    committee_name_en = models.CharField(
        _("committee name (English)"), max_length=400, blank=True
    )

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("nace_sections")]),
        FieldPanel("name_lt"),
        FieldPanel("name_en"),
        FieldPanel("description_lt"),
        FieldPanel("description_en"),
        MultiFieldPanel(
            [FieldPanel("committee_name_lt"), FieldPanel("committee_name_en")],
            heading=_("Sectoral professional committee"),
        ),
    ]

    rdf_mapping = EntityMapping(
        type_slug="sector",
        rdf_types=(SKOS.Concept,),
        fields=(
            Value("code", SKOS.notation),
            Constant(SKOS.inScheme, lambda base: scheme_uri(base, "sector")),
            Text("name_lt", SKOS.prefLabel, "lt"),
            Text("name_en", SKOS.prefLabel, "en"),
            Text("description_lt", SKOS.definition, "lt"),
            Text("description_en", SKOS.definition, "en"),
            Value("nace_section_list", KQ.naceSection, many=True),
            Embedded(
                KQ.hasCommittee,
                rdf_types=(KQ.SectorCommittee,),
                uri=ChildUri.minted("committee", key="code"),
                fields=(
                    Text("committee_name_lt", SKOS.prefLabel, "lt"),
                    Text("committee_name_en", SKOS.prefLabel, "en"),
                ),
                inverse=KQ.committeeOf,
            ),
        ),
    )

    class Meta(RegistryEntity.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    @property
    def nace_section_list(self) -> list[str]:
        return [s.strip().upper() for s in self.nace_sections.split(",") if s.strip()]

    def clean(self) -> None:
        super().clean()
        bad = [s for s in self.nace_section_list if not re.fullmatch(r"[A-U]", s)]
        if bad or not self.nace_section_list:
            raise ValidationError(
                {"nace_sections": _("Give one or more NACE section letters A–U, e.g. “D, E”.")}
            )
