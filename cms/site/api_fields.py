"""DRF fields for page `api_fields`: the same expanded shapes as the StreamField blocks."""

from __future__ import annotations

from rest_framework import serializers

from .blocks.media import document_representation, image_representation
from .blocks.rich_text import clean_html, requested_format
from .registry_refs import entity_reference, entity_references


class CleanRichTextField(serializers.Field):
    def __init__(self, features: list[str] | None = None, **kwargs):
        self.features = features
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return clean_html(value, self.features, requested_format(self.context))


class RegistryRefField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return entity_reference(value)


class RegistryRefListField(RegistryRefField):
    def to_representation(self, value):
        return entity_references(value.all() if hasattr(value, "all") else value)


class DocumentField(RegistryRefField):
    def to_representation(self, value):
        return document_representation(value, self.context)


class ImageField(RegistryRefField):
    def to_representation(self, value):
        return image_representation(value, self.context)


class PlainField(RegistryRefField):
    """A property whose value is already JSON-ready (lists of dicts, strings)."""

    def to_representation(self, value):
        return value
