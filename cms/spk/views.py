"""The members' area: dashboard, committee space, profile."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import roles
from .dashboard import render_sections
from .forms import ProfileForm
from .models import Committee


@login_required
def dashboard(request):
    committees = roles.visible_committees(request.user).select_related("sector")
    context = {
        "committees": committees,
        "memberships": roles.current_memberships(request.user),
        "coordinated": roles.coordinated_committees(request.user),
        "roles": roles.role_names(request.user),
        "sections": render_sections(request, committees),
    }
    return render(request, "spk/dashboard.html", context)


@login_required
def committee_detail(request, pk: int):
    committee = get_object_or_404(Committee.objects.select_related("sector"), pk=pk)
    roles.require_view(request.user, committee)
    context = {
        "committee": committee,
        "current": committee.current_memberships().order_by("role", "member__last_name"),
        "history": committee.memberships.select_related("member") if roles.can_manage(request.user, committee)
        or roles.is_staff(request.user) else None,
        "can_manage": roles.can_manage(request.user, committee),
        "sections": render_sections(request, Committee.objects.filter(pk=committee.pk)),
    }
    return render(request, "spk/committee.html", context)


@login_required
def profile(request):
    member = roles.member_of(request.user)
    if member is None:
        raise Http404(_("Only committee members have a member profile."))
    form = ProfileForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("spk:profile")
    return render(request, "spk/profile.html", {"form": form, "member": member})
