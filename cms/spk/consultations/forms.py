"""Forms of the members' area: open a consultation, evaluate a draft, close with a conclusion."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.registry.models import OccupationalStandard, VetProgramme
from cms.spk.datetimes import check_plausible_datetime

from . import drafts
from .models import VERDICT_CHOICES, VERDICTS_NEEDING_REASONS

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class OpenConsultationForm(forms.Form):
    draft = forms.CharField(label=gettext_lazy("Draft under evaluation"))
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300, required=False,
                            help_text=gettext_lazy("Leave empty to use the draft's name."))
    deadline = forms.DateTimeField(label=gettext_lazy("Deadline"), widget=DATETIME_INPUT,
                                   input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"])

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.committee = committee
        choices = [("", "—")]
        choices += [(f"standard:{s.pk}", f"{s.code} {s.name_lt}") for s in drafts.draft_standards(committee)]
        choices += [(f"programme:{p.pk}", f"{p.code} {p.name_lt}") for p in drafts.draft_programmes(committee)]
        self.fields["draft"].widget = forms.Select(choices=choices)
        self.has_drafts = len(choices) > 1

    def clean_draft(self):
        kind, _sep, pk = self.cleaned_data["draft"].partition(":")
        model = {"standard": OccupationalStandard, "programme": VetProgramme}.get(kind)
        entity = model.objects.filter(pk=pk).first() if model and pk.isascii() and pk.isdigit() else None
        if entity is None:
            raise forms.ValidationError(_("Choose a draft standard or programme from the list."))
        if not drafts.belongs_to_committee(entity, self.committee):
            raise forms.ValidationError(_("%(code)s does not belong to this committee's sector.") % {"code": entity.code})
        if not drafts.is_draft(entity):
            raise forms.ValidationError(
                _("%(code)s is published and has no unpublished changes: only a draft can be put to consultation.")
                % {"code": entity.code})
        return entity

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        check_plausible_datetime(deadline)
        if deadline <= timezone.now():
            raise forms.ValidationError(_("The deadline must be in the future."))
        return deadline


class EvaluationForm(forms.Form):
    verdict = forms.ChoiceField(label=gettext_lazy("Verdict"), choices=VERDICT_CHOICES, widget=forms.RadioSelect)
    comment = forms.CharField(label=gettext_lazy("General comment"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, sections, evaluation=None, **kwargs):
        if evaluation is not None and not kwargs.get("data") and not args:
            initial = {"verdict": evaluation.verdict, "comment": evaluation.comment}
            initial.update({f"remark_{r.section_id}": r.text for r in evaluation.remarks.all()})
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.sections = list(sections)
        for section in self.sections:
            self.fields[f"remark_{section.pk}"] = forms.CharField(
                label=section.display_title, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def section_fields(self):
        return [self[f"remark_{section.pk}"] for section in self.sections]

    def remarks(self) -> dict[int, str]:
        return {section.pk: self.cleaned_data.get(f"remark_{section.pk}", "") for section in self.sections}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("verdict") in VERDICTS_NEEDING_REASONS:
            if not (cleaned.get("comment", "").strip() or any(text.strip() for text in self.remarks().values())):
                raise forms.ValidationError(
                    _("Approving with remarks or rejecting needs at least one remark on a section or a general comment."))
        return cleaned


class CloseConsultationForm(forms.Form):
    conclusion = forms.ChoiceField(label=gettext_lazy("The committee's conclusion"), choices=VERDICT_CHOICES,
                                   widget=forms.RadioSelect)
    conclusion_text = forms.CharField(label=gettext_lazy("Conclusion text"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 6}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("conclusion") in VERDICTS_NEEDING_REASONS and not cleaned.get("conclusion_text", "").strip():
            raise forms.ValidationError(_("Explain a conclusion with remarks or a rejection in the conclusion text."))
        return cleaned
