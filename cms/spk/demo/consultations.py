"""Demo consultations of a committee: a closed one (on a draft programme, or on the standard if
the sector has no programme) with its conclusion, and an open one on a draft of the sector's
occupational standard. Drafts are new unpublished revisions of live registry entities, so the
public API and the graph keep showing the published content."""

from __future__ import annotations

from cms.registry.models import OccupationalStandard, VetProgramme

from ..consultations import drafts, services
from ..consultations.models import (
    VERDICT_APPROVE,
    VERDICT_APPROVE_WITH_REMARKS,
    VERDICT_REJECT,
    Consultation,
    Evaluation,
)
from ..models import Committee
from .meetings import at, roster


def make_draft(entity, user):
    """Save a revision with a changed name without publishing it; returns the row, which keeps
    its published values. An entity that already has unpublished changes is used as it is."""
    model = type(entity)
    working = model.objects.get(pk=entity.pk)  # a copy: the caller's instance keeps the live values
    if not drafts.is_draft(working):
        working.name_lt = f"{working.name_lt} (atnaujinimo projektas)"[:255]
        if working.name_en:
            working.name_en = f"{working.name_en} (update draft)"[:255]
        working.save_revision(user=user, log_action=True)
    return model.objects.get(pk=entity.pk)


def _evaluate(consultation: Consultation, answers) -> None:
    """answers: (member, verdict, comment, {section position: remark})."""
    sections = list(consultation.sections.order_by("position"))
    for member, verdict, comment, remarks in answers:
        by_id = {sections[i].pk: text for i, text in remarks.items() if i < len(sections)}
        services.submit_evaluation(consultation, member, verdict=verdict, comment=comment, remarks=by_id)


def _title(draft, stage: str = "") -> str:
    return f"{draft.code} projekto {stage}vertinimas"


def closed_consultation(committee: Committee, entity, user) -> Consultation | None:
    if Consultation.objects.filter(committee=committee, status=Consultation.STATUS_CLOSED).exists():
        return None
    draft = make_draft(entity, user)
    consultation = services.open_consultation(committee, draft, title=_title(draft, "išankstinis "),
                                               deadline=at(7, 17), user=user)
    people = roster(committee)
    _evaluate(consultation, [
        (people[0], VERDICT_APPROVE, "Projektas atitinka sektoriaus poreikius.", {}),
        (people[2 % len(people)], VERDICT_APPROVE_WITH_REMARKS, "Pritariu su pastabomis.",
         {0: "Aprašyme trūksta nuorodos į skaitmeninius įgūdžius.", 1: "Patikslinti šios dalies apimtį."}),
        (people[4 % len(people)], VERDICT_APPROVE_WITH_REMARKS, "Iš esmės pritariu.",
         {1: "Siūlau papildyti praktinio mokymo užduotimis."}),
    ])
    services.close_consultation(
        consultation, conclusion=VERDICT_APPROVE_WITH_REMARKS, user=user,
        conclusion_text="Komitetas pritaria projektui, jei bus atsižvelgta į pastabas dėl skaitmeninių įgūdžių "
                        "ir praktinio mokymo.",
    )
    # The demo's history: this consultation ran last month, not today.
    Consultation.objects.filter(pk=consultation.pk).update(opened_at=at(-40, 9), deadline=at(-12, 17),
                                                           closed_at=at(-10, 15))
    Evaluation.objects.filter(consultation=consultation).update(submitted_at=at(-20, 11))
    return consultation


def open_consultation(committee: Committee, standard, user) -> Consultation | None:
    if Consultation.objects.open().filter(committee=committee).exists():
        return None
    draft = make_draft(standard, user)
    consultation = services.open_consultation(committee, draft, title=_title(draft), deadline=at(21, 17), user=user)
    people = roster(committee)
    _evaluate(consultation, [
        (people[1 % len(people)], VERDICT_APPROVE, "", {}),
        (people[3 % len(people)], VERDICT_APPROVE_WITH_REMARKS, "Pritariu, bet reikia patikslinimų.",
         {0: "Standarto pavadinimas turėtų atspindėti turizmo paslaugas.", 1: "Kompetencijų ribos per plačios."}),
        (people[5 % len(people)], VERDICT_REJECT, "Projektas dar nebrandus: trūksta darbdavių apklausos duomenų.",
         {0: "Nepagrįsti atnaujinimo tikslai."}),
    ])
    return consultation


def load_consultations(committee: Committee, user) -> None:
    if not committee.sector_id:
        return
    standard = OccupationalStandard.objects.filter(sector=committee.sector_id, live=True).order_by("code").first()
    programme = (VetProgramme.objects.filter(live=True, qualification__sectors=committee.sector_id)
                 .distinct().order_by("code").first())
    closed_on = programme or standard  # a second draft when the sector has a programme
    if closed_on is not None:
        closed_consultation(committee, closed_on, user)
    if standard is not None:
        open_consultation(committee, standard, user)
