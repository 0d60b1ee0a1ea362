"""Page meta a front end needs from one call: its path, its translations, its breadcrumbs."""

from __future__ import annotations

from rest_framework.fields import Field
from wagtail.api.v2.serializers import PageSerializer

from .links import local_path, page_link


class _PageMetaField(Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance


class PathField(_PageMetaField):
    def to_representation(self, page):
        return local_path(page)


class TranslationsField(_PageMetaField):
    """The other-language versions that are published and public (never a draft's)."""

    def to_representation(self, page):
        translations = (
            self.context["base_queryset"]
            .filter(translation_key=page.translation_key)
            .exclude(pk=page.pk)
            .select_related("locale")
            .order_by("locale__language_code")
        )
        return [page_link(p, self.context) for p in translations]


class BreadcrumbsField(_PageMetaField):
    """From the locale's home down to the page itself; hidden (unpublished, private) ancestors
    are left out."""

    def to_representation(self, page):
        ancestors = (
            self.context["base_queryset"]
            .filter(pk__in=page.get_ancestors().filter(depth__gte=2).values("pk"))
            .select_related("locale")
            .order_by("depth")
        )
        return [*(page_link(p, self.context) for p in ancestors), page_link(page, self.context)]


class CmsPageSerializer(PageSerializer):
    path = PathField()
    translations = TranslationsField()
    breadcrumbs = BreadcrumbsField()
