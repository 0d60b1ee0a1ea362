"""Forms of the members' area for meetings: every refusal is a form error a person can act on."""

from __future__ import annotations

import os

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from cms.site.documents import check_document_content
from cms.spk.datetimes import check_plausible_datetime
from cms.spk.models import Member

from .models import Meeting, MeetingInvitation
from .services import current_members

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MeetingForm(forms.ModelForm):
    invited = forms.ModelMultipleChoiceField(
        label=_("Invited members"), queryset=Member.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("All current members of the committee are invited unless you untick them."),
    )
    online_url = forms.URLField(label=_("online meeting link"), required=False, assume_scheme="https")

    class Meta:
        model = Meeting
        fields = ["title_lt", "title_en", "starts_at", "ends_at", "place", "online_url", "agenda", "status"]
        widgets = {"starts_at": DATETIME_WIDGET, "ends_at": DATETIME_WIDGET,
                   "agenda": forms.Textarea(attrs={"rows": 8})}
        # publish_minutes puts the title, place and agenda on the public meeting page: say so.
        help_texts = {"agenda": _("Published on the public meeting page together with the approved minutes.")}

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.committee = committee
        members = current_members(committee)
        if self.instance.pk:
            invited = set(self.instance.invitations.values_list("member_id", flat=True))
            offered = invited | set(members.values_list("pk", flat=True))  # those who left stay listed
            self.fields["invited"].queryset = Member.objects.filter(pk__in=offered).order_by("last_name", "first_name")
            self.fields["invited"].initial = sorted(invited)
        else:
            self.fields["invited"].queryset = members.order_by("last_name", "first_name")
            self.fields["invited"].initial = list(members.values_list("pk", flat=True))
            del self.fields["status"]  # a new meeting is scheduled; held/cancelled come later

    def clean_starts_at(self):
        check_plausible_datetime(self.cleaned_data["starts_at"])
        return self.cleaned_data["starts_at"]

    def clean_ends_at(self):
        check_plausible_datetime(self.cleaned_data["ends_at"])
        return self.cleaned_data["ends_at"]

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("place") or cleaned.get("online_url")) and not self.errors:
            self.add_error("place", _("Give a place or an online meeting link."))
        return cleaned

    def _post_clean(self):
        self.instance.committee = self.committee
        super()._post_clean()


class ResponseForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Your answer"),
        choices=[(MeetingInvitation.RESPONSE_ACCEPTED, _("I will attend")),
                 (MeetingInvitation.RESPONSE_DECLINED, _("I will not attend"))],
    )


class AttendanceForm(forms.Form):
    """One choice per invited member, named after the invitation."""

    def __init__(self, *args, invitations, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitations = list(invitations)
        for invitation in self.invitations:
            self.fields[self.field_name(invitation)] = forms.ChoiceField(
                label=invitation.member.full_name, required=False, initial=invitation.attendance,
                choices=[("", _("not recorded")), *MeetingInvitation.ATTENDANCE_CHOICES],
            )

    @staticmethod
    def field_name(invitation) -> str:
        return f"attendance_{invitation.pk}"

    def rows(self):
        return [(invitation, self[self.field_name(invitation)]) for invitation in self.invitations]


class MinutesForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["minutes_public", "minutes_private", "decisions"]
        widgets = {name: forms.Textarea(attrs={"rows": 8}) for name in fields}
        help_texts = {
            "minutes_public": _("Published on the committee's public meeting page once approved and published."),
            "minutes_private": _("Seen only by the committee's members and KPMPC staff, never published."),
            "decisions": _("Published on the public meeting page together with the public part."),
        }


class MaterialForm(forms.Form):
    file = forms.FileField(label=_("File"))
    title = forms.CharField(label=_("Title"), max_length=255, required=False,
                            help_text=_("Leave empty to use the file name."))

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        extension = os.path.splitext(uploaded.name)[1].lower().lstrip(".")
        allowed = [ext.lower() for ext in getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []]
        if allowed and extension not in allowed:
            raise ValidationError(
                _("Files of type “.%(ext)s” cannot be shared. Allowed types: %(allowed)s.")
                % {"ext": extension or "?", "allowed": ", ".join(f".{ext}" for ext in allowed)},
                code="extension",
            )
        limit = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
        if limit is not None and uploaded.size > limit:
            raise ValidationError(
                _("The file is too large (%(size)s); the limit is %(limit)s.")
                % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
                code="size",
            )
        check_document_content(uploaded)
        return uploaded

    def clean_title(self):
        return self.cleaned_data["title"].strip()
