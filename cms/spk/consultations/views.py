"""/members/consultations/: consultations on drafts, for members of the committee and KPMPC staff.
Members evaluate; coordinators open, follow the summary and close; staff read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.spk import roles
from cms.spk.models import Committee

from . import drafts, services
from .forms import CloseConsultationForm, EvaluationForm, OpenConsultationForm
from .models import Consultation, Evaluation


def _consultation(request, pk: int) -> Consultation:
    consultation = get_object_or_404(Consultation.objects.select_related("committee", "standard", "programme"), pk=pk)
    roles.require_view(request.user, consultation.committee)
    return consultation


def _require_summary_reader(user, consultation: Consultation) -> None:
    if not (roles.is_staff(user) or roles.can_manage(user, consultation.committee)):
        raise PermissionDenied(_("Only KPMPC staff and the committee's coordinator see the summary."))


@login_required
def consultation_list(request):
    committees = roles.visible_committees(request.user)
    rows = Consultation.objects.filter(committee__in=committees).select_related("committee", "standard", "programme")
    context = {
        "open_consultations": rows.open().order_by("deadline"),
        "closed_consultations": rows.closed().order_by("-closed_at"),
        "managed": roles.coordinated_committees(request.user).filter(kind=Committee.KIND_SECTOR),
    }
    return render(request, "spk_consultations/list.html", context)


def _detail_context(request, consultation: Consultation, form=None) -> dict:
    member = roles.member_of(request.user)
    may_evaluate = services.can_evaluate(member, consultation)
    mine = Evaluation.objects.filter(consultation=consultation, member=member).first() if may_evaluate else None
    refusal = services.refusal_message(consultation)
    sections = consultation.sections.all()
    if may_evaluate and not refusal and form is None:
        form = EvaluationForm(sections=sections, evaluation=mine)
    draft = consultation.draft()
    return {
        "consultation": consultation,
        "overview": drafts.draft_overview(consultation.entity, draft),
        "parts": drafts.draft_parts(consultation.entity, draft),
        "sections": sections,
        "may_evaluate": may_evaluate,
        "my_evaluation": mine,
        "refusal": refusal,
        "form": form if may_evaluate and not refusal else None,
        "can_manage": roles.can_manage(request.user, consultation.committee),
        "can_read_summary": roles.is_staff(request.user) or roles.can_manage(request.user, consultation.committee),
    }


@login_required
def consultation_detail(request, pk: int):
    consultation = _consultation(request, pk)
    return render(request, "spk_consultations/detail.html", _detail_context(request, consultation))


@login_required
@require_POST
def evaluate(request, pk: int):
    consultation = _consultation(request, pk)
    member = roles.member_of(request.user)
    if not services.can_evaluate(member, consultation):
        raise PermissionDenied(_("Only current members of this committee evaluate the draft."))
    refusal = services.refusal_message(consultation)
    if refusal:
        messages.error(request, refusal)
        return redirect("spk:consultations:detail", pk=consultation.pk)
    form = EvaluationForm(request.POST, sections=consultation.sections.all())
    if not form.is_valid():
        return render(request, "spk_consultations/detail.html", _detail_context(request, consultation, form),
                      status=400)
    try:
        services.submit_evaluation(consultation, member, verdict=form.cleaned_data["verdict"],
                                   comment=form.cleaned_data["comment"], remarks=form.remarks())
    except services.EvaluationRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Your evaluation was saved. You may revise it until the deadline."))
    return redirect("spk:consultations:detail", pk=consultation.pk)


@login_required
def summary(request, pk: int):
    consultation = _consultation(request, pk)
    _require_summary_reader(request.user, consultation)
    context = {
        "consultation": consultation,
        "summary": services.summarise(consultation),
        "can_manage": roles.can_manage(request.user, consultation.committee),
    }
    return render(request, "spk_consultations/summary.html", context)


@login_required
def open_consultation(request, committee_pk: int):
    committee = get_object_or_404(Committee.objects.select_related("sector"), pk=committee_pk)
    roles.require_manage(request.user, committee)
    form = OpenConsultationForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        entity = form.cleaned_data["draft"]
        try:
            consultation = services.open_consultation(
                committee, entity, title=form.cleaned_data["title"] or entity.get_latest_revision_as_object().name_lt,
                deadline=form.cleaned_data["deadline"], user=request.user)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("The consultation was opened."))
            return redirect("spk:consultations:detail", pk=consultation.pk)
    status = 400 if form.errors else 200
    return render(request, "spk_consultations/open.html", {"form": form, "committee": committee}, status=status)


@login_required
def close_consultation(request, pk: int):
    consultation = _consultation(request, pk)
    roles.require_manage(request.user, consultation.committee)
    form = CloseConsultationForm(request.POST or None)
    if not consultation.is_open:
        messages.error(request, _("This consultation is already closed."))
        return redirect("spk:consultations:detail", pk=consultation.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.close_consultation(consultation, user=request.user, **form.cleaned_data)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, _("The consultation was closed and the conclusion recorded on the draft."))
        return redirect("spk:consultations:detail", pk=consultation.pk)
    context = {"form": form, "consultation": consultation, "summary": services.summarise(consultation)}
    return render(request, "spk_consultations/close.html", context, status=400 if form.errors else 200)
