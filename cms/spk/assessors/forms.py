"""The member's own entry form and the staff search form."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.registry.models import Qualification, QualificationUnit
from cms.spk.models import Committee

from .models import ASSESSMENT_LANGUAGE_CHOICES, LEVEL_CHOICES, REGION_CHOICES, AssessorEntry

CONSENT_TEXT = _(
    "I agree that KPMPC keeps my entry in the assessor bank: the qualifications and competence units I can "
    "assess, LTKS levels, region, languages and availability, together with my name, organisation, e-mail and "
    "phone from my member profile. Only KPMPC staff see it, to invite me to assess and recognise competences. "
    "I can withdraw my consent at any time; my entry is then deleted."
)
CODE_SEPARATORS = re.compile(r"[\s,;]+")
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def split_codes(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for code in CODE_SEPARATORS.split(text or ""):
        if code:
            seen[code.upper()] = None
    return list(seen)


def live_by_codes(model, text: str, unknown_message) -> list:
    """Live registry rows for the typed codes, or a form error naming every unknown code."""
    codes = split_codes(text)
    found = {row.code: row for row in model.objects.filter(live=True, code__in=codes)}
    missing = [code for code in codes if code not in found]
    if missing:
        raise ValidationError(unknown_message % {"codes": ", ".join(missing)})
    return [found[code] for code in codes]


class LevelsField(forms.TypedMultipleChoiceField):
    default_error_messages = {
        "invalid_choice": _("LTKS levels are 1 to 8; “%(value)s” is not one of them."),
    }


class AssessorEntryForm(forms.ModelForm):
    qualification_codes = forms.CharField(
        label=_("Qualifications I can assess"),
        help_text=_("Codes of registry qualifications, separated by commas, e.g. K4101301."),
        max_length=2000,
        widget=forms.TextInput(attrs={"list": "live-qualifications", "autocomplete": "off"}),
    )
    unit_codes = forms.CharField(
        label=_("Competence units I can assess"),
        help_text=_("Optional: codes of qualification units, separated by commas, e.g. PSI01-V01."),
        max_length=2000,
        required=False,
    )
    levels = LevelsField(
        label=_("LTKS levels"), choices=LEVEL_CHOICES, coerce=int, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one LTKS level.")},
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages I can assess in"), choices=ASSESSMENT_LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one language."),
            "invalid_choice": _("“%(value)s” is not one of the languages offered."),
        },
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={
            "required": _("Without your consent you cannot be in the assessor bank: tick the consent box."),
        },
    )

    class Meta:
        model = AssessorEntry
        fields = ["region", "available_from", "available_until", "availability_note"]
        widgets = {"available_from": DATE_INPUT, "available_until": DATE_INPUT,
                   "availability_note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"availability_note": _("E.g. weekdays only, not in July.")}

    def __init__(self, *args, needs_consent: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_consent:
            del self.fields["consent"]
        entry = self.instance
        if entry.pk and not self.is_bound:
            self.initial.update({
                "qualification_codes": ", ".join(q.code for q in entry.qualifications.order_by("code")),
                "unit_codes": ", ".join(u.code for u in entry.units.order_by("code")),
                "levels": entry.level_numbers,
                "languages": entry.language_codes,
            })

    def clean_qualification_codes(self):
        found = live_by_codes(
            Qualification, self.cleaned_data["qualification_codes"],
            _("No qualification in the registry has the code(s): %(codes)s."),
        )
        if not found:
            raise ValidationError(_("Name at least one qualification you can assess."))
        return found

    def clean_unit_codes(self):
        return live_by_codes(
            QualificationUnit, self.cleaned_data["unit_codes"],
            _("No qualification unit in the registry has the code(s): %(codes)s."),
        )


class BankSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or organisation"), required=False, max_length=200)
    qualification = forms.CharField(label=_("Qualification code"), required=False, max_length=32)
    level = forms.TypedChoiceField(
        label=_("LTKS level"), choices=[("", "—"), *LEVEL_CHOICES], coerce=int, empty_value=None, required=False,
        error_messages={"invalid_choice": _("LTKS levels are 1 to 8; “%(value)s” is not one of them.")},
    )
    region = forms.ChoiceField(label=_("Region"), choices=[("", "—"), *REGION_CHOICES], required=False)
    language = forms.ChoiceField(label=_("Language"), choices=[("", "—"), *ASSESSMENT_LANGUAGE_CHOICES],
                                 required=False)
    available_on = forms.DateField(label=_("Available on"), required=False, widget=DATE_INPUT)
    committee = forms.ModelChoiceField(
        label=_("Committee / sector"), queryset=Committee.objects.all(), required=False, empty_label="—",
        error_messages={"invalid_choice": _("There is no such committee.")},
    )

    def clean_qualification(self):
        code = self.cleaned_data["qualification"].strip().upper()
        if code and not Qualification.objects.filter(code=code).exists():
            raise ValidationError(_("No qualification in the registry has the code %(code)s.") % {"code": code})
        return code
