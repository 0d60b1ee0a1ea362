"""Members' area: meeting list and page, scheduling, answering an invitation, downloads.

Every view needs a login and asks cms.spk.roles about the meeting's committee: another
committee's meeting is a 403, an unknown id a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cms.spk import roles
from cms.spk.models import Committee

from .forms import AttendanceForm, MaterialForm, MeetingForm, MinutesForm, ResponseForm
from .models import Meeting, MeetingInvitation, MeetingMaterial
from .services import schedule_meeting, sync_invitations


def meeting_for(request, pk: int, *, manage: bool = False) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("committee", "committee__sector"), pk=pk)
    (roles.require_manage if manage else roles.require_view)(request.user, meeting.committee)
    return meeting


def invitation_of(user, meeting: Meeting) -> MeetingInvitation | None:
    member = roles.member_of(user)
    return meeting.invitations.filter(member=member).first() if member else None


@login_required
def meeting_list(request):
    committees = roles.visible_committees(request.user)
    meetings = Meeting.objects.filter(committee__in=committees).select_related("committee", "committee__sector")
    now = timezone.now()
    context = {
        "upcoming": meetings.filter(ends_at__gte=now).order_by("starts_at"),
        "past": meetings.filter(ends_at__lt=now).order_by("-starts_at")[:100],
        "coordinated": roles.coordinated_committees(request.user),
        "feed_url": subscription_url(request),
    }
    return render(request, "spk_meetings/list.html", context)


def subscription_url(request) -> str:
    from .calendar import feed_token  # calendar imports this module

    return request.build_absolute_uri(reverse("spk:meetings:calendar_subscribed", args=[feed_token(request.user)]))


def render_detail(request, meeting: Meeting, status: int = 200, **forms):
    """The meeting page; a form that failed validation is passed in bound so its errors show."""
    can_manage = roles.can_manage(request.user, meeting.committee)
    invitation = invitation_of(request.user, meeting)
    context = {
        "meeting": meeting,
        "can_manage": can_manage,
        "invitation": invitation,
        "materials": meeting.materials.all(),
        "show_minutes": can_manage or meeting.minutes_visible_to_members,
        "can_respond": invitation is not None and meeting.is_upcoming
        and meeting.status != Meeting.STATUS_CANCELLED,
        "invited_count": meeting.invitations.count(),
    }
    if context["can_respond"]:
        context["response_form"] = forms.get("response_form") or ResponseForm(
            initial={"response": invitation.response})
    if can_manage:
        invitations = meeting.invitations.select_related("member")
        context.update(
            invitations=invitations,
            material_form=forms.get("material_form") or MaterialForm(),
            minutes_form=forms.get("minutes_form") or MinutesForm(instance=meeting),
            attendance_form=forms.get("attendance_form") or AttendanceForm(invitations=invitations),
        )
    return render(request, "spk_meetings/detail.html", context, status=status)


@login_required
def meeting_detail(request, pk: int):
    return render_detail(request, meeting_for(request, pk))


@login_required
def meeting_create(request, committee_pk: int):
    committee = get_object_or_404(Committee, pk=committee_pk)
    roles.require_manage(request.user, committee)
    form = MeetingForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        meeting = schedule_meeting(form.save(commit=False), request.user, form.cleaned_data["invited"])
        count = meeting.invitations.count()
        messages.success(request, ngettext("The meeting was scheduled and %(count)d member was invited.",
                                           "The meeting was scheduled and %(count)d members were invited.",
                                           count) % {"count": count})
        return redirect(meeting)
    return render(request, "spk_meetings/form.html", {"form": form, "committee": committee, "meeting": None})


@login_required
def meeting_edit(request, pk: int):
    meeting = meeting_for(request, pk, manage=True)
    form = MeetingForm(request.POST or None, instance=meeting, committee=meeting.committee)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            sync_invitations(meeting, form.cleaned_data["invited"])
        messages.success(request, _("The meeting was saved."))
        return redirect(meeting)
    return render(request, "spk_meetings/form.html", {"form": form, "committee": meeting.committee,
                                                      "meeting": meeting})


@login_required
@require_POST
def respond(request, pk: int):
    meeting = meeting_for(request, pk)
    invitation = invitation_of(request.user, meeting)
    if invitation is None:
        raise Http404(_("You are not invited to this meeting."))
    if meeting.status == Meeting.STATUS_CANCELLED or not meeting.is_upcoming:
        messages.error(request, _("This meeting is over or cancelled: the answer can no longer be changed."))
        return redirect(meeting)
    form = ResponseForm(request.POST)
    if not form.is_valid():
        return render_detail(request, meeting, status=400, response_form=form)
    invitation.response = form.cleaned_data["response"]
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["response", "responded_at"])
    messages.success(request, _("Your answer was recorded."))
    return redirect(meeting)


@login_required
def material_download(request, pk: int, material_pk: int):
    meeting = meeting_for(request, pk)
    material = get_object_or_404(MeetingMaterial.objects.select_related("document"), pk=material_pk,
                                 meeting=meeting)
    document = material.document
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404(_("The file of this material is missing.")) from missing
    response = FileResponse(handle, as_attachment=True, filename=document.filename,
                            content_type=document.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def material_upload(request, pk: int):
    from .services import share_material

    meeting = meeting_for(request, pk, manage=True)
    form = MaterialForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_detail(request, meeting, status=400, material_form=form)
    uploaded = form.cleaned_data["file"]
    share_material(meeting, uploaded, form.cleaned_data["title"] or uploaded.name, request.user)
    messages.success(request, _("The material was shared with the committee."))
    return redirect(meeting)


@login_required
@require_POST
def attendance(request, pk: int):
    meeting = meeting_for(request, pk, manage=True)
    invitations = meeting.invitations.select_related("member")
    form = AttendanceForm(request.POST, invitations=invitations)
    if not meeting.has_started or meeting.status == Meeting.STATUS_CANCELLED:
        messages.error(request, _("Attendance can be recorded only once the meeting has started."))
        return redirect(meeting)
    if not form.is_valid():
        return render_detail(request, meeting, status=400, attendance_form=form)
    with transaction.atomic():
        for invitation in form.invitations:
            invitation.attendance = form.cleaned_data[form.field_name(invitation)]
            invitation.save(update_fields=["attendance"])
        if meeting.status == Meeting.STATUS_SCHEDULED:
            meeting.status = Meeting.STATUS_HELD
            meeting.save(update_fields=["status"])
    messages.success(request, _("Attendance was recorded."))
    return redirect(meeting)
