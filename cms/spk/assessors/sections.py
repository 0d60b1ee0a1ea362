"""The assessor bank's part of the members' dashboard: a member learns whether they are in
the bank, staff see how many are."""

from __future__ import annotations

from cms.spk import roles

from .models import AssessorEntry
from .services import may_volunteer


def dashboard_section(request, committees) -> dict | None:
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name != "spk:dashboard":
        return None  # not on committee pages: the bank is not a committee's material
    user = request.user
    if roles.is_staff(user):
        return {"staff": True, "size": AssessorEntry.objects.count()}
    member = roles.member_of(user)
    if member is None:
        return None
    in_bank = AssessorEntry.objects.filter(member=member).exists()
    if not in_bank and not may_volunteer(user):
        return None
    return {"staff": False, "in_bank": in_bank}
