"""What happens to a consultation: opened on a draft, evaluated by members, summarised and
closed with the committee's conclusion (recorded on the draft's own admin history too)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.registry.models import OccupationalStandard
from cms.spk.models import Member, Membership

from . import drafts
from .models import VERDICT_CHOICES, Consultation, ConsultationSection, Evaluation, SectionRemark

ACTION_OPENED = "spk.consultation_opened"
ACTION_CLOSED = "spk.consultation_closed"


class EvaluationRefused(Exception):
    """The consultation no longer takes evaluations (deadline passed or closed)."""


def can_evaluate(member: Member | None, consultation: Consultation) -> bool:
    """Only current members of the consultation's committee evaluate."""
    if member is None:
        return False
    return Membership.objects.current().filter(committee=consultation.committee_id, member=member).exists()


def refusal_message(consultation: Consultation) -> str | None:
    if not consultation.is_open:
        return _("This consultation is closed: evaluations are no longer accepted.")
    if consultation.deadline_passed:
        deadline = formats.date_format(timezone.localtime(consultation.deadline), "DATETIME_FORMAT")
        return _("The deadline %(deadline)s has passed: evaluations are no longer accepted.") % {"deadline": deadline}
    return None


def open_consultation(committee, entity, *, title: str, deadline, user) -> Consultation:
    """Put a draft to the committee. Raises ValidationError with a clear reason otherwise."""
    if not drafts.is_draft(entity):
        raise ValidationError(
            _("%(code)s is published and has no unpublished changes: only a draft can be put to consultation.")
            % {"code": entity.code}
        )
    if not drafts.belongs_to_committee(entity, committee):
        raise ValidationError(_("%(code)s does not belong to this committee's sector.") % {"code": entity.code})
    if deadline <= timezone.now():
        raise ValidationError(_("The deadline must be in the future."))
    kind = "standard" if isinstance(entity, OccupationalStandard) else "programme"
    with transaction.atomic():
        if Consultation.objects.open().filter(committee=committee, **{kind: entity}).exists():
            raise ValidationError(_("%(code)s is already under consultation in this committee.") % {"code": entity.code})
        draft = entity.get_latest_revision_as_object()
        consultation = Consultation.objects.create(
            committee=committee, title=title, deadline=deadline, opened_by=user,
            revision=entity.get_latest_revision(), **{kind: entity},
        )
        ConsultationSection.objects.bulk_create(
            ConsultationSection(consultation=consultation, key=key, title=section_title[:500], position=i)
            for i, (key, section_title) in enumerate(drafts.section_specs(entity, draft))
        )
        log(instance=entity, action=ACTION_OPENED, user=user, data=_log_data(consultation))
    return consultation


def submit_evaluation(consultation: Consultation, member: Member, *, verdict: str, comment: str,
                      remarks: dict[int, str]) -> Evaluation:
    """Create or revise the member's evaluation; `remarks` maps section id → text (blank = none).
    Raises EvaluationRefused, saving nothing, once the consultation no longer takes evaluations."""
    with transaction.atomic():
        # Lock the row so closing and a last-second submission cannot interleave.
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        refusal = refusal_message(locked)
        if refusal:
            raise EvaluationRefused(refusal)
        evaluation, created = Evaluation.objects.get_or_create(
            consultation=locked, member=member, defaults={"verdict": verdict, "comment": comment},
        )
        if not created:
            evaluation.verdict, evaluation.comment = verdict, comment
            evaluation.save()
            evaluation.remarks.all().delete()
        sections = set(locked.sections.values_list("pk", flat=True))
        SectionRemark.objects.bulk_create(
            SectionRemark(evaluation=evaluation, section_id=pk, text=text.strip())
            for pk, text in remarks.items() if pk in sections and text.strip()
        )
    return evaluation


def close_consultation(consultation: Consultation, *, conclusion: str, conclusion_text: str, user) -> Consultation:
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if not locked.is_open:
            raise ValidationError(_("This consultation is already closed."))
        locked.status = Consultation.STATUS_CLOSED
        locked.closed_at = timezone.now()
        locked.conclusion, locked.conclusion_text, locked.concluded_by = conclusion, conclusion_text, user
        locked.save()
        log(instance=locked.entity, action=ACTION_CLOSED, user=user, data=_log_data(locked))
    return locked


def _log_data(consultation: Consultation) -> dict:
    """What the draft's admin history keeps about the consultation (no member names)."""
    data = {
        "consultation_id": consultation.pk,
        "committee": consultation.committee.code,
        "title": consultation.title,
        "deadline": timezone.localtime(consultation.deadline).isoformat(),
    }
    if not consultation.is_open:
        counts = Counter(consultation.evaluations.values_list("verdict", flat=True))
        data.update(conclusion=consultation.conclusion, conclusion_text=consultation.conclusion_text,
                    counts={value: counts.get(value, 0) for value, _label in VERDICT_CHOICES})
    return data


@dataclass
class Summary:
    counts: list[tuple[str, str, int]]  # (verdict, label, count)
    total: int
    not_answered: list[Member]
    by_section: list[tuple[ConsultationSection, list[SectionRemark]]]
    evaluations: list[Evaluation]


def summarise(consultation: Consultation) -> Summary:
    evaluations = list(consultation.evaluations.select_related("member").order_by("member__last_name"))
    counts = Counter(e.verdict for e in evaluations)
    answered = {e.member_id for e in evaluations}
    current = Membership.objects.current().filter(committee=consultation.committee_id).select_related("member")
    not_answered = sorted({m.member for m in current if m.member_id not in answered}, key=lambda m: m.last_name)
    remarks = SectionRemark.objects.filter(evaluation__consultation=consultation).select_related(
        "evaluation__member", "section")
    by_section = [(section, [r for r in remarks if r.section_id == section.pk]) for section in consultation.sections.all()]
    return Summary(
        counts=[(value, label, counts.get(value, 0)) for value, label in VERDICT_CHOICES],
        total=len(evaluations), not_answered=not_answered, by_section=by_section, evaluations=evaluations,
    )
