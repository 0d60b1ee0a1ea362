"""/members/initiatives/: initiatives of the user's committees, the chairs' cross-sector
view, and the priority ranking of the sector's standards."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.spk import roles
from cms.spk.models import Committee

from . import services
from .forms import (
    CommentForm,
    CrossSectorFilterForm,
    InitiativeFilterForm,
    InitiativeForm,
    RankingForm,
    StatusChangeForm,
)
from .models import Initiative

LIST_RELATED = ("committee", "committee__sector", "proposed_by", "standard", "qualification")


def _initiative_or_404(pk: int) -> Initiative:
    return get_object_or_404(Initiative.objects.select_related(*LIST_RELATED), pk=pk)


def _require_view(user, initiative: Initiative) -> None:
    if not services.can_view_initiative(user, initiative):
        raise PermissionDenied(_("This initiative belongs to another committee."))


def _proposing_committees(user):
    """Sector and chairs' committees the user currently sits on: where they may propose."""
    return roles.member_committees(user).select_related("sector")


@login_required
def initiative_list(request):
    committees = roles.visible_committees(request.user)
    filters = InitiativeFilterForm(request.GET or None)
    initiatives = filters.filter(
        Initiative.objects.filter(committee__in=committees).select_related(*LIST_RELATED)
        .annotate(comment_count=Count("comments"))
    )
    return render(request, "spk_initiatives/list.html", {
        "initiatives": initiatives, "filters": filters,
        "proposing": _proposing_committees(request.user),
        "sees_all": services.sees_all_initiatives(request.user),
    })


@login_required
def cross_sector(request):
    if not services.sees_all_initiatives(request.user):
        raise PermissionDenied(_("Only the committee of SPK chairs and KPMPC staff see all committees' initiatives."))
    filters = CrossSectorFilterForm(request.GET or None)
    initiatives = filters.filter(
        Initiative.objects.select_related(*LIST_RELATED).annotate(comment_count=Count("comments"))
    )
    return render(request, "spk_initiatives/cross_sector.html", {"initiatives": initiatives, "filters": filters})


def _detail_context(request, initiative: Initiative, **forms) -> dict:
    can_manage = roles.can_manage(request.user, initiative.committee)
    can_comment = services.can_comment(request.user, initiative)
    context = {
        "initiative": initiative,
        "history": initiative.status_changes.select_related("changed_by", "changed_by__spk_member"),
        "comments": initiative.comments.select_related("author", "author__spk_member"),
        "can_manage": can_manage,
        "can_comment": can_comment,
        # chairs reading other committees' initiatives do not enter those committees' spaces
        "can_view_committee": roles.can_view(request.user, initiative.committee),
        "status_form": (forms.get("status_form") or StatusChangeForm(initiative=initiative))
        if can_manage and initiative.allowed_next() else None,
        "comment_form": (forms.get("comment_form") or CommentForm()) if can_comment else None,
    }
    return context


@login_required
def initiative_detail(request, pk: int):
    initiative = _initiative_or_404(pk)
    _require_view(request.user, initiative)
    return render(request, "spk_initiatives/detail.html", _detail_context(request, initiative))


@login_required
def propose(request, committee_pk: int):
    committee = get_object_or_404(Committee.objects.select_related("sector"), pk=committee_pk)
    member = services.current_member_in(request.user, committee)
    if member is None:
        raise PermissionDenied(_("Only current members of this committee can propose initiatives to it."))
    form = InitiativeForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        form.instance.proposed_by = member
        initiative = form.save()
        messages.success(request, _("Your initiative was proposed."))
        return redirect("spk:initiatives:detail", pk=initiative.pk)
    return render(request, "spk_initiatives/propose.html", {"form": form, "committee": committee},
                  status=400 if form.is_bound else 200)


@login_required
@require_POST
def change_status(request, pk: int):
    initiative = _initiative_or_404(pk)
    roles.require_manage(request.user, initiative.committee)
    form = StatusChangeForm(request.POST, initiative=initiative)
    if form.is_valid():
        try:
            services.change_status(initiative, form.cleaned_data["status"], request.user, form.cleaned_data["note"])
        except ValidationError as refused:  # someone else moved it meanwhile
            form.add_error("status", refused)
        else:
            messages.success(request, _("The status is now “%(status)s”.") % {
                "status": initiative.get_status_display()})
            return redirect("spk:initiatives:detail", pk=initiative.pk)
    initiative.refresh_from_db()
    reasons = [_("The status was not changed."), *form.errors.get("status", [])]
    messages.error(request, " ".join(str(reason) for reason in reasons))
    return render(request, "spk_initiatives/detail.html", _detail_context(request, initiative, status_form=form),
                  status=400)


@login_required
@require_POST
def add_comment(request, pk: int):
    initiative = _initiative_or_404(pk)
    _require_view(request.user, initiative)
    if not services.can_comment(request.user, initiative):
        raise PermissionDenied(_("Only members of this committee and its coordinator can comment."))
    form = CommentForm(request.POST)
    if form.is_valid():
        form.instance.initiative = initiative
        form.instance.author = request.user
        form.save()
        messages.success(request, _("Your comment was added."))
        return redirect("spk:initiatives:detail", pk=initiative.pk)
    return render(request, "spk_initiatives/detail.html", _detail_context(request, initiative, comment_form=form),
                  status=400)


def _sector_committee_or_404(pk: int) -> Committee:
    committee = get_object_or_404(Committee.objects.select_related("sector"), pk=pk)
    if committee.sector_id is None:
        raise Http404(_("The committee of chairs has no sector standards to rank."))
    return committee


@login_required
def ranking(request, committee_pk: int):
    committee = _sector_committee_or_404(committee_pk)
    member = services.current_member_in(request.user, committee)
    if member is None:
        raise PermissionDenied(_("Only current members of this committee rank its priorities."))
    form = RankingForm(request.POST or None, committee=committee,
                       initial_ranks=services.member_ranking(committee, member))
    if request.method == "POST":
        if form.is_valid():
            services.save_ranking(committee, member, form.ranks())
            messages.success(request, _("Your ranking was saved."))
            return redirect("spk:initiatives:priorities", committee_pk=committee.pk)
        messages.error(request, _("Your ranking was not saved; your previous ranking is kept."))
    return render(request, "spk_initiatives/ranking.html", {"form": form, "committee": committee},
                  status=400 if form.is_bound and not form.is_valid() else 200)


@login_required
def priorities(request, committee_pk: int):
    committee = _sector_committee_or_404(committee_pk)
    roles.require_view(request.user, committee)
    rows, voters = services.aggregate_ranking(committee)
    member = services.current_member_in(request.user, committee)
    own = None
    if member is not None:
        mine = services.member_ranking(committee, member)
        own = sorted(((rank, row.standard) for row in rows if (rank := mine.get(row.standard.pk))),
                     key=lambda pair: pair[0])
    return render(request, "spk_initiatives/priorities.html", {
        "committee": committee, "rows": rows, "voters": voters, "own": own, "is_member": member is not None,
    })
