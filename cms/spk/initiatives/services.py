"""What can happen to initiatives and priority rankings; every write is one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cms.registry.models import OccupationalStandard
from cms.spk import roles
from cms.spk.models import Committee, Member, Membership

from .models import Initiative, InitiativeStatusChange, PriorityVote


def sees_all_initiatives(user) -> bool:
    """KPMPC staff and the current members of the chairs' committee see every committee's initiatives."""
    if roles.is_staff(user):
        return True
    return roles.current_memberships(user).filter(committee__kind=Committee.KIND_CHAIRS).exists()


def can_view_initiative(user, initiative: Initiative) -> bool:
    return roles.can_view(user, initiative.committee) or sees_all_initiatives(user)


def current_member_in(user, committee: Committee) -> Member | None:
    """The user's member record if they sit on `committee` today, else None."""
    member = roles.member_of(user)
    if member and Membership.objects.current().filter(member=member, committee=committee).exists():
        return member
    return None


def can_comment(user, initiative: Initiative) -> bool:
    return bool(current_member_in(user, initiative.committee)) or roles.can_manage(user, initiative.committee)


def change_status(initiative: Initiative, to_status: str, user, note: str = "") -> InitiativeStatusChange:
    """Move the initiative one allowed step and record who did it. Locks the row so two
    coordinators acting at once cannot both move it from the same status."""
    with transaction.atomic():
        locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if not locked.can_become(to_status):
            raise ValidationError(transition_refusal(locked, to_status), code="transition")
        change = InitiativeStatusChange.objects.create(
            initiative=locked, from_status=locked.status, to_status=to_status, changed_by=user, note=note,
        )
        locked.status = to_status
        locked.save(update_fields=["status"])
    initiative.status = to_status
    return change


def transition_refusal(initiative: Initiative, to_status: str) -> str:
    labels = dict(Initiative.STATUS_CHOICES)
    allowed = ", ".join(str(labels[s]) for s in initiative.allowed_next())
    if not allowed:
        return _("The initiative is “%(current)s”: its status can no longer change.") % {
            "current": initiative.get_status_display()}
    return _("An initiative that is “%(current)s” cannot become “%(target)s”; allowed: %(allowed)s.") % {
        "current": initiative.get_status_display(), "target": labels.get(to_status, to_status), "allowed": allowed}


# --- priorities ---------------------------------------------------------------------------

def rankable_standards(committee: Committee):
    """The sector's live occupational standards, the ones members rank."""
    if committee.sector_id is None:
        return OccupationalStandard.objects.none()
    return OccupationalStandard.objects.filter(sector_id=committee.sector_id, live=True).order_by("code")


def member_ranking(committee: Committee, member: Member) -> dict[int, int]:
    """standard id → rank, for the member's votes on live standards."""
    votes = PriorityVote.objects.filter(committee=committee, member=member,
                                        standard__in=rankable_standards(committee))
    return dict(votes.values_list("standard_id", "rank"))


def save_ranking(committee: Committee, member: Member, ranks: dict[int, int]) -> None:
    """Replace the member's whole ranking. Validation happens in the form; the unique
    constraints are the backstop, and the transaction keeps the old ranking if they fire."""
    with transaction.atomic():
        PriorityVote.objects.filter(committee=committee, member=member).delete()
        PriorityVote.objects.bulk_create([
            PriorityVote(committee=committee, member=member, standard_id=standard_id, rank=rank)
            for standard_id, rank in sorted(ranks.items(), key=lambda item: item[1])
        ])


@dataclass
class RankedStandard:
    standard: OccupationalStandard
    points: int  # Borda points summed over voters
    voters: int  # members who ranked this standard
    mean_rank: float | None  # mean of the members' (normalised) ranks


def aggregate_ranking(committee: Committee) -> tuple[list[RankedStandard], int]:
    """Borda count over current members' rankings.

    Each voter's ranked standards are renumbered 1..k in their order (so a withdrawn standard
    leaves no gap); position p earns n + 1 - p points where n is the number of rankable
    standards, and unranked standards earn nothing. Ties break on mean rank, then code.
    Returns (rows, number of voters)."""
    standards = list(rankable_standards(committee))
    n = len(standards)
    current = Membership.objects.current().filter(committee=committee).values("member")
    votes = PriorityVote.objects.filter(committee=committee, member__in=current,
                                        standard__in=[s.pk for s in standards]).order_by("member", "rank")
    per_member: dict[int, list[int]] = {}
    for member_id, standard_id in votes.values_list("member_id", "standard_id"):
        per_member.setdefault(member_id, []).append(standard_id)
    points = {s.pk: 0 for s in standards}
    positions: dict[int, list[int]] = {s.pk: [] for s in standards}
    for ordered in per_member.values():
        for position, standard_id in enumerate(ordered, start=1):
            points[standard_id] += n + 1 - position
            positions[standard_id].append(position)
    rows = [
        RankedStandard(s, points[s.pk], len(positions[s.pk]),
                       sum(positions[s.pk]) / len(positions[s.pk]) if positions[s.pk] else None)
        for s in standards
    ]
    rows.sort(key=lambda r: (-r.points, r.mean_rank if r.mean_rank is not None else n + 1, r.standard.code))
    return rows, len(per_member)
