"""Build pages the way the demo loader does: published LT page, linked EN translation."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale

from cms.site.demo.builder import PageSpec, ensure_page


def add(parent, model, slug, lt, en=None, **common):
    """(lt page, en page or None). Without `en` the page exists in Lithuanian only."""
    if en is None:
        page = model(slug=slug, locale=Locale.objects.get(language_code="lt"), **common, **lt)
        parent.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page, None
    return ensure_page(parent, PageSpec(model, slug, lt=lt, en=en, common=common))


def user_in(group_name: str, username: str):
    user = get_user_model().objects.create_user(username, f"{username}@example.test", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user
