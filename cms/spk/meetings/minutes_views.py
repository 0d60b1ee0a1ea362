"""The minutes, by the coordinator only: draft → approved (members read them) → published
(the public part becomes a meeting page on the committee's public page)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import MinutesForm
from .models import Meeting
from .services import MeetingError, approve_minutes, publish_minutes
from .views import meeting_for, render_detail


@login_required
@require_POST
def minutes_edit(request, pk: int):
    meeting = meeting_for(request, pk, manage=True)
    if meeting.status == Meeting.STATUS_CANCELLED:
        messages.error(request, _("The meeting was cancelled: it has no minutes."))
        return redirect(meeting)
    form = MinutesForm(request.POST, instance=meeting)
    if not form.is_valid():
        return render_detail(request, meeting, status=400, minutes_form=form)
    with transaction.atomic():
        meeting = form.save(commit=False)
        if form.has_changed() and meeting.minutes_status != Meeting.MINUTES_DRAFT:
            # Changed minutes are approved again; the public page keeps the last published text.
            meeting.minutes_status = Meeting.MINUTES_DRAFT
            meeting.minutes_approved_by = None
            meeting.minutes_approved_at = None
            messages.info(request, _("The minutes were changed and must be approved again."))
        meeting.save()
    messages.success(request, _("The minutes were saved."))
    return redirect(meeting)


@login_required
@require_POST
def minutes_approve(request, pk: int):
    meeting = meeting_for(request, pk, manage=True)
    try:
        approve_minutes(meeting, request.user)
    except MeetingError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The minutes were approved; the committee's members can read them now."))
    return redirect(meeting)


@login_required
@require_POST
def minutes_publish(request, pk: int):
    meeting = meeting_for(request, pk, manage=True)
    try:
        page = publish_minutes(meeting)
    except MeetingError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The public part of the minutes was published: %(url)s")
                         % {"url": page.get_full_url() or page.url_path})
    return redirect(meeting)
