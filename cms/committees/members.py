"""The member list on a public committee page.

Member data is private (cms/spk). The public page names only members who consented to it
(`Member.listed_publicly`), and only their name, role and delegating organisation: never an
e-mail, phone, assessor entry or anything from the members' area."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext


def committee_members(page) -> list[dict[str, Any]]:
    from cms.spk.models import Committee, Membership

    committee = Committee.objects.filter(sector_id=page.sector_id).first()
    if committee is None:
        return []
    rows = (
        committee.current_memberships()
        .filter(member__listed_publicly=True)
        .order_by("role", "member__last_name", "member__first_name")
    )
    order = {role: index for index, (role, _label) in enumerate(Membership.ROLE_CHOICES)}
    members = [
        {
            "name": row.member.full_name,
            "role": row.role,
            "role_label": gettext(row.get_role_display()),
            "organisation": row.delegating_organisation or row.member.organisation,
        }
        for row in rows
    ]
    return sorted(members, key=lambda item: order.get(item["role"], 99))
