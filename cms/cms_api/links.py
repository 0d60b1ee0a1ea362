"""Small page descriptions shared by meta fields, breadcrumbs and the navigation tree."""

from __future__ import annotations

from typing import Any

from wagtail.api.v2.utils import get_object_detail_url
from wagtail.models import Page


def local_path(page: Page) -> str | None:
    """The page's path inside its locale's home ("/" for a home), for front-end routing:
    "/lt/naujienos/x/" → "/naujienos/x/"."""
    if page.depth < 2 or not page.url_path:
        return None
    return "/" + "/".join(page.url_path.split("/")[2:])


def page_type(page: Page) -> str | None:
    model = page.specific_class
    return f"{model._meta.app_label}.{model.__name__}" if model else None


def page_link(page: Page, context: dict) -> dict[str, Any]:
    request = context["request"]
    return {
        "id": page.pk,
        "title": page.title,
        "type": page_type(page),
        "locale": page.locale.language_code,
        "path": local_path(page),
        "detail_url": get_object_detail_url(context["router"], request, Page, page.pk),
        "html_url": page.get_full_url(request=request),
    }
