"""The digest's line on the members' dashboard: what the member receives, and where to change it."""

from __future__ import annotations

from cms.spk import roles

from .subscriptions import member_subscriptions


def digest_section(request, committees) -> dict | None:
    member = roles.member_of(request.user)
    if member is None or request.resolver_match.url_name != "dashboard":
        return None  # shown once, on the overview, to members only
    subscriptions = list(member_subscriptions(member))
    if not subscriptions:
        return None
    return {"active": [s for s in subscriptions if s.active], "total": len(subscriptions)}
