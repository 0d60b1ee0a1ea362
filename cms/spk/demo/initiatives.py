"""Demo initiatives in every status, each with its history, a comment, and three members'
priority rankings of the sector's standards. Proposals pass the members' own form and status
changes go through cms.spk.initiatives.services, so the demo obeys the allowed transitions."""

from __future__ import annotations

from cms.registry.models import Qualification

from ..initiatives import services
from ..initiatives.forms import CommentForm, InitiativeForm, RankingForm
from ..initiatives.models import Initiative, InitiativeStatusChange
from ..models import Committee, Member
from .meetings import at, roster

P, R, A, X, D = (Initiative.STATUS_PROPOSED, Initiative.STATUS_UNDER_REVIEW, Initiative.STATUS_ACCEPTED,
                 Initiative.STATUS_REJECTED, Initiative.STATUS_DONE)
# The path each initiative took and the coordinator's note for every step.
PATHS = {P: [], R: [R], A: [R, A], X: [R, X], D: [R, A, D]}
NOTES = {
    R: "Perduota svarstyti komiteto posėdyje.",
    A: "Komitetas pritarė; įtraukta į metų darbų planą.",
    X: "Atmesta: poreikis jau tenkinamas esama kvalifikacija.",
    D: "Įgyvendinta: pakeitimai paskelbti registre.",
}


def _specs(committee: Committee) -> list[tuple[str, str, str, str, bool, bool]]:
    """(final status, kind, title, description, refers to the standard, refers to a qualification)."""
    code = committee.code
    return [
        (P, Initiative.KIND_NEW_QUALIFICATION, f"{code}: nauja skaitmeninių paslaugų kvalifikacija",
         "Darbdaviai nurodo naujų darbo vietų, kurioms reikia skaitmeninių paslaugų kompetencijų.", False, False),
        (R, Initiative.KIND_STANDARD_UPDATE, f"{code}: atnaujinti standarto kompetencijų ribas",
         "Kai kurios kompetencijų ribos neatitinka šiuolaikinių technologijų.", True, False),
        (A, Initiative.KIND_PROGRAMME_UPDATE, f"{code}: daugiau praktinio mokymo darbo vietoje",
         "Siūloma didinti pameistrystės dalį programose.", False, True),
        (X, Initiative.KIND_OTHER, f"{code}: atskiras egzaminų centras sektoriui",
         "Siūloma steigti atskirą kompetencijų vertinimo centrą.", False, False),
        (D, Initiative.KIND_STANDARD_UPDATE, f"{code}: papildyti standartą tvarumo kompetencijomis",
         "Į standartą įtraukti tvaraus išteklių naudojimo kompetencijas.", True, False),
    ]


def _propose(committee: Committee, member: Member, kind: str, title: str, description: str, standard,
             qualification) -> Initiative:
    form = InitiativeForm({"kind": kind, "title": title, "description": description,
                           "standard": standard.pk if standard else "",
                           "qualification": qualification.pk if qualification else ""}, committee=committee)
    if not form.is_valid():
        raise ValueError(f"demo initiative “{title}” refused: {form.errors.as_json()}")
    form.instance.proposed_by = member
    return form.save()


def _comment(initiative: Initiative, member: Member, body: str) -> None:
    form = CommentForm({"body": body})
    form.instance.initiative, form.instance.author = initiative, member.user
    form.save()


def _proposal(committee: Committee, coordinator, member: Member, spec, standard, qualification, age: int) -> None:
    status, kind, title, description, on_standard, on_qualification = spec
    if Initiative.objects.filter(committee=committee, title=title).exists():
        return
    initiative = _propose(committee, member, kind, title, description,
                          standard if on_standard else None, qualification if on_qualification else None)
    for step in PATHS[status]:
        services.change_status(initiative, step, coordinator, NOTES[step])
    _comment(initiative, member, "Galiu pateikti daugiau informacijos iš savo organizacijos.")
    # Spread the history over the past weeks instead of one instant.
    Initiative.objects.filter(pk=initiative.pk).update(created_at=at(-age, 9))
    for number, change in enumerate(initiative.status_changes.order_by("pk"), start=1):
        InitiativeStatusChange.objects.filter(pk=change.pk).update(changed_at=at(-age + 4 * number, 14))


def _rankings(committee: Committee, members: list[Member]) -> None:
    standards = list(services.rankable_standards(committee))
    for shift, member in enumerate(members):
        if not standards or services.member_ranking(committee, member):
            continue
        data = {RankingForm.field_name(s): (i + shift) % len(standards) + 1 for i, s in enumerate(standards)}
        form = RankingForm(data, committee=committee)
        if not form.is_valid():
            raise ValueError(f"demo ranking refused: {form.errors.as_json()}")
        services.save_ranking(committee, member, form.ranks())


def load_initiatives(committee: Committee, coordinator) -> None:
    people = roster(committee)
    if not people:
        return
    standard = services.rankable_standards(committee).first()
    qualification = Qualification.objects.filter(live=True, sectors=committee.sector_id).order_by("code").first()
    for number, spec in enumerate(_specs(committee)):
        _proposal(committee, coordinator, people[number % len(people)], spec, standard, qualification,
                  age=40 - 5 * number)
    _rankings(committee, [people[i % len(people)] for i in (0, 1, 3)])


def load_chairs_initiative(chairs: Committee, coordinator) -> None:
    """A cross-sector proposal in the chairs' committee, under review."""
    people = roster(chairs)
    if not people:
        return
    spec = (R, Initiative.KIND_OTHER, "Bendros skaitmeninių kompetencijų gairės visiems sektoriams",
            "Siūloma parengti tarpsektorines skaitmeninių kompetencijų gaires standartams.", False, False)
    _proposal(chairs, coordinator, people[0], spec, None, None, age=30)
