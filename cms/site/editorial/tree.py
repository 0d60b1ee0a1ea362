"""The page tree's fixed points: locales lt/en, the root, the LT home (site root) and its EN
translation. Wagtail's migrations create a root and a welcome page, but a flushed database
(tests with transaction=True) has neither, so everything here is created when missing."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from ..models import HomePage

LANGUAGE_CODES = ("lt", "en")
HOME = {
    "lt": ("Kvalifikacijų ir profesinio mokymo plėtros centras", "lt"),
    "en": ("Qualifications and Vocational Education and Training Development Centre", "en"),
}


def ensure_locales() -> dict[str, Locale]:
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGE_CODES}


def ensure_root_collection() -> Collection:
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def ensure_root(locale: Locale) -> Page:
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale, live=True))
    return root


def _remove_welcome_page(root: Page, keep: Page) -> None:
    """Wagtail's default "Welcome to your new Wagtail site!" page, if nobody has touched it."""
    plain = ContentType.objects.get_for_model(Page)
    for page in root.get_children().filter(content_type=plain, numchild=0).exclude(pk=keep.pk):
        if page.title.startswith("Welcome to"):
            page.delete()


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def ensure_home_pages() -> dict[str, HomePage]:
    locales = ensure_locales()
    ensure_root_collection()
    root = ensure_root(locales["lt"])
    home = HomePage.objects.filter(locale=locales["lt"], depth=2).first()
    if home is None:
        title, slug = HOME["lt"]
        home = root.add_child(instance=HomePage(title=title, slug=slug, locale=locales["lt"]))
        _publish(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    _remove_welcome_page(root, keep=home)
    homes = {"lt": home}
    for code in LANGUAGE_CODES[1:]:
        translation = home.get_translation_or_none(locales[code])
        if translation is None:
            translation = home.copy_for_translation(locales[code])
            translation.title, translation.slug = HOME[code]
            translation.save()
            _publish(translation)
        homes[code] = translation.specific
    return homes


def ensure_site_tree() -> dict[str, HomePage]:
    with transaction.atomic():
        return ensure_home_pages()
