"""/members/assessors/: staff search the bank; a member keeps their own entry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cms.registry.models import Qualification
from cms.spk import roles

from . import services
from .exports import csv_response
from .forms import AssessorEntryForm, BankSearchForm
from .models import AssessorEntry

PAGE_SIZE = 25


def require_staff(user) -> None:
    if not roles.is_staff(user):
        raise PermissionDenied(_("Only KPMPC staff can search the assessor bank."))


def own_member(user):
    member = roles.member_of(user)
    if member is None:
        raise PermissionDenied(_("Only committee members can volunteer for the assessor bank."))
    return member


@never_cache
@login_required
def bank(request):
    require_staff(request.user)
    form = BankSearchForm(request.GET)
    entries = services.search(form.cleaned_data) if form.is_valid() else AssessorEntry.objects.none()
    if request.GET.get("format") == "csv" and form.is_valid():
        return csv_response(entries)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    committees = services.current_committees(page.object_list)
    for entry in page.object_list:
        entry.committee_list = committees.get(entry.member_id, [])
    context = {"form": form, "page": page, "total": AssessorEntry.objects.count()}
    return render(request, "spk_assessors/bank.html", context)


@never_cache
@login_required
def detail(request, pk: int):
    if roles.is_staff(request.user):
        entry = get_object_or_404(AssessorEntry.objects.select_related("member"), pk=pk)
    else:
        # A member sees their own entry only; whether another id exists is not theirs to learn.
        entry = AssessorEntry.objects.filter(member__user=request.user, pk=pk).select_related("member").first()
        if entry is None:
            raise PermissionDenied(_("You can see only your own assessor bank entry."))
    context = {
        "entry": entry,
        "committees": services.current_committees([entry]).get(entry.member_id, []),
        "is_own": entry.member.user_id == request.user.pk,
    }
    return render(request, "spk_assessors/detail.html", context)


@never_cache
@login_required
def my_entry(request):
    member = own_member(request.user)
    entry = AssessorEntry.objects.filter(member=member).first()
    may_edit = services.may_volunteer(request.user)
    if request.method == "POST" and not may_edit:
        raise PermissionDenied(_("Only a member with a current committee membership can volunteer."))
    form = None
    if may_edit:
        form = AssessorEntryForm(
            request.POST or None, instance=entry or AssessorEntry(), needs_consent=services.needs_consent(entry)
        )
        if request.method == "POST" and form.is_valid():
            created = entry is None
            try:
                services.save_entry(member, form)
            except IntegrityError:  # the same form sent twice at once: the first one won
                messages.info(request, _("Your assessor bank entry was already saved; check it below."))
                return redirect("spk:assessors:me")
            messages.success(request, _("You are now in the assessor bank.") if created
                             else _("Your assessor bank entry was saved."))
            return redirect("spk:assessors:me")
        if request.method == "POST":
            messages.error(request, _("Your entry was not saved: please correct the errors below."))
    context = {
        "member": member,
        "entry": entry,
        "form": form,
        "may_edit": may_edit,
        "live_qualifications": Qualification.objects.filter(live=True).only("code", "name_lt", "name_en")
        if form else (),
    }
    return render(request, "spk_assessors/me.html", context)


@login_required
@require_POST
def withdraw(request):
    member = own_member(request.user)
    if services.withdraw(member):
        messages.success(request, _("Your consent was withdrawn and your assessor bank entry was deleted."))
    else:
        messages.info(request, _("You are not in the assessor bank."))
    return redirect("spk:assessors:me")
