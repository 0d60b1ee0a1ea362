"""List filters (django-filter). Every value is validated: a bad one is a 400 naming the parameter.

- ``ltks_level`` / ``eqf_level``: 1–8 (LTKS n = EQF n, Government Resolution No. 535).
- ``isced``: an ISCED-F 2013 code of any depth in the vocabulary; a broad (``10``) or narrow
  (``101``) field matches every detailed field under it (prefix match on the 4-digit code).
- ``sector``, ``standard``, ``qualification``, ``programme``: the code of a *published* entity.
- ``updated_since``: ISO 8601 date or date-time, compared with the publish time; without a
  UTC offset it is read as UTC (as OAI-PMH harvesters expect).
- Query parameters a resource does not know are ignored (as in the ESCO API).
"""

from __future__ import annotations

import datetime
import re

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.registry.models import (
    Module,
    OccupationalStandard,
    Qualification,
    QualificationUnit,
    Sector,
    VetProgramme,
)
from cms.registry.models.base import STATUS_CHOICES
from cms.registry.models.programmes import KIND_CHOICES
from cms.registry.models.qualifications import TYPE_CHOICES

from .isced import isced_codes

LEVEL_CHOICES = [(n, str(n)) for n in range(1, 9)]


class UtcIsoDateTimeField(forms.DateTimeField):
    """ISO 8601 date or date-time; naive values are UTC; out-of-range values are invalid."""

    def to_python(self, value):
        with timezone.override(datetime.UTC):
            parsed = super().to_python(value)
        if parsed is not None:
            try:
                parsed.astimezone(datetime.UTC)  # year 1 with a +01:00 offset cannot be stored
            except OverflowError as exc:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        return parsed


class CodeChoiceField(forms.ModelChoiceField):
    """A published entity's code: checked against the code form before any query, so that
    garbage (NUL bytes, megabytes) never reaches the database."""

    def to_python(self, value):
        if value not in self.empty_values and not re.fullmatch(r"[A-Za-z0-9-]{1,32}", str(value)):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class CodeFilter(filters.ModelChoiceFilter):
    field_class = CodeChoiceField

    def __init__(self, model, field_name, help_text, **kwargs):
        super().__init__(
            field_name=field_name,
            queryset=model.objects.filter(live=True),
            to_field_name="code",
            label=model._meta.verbose_name,
            help_text=help_text,
            distinct=True,  # to-many paths (sectors, memberships) would repeat rows
            **kwargs,
        )


def level_filter(label, help_text) -> filters.TypedChoiceFilter:
    return filters.TypedChoiceFilter(
        field_name="ltks_level", choices=LEVEL_CHOICES, coerce=int, label=label, help_text=help_text
    )


def ltks_filter():
    return level_filter(_("LTKS level"), _("LTKS level, 1–8."))


def eqf_filter():
    # LTKS n = EQF n: the same column, another name for harvesters who think in EQF.
    return level_filter(_("EQF level"), _("EQF level, 1–8 (LTKS level n is EQF level n)."))


class UpdatedSinceFilter(filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


def updated_since_filter():
    return UpdatedSinceFilter(
        field_name="last_published_at",
        lookup_expr="gte",
        help_text=_("Published at or after this ISO 8601 date or date-time (UTC unless an offset is given)."),
    )


def status_filter():
    return filters.ChoiceFilter(choices=STATUS_CHOICES, help_text=_("Register status."))


class IscedFilter(filters.ChoiceFilter):
    def __init__(self, field_name, **kwargs):
        super().__init__(
            field_name=field_name,
            lookup_expr="startswith",
            choices=lambda: [(code, code) for code in isced_codes()],
            help_text=_(
                "ISCED-F 2013 field code; a broad (2-digit) or narrow (3-digit) field "
                "matches every detailed field under it."
            ),
            **kwargs,
        )


class SectorFilterSet(filters.FilterSet):
    updated_since = updated_since_filter()

    class Meta:
        model = Sector
        fields: list[str] = []


class StandardFilterSet(filters.FilterSet):
    sector = CodeFilter(Sector, "sector", _("Sector code, e.g. S05."))
    status = status_filter()
    updated_since = updated_since_filter()

    class Meta:
        model = OccupationalStandard
        fields: list[str] = []


class UnitFilterSet(filters.FilterSet):
    sector = CodeFilter(Sector, "standard__sector", _("Sector code, e.g. S05."))
    standard = CodeFilter(OccupationalStandard, "standard", _("Occupational standard code, e.g. PSF01."))
    ltks_level = ltks_filter()
    eqf_level = eqf_filter()
    updated_since = updated_since_filter()

    class Meta:
        model = QualificationUnit
        fields: list[str] = []


class QualificationFilterSet(filters.FilterSet):
    sector = CodeFilter(Sector, "sectors", _("Sector code, e.g. S05."))
    standard = CodeFilter(OccupationalStandard, "standard", _("Occupational standard code, e.g. PSF01."))
    ltks_level = ltks_filter()
    eqf_level = eqf_filter()
    isced = IscedFilter("isced_f")
    status = status_filter()
    qualification_type = filters.ChoiceFilter(choices=TYPE_CHOICES, help_text=_("Qualification type."))
    updated_since = updated_since_filter()

    class Meta:
        model = Qualification
        fields: list[str] = []


class ModuleFilterSet(filters.FilterSet):
    programme = CodeFilter(VetProgramme, "programme_links__programme", _("Programme code, e.g. M44101301."))
    ltks_level = ltks_filter()
    eqf_level = eqf_filter()
    updated_since = updated_since_filter()

    class Meta:
        model = Module
        fields: list[str] = []


class ProgrammeFilterSet(filters.FilterSet):
    sector = CodeFilter(Sector, "qualification__sectors", _("Sector code of the awarded qualification."))
    qualification = CodeFilter(
        Qualification, "qualification", _("Awarded qualification code, e.g. K4101301.")
    )
    module = CodeFilter(Module, "module_links__module", _("Code of a module in the programme."))
    ltks_level = ltks_filter()
    eqf_level = eqf_filter()
    isced = IscedFilter("qualification__isced_f")
    kind = filters.ChoiceFilter(choices=KIND_CHOICES, help_text=_("Initial or continuing VET."))
    updated_since = updated_since_filter()

    class Meta:
        model = VetProgramme
        fields: list[str] = []
