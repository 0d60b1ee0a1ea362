"""A "registry reference" block: choosers for published registry entities.

One chooser per type (Wagtail's snippet choosers), so Wagtail's reference index records each
reference and the registry can list the pages that use an entity before it goes away."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.blocks import SnippetChooserBlock

from ..registry_refs import entity_reference
from .stream import CheckedStreamBlock


class RegistryEntityChooserBlock(SnippetChooserBlock):
    """Only a published entity may be chosen; one unpublished later is left out of the API."""

    def clean(self, value):
        value = super().clean(value)
        if value is not None and not value.live:
            raise ValidationError(
                _("Only published registry entries can be referenced: “%(entity)s” is a draft.")
                % {"entity": value}
            )
        return value

    def get_api_representation(self, value, context=None):
        return entity_reference(value)


class RegistryReferencesBlock(CheckedStreamBlock):
    """Block names are the graph's type slugs (graph/uris.py TYPE_SLUGS)."""

    qualification = RegistryEntityChooserBlock("registry.Qualification", label=_("Qualification"))
    standard = RegistryEntityChooserBlock("registry.OccupationalStandard", label=_("Occupational standard"))
    programme = RegistryEntityChooserBlock("registry.VetProgramme", label=_("VET programme"))
    module = RegistryEntityChooserBlock("registry.Module", label=_("Module"))
    sector = RegistryEntityChooserBlock("registry.Sector", label=_("Sector"))

    class Meta:
        icon = "link"
        label = _("Registry reference")
        min_num = 1

    def get_api_representation(self, value, context=None):
        if value is None:
            return []
        return [
            ref
            for child in value
            if (ref := child.block.get_api_representation(child.value, context)) is not None
        ]
