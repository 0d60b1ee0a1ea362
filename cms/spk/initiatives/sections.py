"""What the initiatives app adds to the dashboard and the committee page."""

from __future__ import annotations

from cms.spk.models import Committee

from . import services
from .models import Initiative

RECENT = 5


def initiatives_section(request, committees) -> dict:
    """Recent initiatives of the given committees (the user's, on the dashboard; the one
    committee, on its page), with links to propose where the user is a member."""
    recent = (Initiative.objects.filter(committee__in=committees)
              .select_related("committee", "committee__sector", "proposed_by")[:RECENT])
    proposing = [c for c in committees if services.current_member_in(request.user, c)]
    return {"recent": recent, "proposing": proposing, "sees_all": services.sees_all_initiatives(request.user)}


def priorities_section(request, committees) -> dict | None:
    """The aggregate ranking, on a sector committee's own page only."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name != "spk:committee":
        return None
    committee = next(iter(committees), None)
    if committee is None or committee.kind != Committee.KIND_SECTOR:
        return None
    rows, voters = services.aggregate_ranking(committee)
    member = services.current_member_in(request.user, committee)
    mine = services.member_ranking(committee, member) if member else {}
    own = sorted(((rank, row.standard) for row in rows if (rank := mine.get(row.standard.pk))),
                 key=lambda pair: pair[0])
    return {"committee": committee, "rows": rows[:10], "voters": voters, "own": own,
            "is_member": member is not None, "has_standards": bool(rows)}
