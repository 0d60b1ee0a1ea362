"""Forms of the initiatives area. Every choice is limited to what the user may pick, so a
tampered POST gets a form error, never a 500."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.registry.models import OccupationalStandard, Qualification, Sector
from cms.spk.models import Committee

from .models import Initiative, InitiativeComment
from .services import rankable_standards, transition_refusal


class InitiativeForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["kind", "title", "description", "standard", "qualification"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.committee = committee
        standards = OccupationalStandard.objects.filter(live=True).order_by("code")
        qualifications = Qualification.objects.filter(live=True).order_by("code")
        if committee.sector_id:
            standards = standards.filter(sector_id=committee.sector_id)
            qualifications = qualifications.filter(sectors=committee.sector_id).distinct()
        self.fields["standard"].queryset = standards
        self.fields["qualification"].queryset = qualifications


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Initiative.STATUS_CHOICES)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000,
                           help_text=_("Why the status changes; members see it in the history."))

    def __init__(self, *args, initiative: Initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        if not self.is_bound:
            self.fields["status"].choices = initiative.allowed_next_choices()

    def clean_status(self):
        status = self.cleaned_data["status"]
        if not self.initiative.can_become(status):
            raise forms.ValidationError(transition_refusal(self.initiative, status))
        return status


class CommentForm(forms.ModelForm):
    class Meta:
        model = InitiativeComment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}


class RankingForm(forms.Form):
    """One rank field per live standard of the sector. Blank means “not ranked”; the ranks
    given must be distinct numbers between 1 and the number of standards."""

    def __init__(self, *args, committee: Committee, initial_ranks: dict[int, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.standards = list(rankable_standards(committee))
        initial_ranks = initial_ranks or {}
        for standard in self.standards:
            self.fields[self.field_name(standard)] = forms.IntegerField(
                label=f"{standard.code} {standard.name_lt}", required=False,
                min_value=1, max_value=len(self.standards), initial=initial_ranks.get(standard.pk),
            )

    @staticmethod
    def field_name(standard) -> str:
        return f"rank_{standard.pk}"

    def rows(self):
        return [(standard, self[self.field_name(standard)]) for standard in self.standards]

    def clean(self):
        cleaned = super().clean()
        by_rank: dict[int, list[str]] = {}
        for standard in self.standards:
            rank = cleaned.get(self.field_name(standard))
            if rank is not None:
                by_rank.setdefault(rank, []).append(standard.code)
        duplicates = {rank: codes for rank, codes in by_rank.items() if len(codes) > 1}
        for rank, codes in sorted(duplicates.items()):
            self.add_error(None, _("Rank %(rank)s is given to more than one standard (%(codes)s): each rank "
                                   "may be used once.") % {"rank": rank, "codes": ", ".join(codes)})
        return cleaned

    def ranks(self) -> dict[int, int]:
        """standard id → rank for the ranked standards (valid form only)."""
        return {s.pk: self.cleaned_data[self.field_name(s)] for s in self.standards
                if self.cleaned_data.get(self.field_name(s)) is not None}


class InitiativeFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("all statuses")), *Initiative.STATUS_CHOICES])
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("all kinds")), *Initiative.KIND_CHOICES])

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        if self.cleaned_data.get("status"):
            queryset = queryset.filter(status=self.cleaned_data["status"])
        if self.cleaned_data.get("kind"):
            queryset = queryset.filter(kind=self.cleaned_data["kind"])
        return queryset


class CrossSectorFilterForm(InitiativeFilterForm):
    sector = forms.ModelChoiceField(label=_("Sector"), required=False, empty_label=_("all sectors"),
                                    queryset=Sector.objects.filter(spk_committee__isnull=False).order_by("code"))

    def filter(self, queryset):
        queryset = super().filter(queryset)
        if self.is_valid() and self.cleaned_data.get("sector"):
            queryset = queryset.filter(committee__sector=self.cleaned_data["sector"])
        return queryset
