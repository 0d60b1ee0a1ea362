"""Fields every resource shares: bilingual text, the linked-data URI and the API URL.

Bilingual text appears twice: ``name`` in the response language (``lang`` / Accept-Language,
falling back to Lithuanian when the English text is missing) and ``names`` = ``{"lt", "en"}``
with both (null when missing), so a client can show either without a second request.
"""

from __future__ import annotations

import datetime

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from cms.registry.graph_store import linked_data_base
from graph.uris import entity_uri

from ..language import DEFAULT_LANGUAGE, LANGUAGES, localised


class LanguageMapSerializer(serializers.Serializer):
    """Documents the shape of a ``names``-like map for the OpenAPI schema."""

    lt = serializers.CharField(allow_null=True)
    en = serializers.CharField(allow_null=True)


def texts(obj, prefix: str) -> dict[str, str | None]:
    """``{"lt": obj.<prefix>_lt, "en": obj.<prefix>_en}`` with empty strings as None."""
    return {lang: (getattr(obj, f"{prefix}_{lang}", "") or None) for lang in LANGUAGES}


class _ObjectField(serializers.Field):
    """A read-only field computed from the whole object (``source="*"``)."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    @property
    def lang(self) -> str:
        return self.context.get("lang", DEFAULT_LANGUAGE)


@extend_schema_field(LanguageMapSerializer)
class TextsField(_ObjectField):
    """Both language versions of ``<prefix>_lt`` / ``<prefix>_en``."""

    def __init__(self, prefix: str = "name", **kwargs):
        self.prefix = prefix
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return texts(obj, self.prefix)


@extend_schema_field({"type": "string", "nullable": True})
class TextField(TextsField):
    """The text in the response language (Lithuanian when the other is missing)."""

    def to_representation(self, obj):
        return localised(texts(obj, self.prefix), self.lang)


@extend_schema_field(OpenApiTypes.URI)
class EntityUriField(_ObjectField):
    """The stable linked-data URI ``{LINKED_DATA_BASE}/id/{type}/{code}``."""

    def __init__(self, type_slug: str, **kwargs):
        self.type_slug = type_slug
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return str(entity_uri(linked_data_base(), self.type_slug, obj.code))


@extend_schema_field(OpenApiTypes.URI)
class ApiUrlField(_ObjectField):
    """This resource in the API (absolute URL)."""

    def __init__(self, basename: str, **kwargs):
        self.basename = basename
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return reverse(
            f"api:{self.basename}-detail", kwargs={"code": obj.code}, request=self.context.get("request")
        )


@extend_schema_field(OpenApiTypes.URI)
class ApiListUrlField(_ObjectField):
    """A list resource filtered to this object (``…/qualifications/?sector=S05``)."""

    def __init__(self, basename: str, param: str, **kwargs):
        self.basename = basename
        self.param = param
        super().__init__(**kwargs)

    def to_representation(self, obj):
        url = reverse(f"api:{self.basename}-list", request=self.context.get("request"))
        return f"{url}?{self.param}={obj.code}"


class PublishedAtField(serializers.DateTimeField):
    """``modified``: when the version shown was published, in UTC (as ``updated_since`` reads)."""

    def __init__(self, **kwargs):
        kwargs.update(source="last_published_at", read_only=True, default_timezone=datetime.UTC)
        super().__init__(**kwargs)
