"""GET /api/cms/v2/navigation/?locale=lt&depth=2 — the menu tree of one locale.

Pages appear when they are live, public and "show in menus" (Wagtail's menu flag), and
only under a parent that appears too."""

from __future__ import annotations

from django.conf import settings
from django.urls import path
from rest_framework.response import Response
from wagtail.models import Locale, Page, Site

from .links import page_link
from .pages import CmsPagesAPIViewSet

MAX_DEPTH = 4


def _message(text: str, status: int) -> Response:
    return Response({"message": text}, status=status)


class NavigationAPIViewSet(CmsPagesAPIViewSet):
    def tree_view(self, request):
        unknown = set(request.GET) - {"locale", "depth", "site", "format"}
        if unknown:
            return _message(f"query parameter is not recognised: {', '.join(sorted(unknown))}", 400)
        language = request.GET.get("locale") or settings.LANGUAGE_CODE
        if language not in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
            allowed = ", ".join(dict(settings.WAGTAIL_CONTENT_LANGUAGES))
            return _message(f"locale must be one of {allowed}, got '{language}'", 400)
        raw_depth = request.GET.get("depth", "2")
        if not raw_depth.isdigit() or not 1 <= int(raw_depth) <= MAX_DEPTH:
            return _message(f"depth must be a whole number from 1 to {MAX_DEPTH}, got '{raw_depth}'", 400)
        depth = int(raw_depth)

        base = self.get_base_queryset()
        site = Site.find_for_request(request)
        locale = Locale.objects.filter(language_code=language).first()
        home = site.root_page.get_translation_or_none(locale) if site and locale else None
        if home is None or not base.filter(pk=home.pk).exists():
            return _message(f"no published home page in locale '{language}'", 404)

        root = {**page_link(home, self.get_serializer_context()), "children": []}
        nodes = {home.path: root}
        pages = (
            base.descendant_of(home)
            .filter(depth__lte=home.depth + depth, show_in_menus=True)
            .select_related("locale")
            .order_by("path")
        )
        context = self.get_serializer_context()
        for page in pages:
            parent = nodes.get(page.path[: -Page.steplen])
            if parent is None:
                continue  # its parent is hidden from menus, so it is too
            node = nodes[page.path] = {**page_link(page, context), "children": []}
            parent["children"].append(node)
        return Response({"locale": language, "depth": depth, "root": root})

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "tree_view"}), name="tree")]
