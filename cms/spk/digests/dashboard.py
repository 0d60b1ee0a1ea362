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


NEWS_DAYS = 90
NEWS_SHOWN = 6


def news_section(request, committees) -> dict | None:
    """The latest public news about the user's committees' sectors, newest first."""
    from django.utils import timezone
    from django.utils.translation import get_language

    from .news import news_items

    since = timezone.now() - timezone.timedelta(days=NEWS_DAYS)
    items = sorted(news_items(committees, since), key=lambda item: item.happened_at, reverse=True)
    if not items:
        return None
    language = get_language() or "lt"
    names = {committee.pk: committee.name for committee in committees}
    return {"items": [
        {"title": item.title(language), "url": item.link(language), "summary": item.summary(language),
         "when": item.happened_at, "committee": names.get(item.committee_id, "")}
        for item in items[:NEWS_SHOWN]
    ]}
