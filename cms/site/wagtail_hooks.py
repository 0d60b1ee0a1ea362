"""Admin additions for the editorial CMS: the headless preview link in a page's menu."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import widgets

from cms.cms_api.admin_views import preview_token_view


@hooks.register("register_admin_urls")
def register_preview_token_url():
    return [path("cms/preview-token/<int:page_id>/", preview_token_view, name="cms_preview_token")]


@hooks.register("register_page_header_buttons")
def preview_token_button(page, user, view_name=None, next_url=None):
    if not page.is_root() and page.permissions_for_user(user).can_edit():
        yield widgets.Button(
            _("Headless preview link"),
            reverse("cms_preview_token", args=[page.pk]),
            icon_name="view",
            priority=90,
        )
