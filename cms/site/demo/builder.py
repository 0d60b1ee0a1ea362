"""Create a demo page in Lithuanian and its linked English translation, once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.text import slugify
from wagtail.models import Locale, Page


@dataclass
class PageSpec:
    model: type[Page]
    slug: str
    lt: dict[str, Any]  # translated fields, title included
    en: dict[str, Any]
    common: dict[str, Any] = field(default_factory=dict)  # dates, sector, documents, menu flag


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def ensure_page(parent_lt: Page, spec: PageSpec, counts: dict[str, int] | None = None) -> tuple[Page, Page]:
    """(LT page, EN page). An existing page is kept as editors left it; only what is
    missing is created, so the loader can run on every `make run`."""
    lt, en = Locale.objects.get(language_code="lt"), Locale.objects.get(language_code="en")
    page = parent_lt.get_children().filter(slug=spec.slug).first()
    if page is None:
        page = spec.model(slug=spec.slug, locale=lt, **spec.common, **spec.lt)
        parent_lt.add_child(instance=page)
        _publish(page)
        if counts is not None:
            counts[spec.model._meta.model_name] = counts.get(spec.model._meta.model_name, 0) + 1
    page = page.specific
    translation = page.get_translation_or_none(en)
    if translation is None:
        translation = page.copy_for_translation(en)
        for name, value in spec.en.items():
            setattr(translation, name, value)
        if "slug" not in spec.en:  # English URLs for English pages
            translation.slug = slugify(spec.en["title"])[:80].strip("-") or spec.slug
        translation.save()
        _publish(translation)
    return page, translation.specific
