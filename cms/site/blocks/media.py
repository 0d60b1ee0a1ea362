"""Image, document and embed blocks whose API form is what a front end can render directly:
absolute URLs and ready-made renditions instead of bare database ids."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

# Rendition names a front end can rely on (Wagtail filter specs).
RENDITIONS = {
    "thumbnail": "fill-400x250",
    "medium": "max-800x800",
    "large": "max-1600x1600",
}


def absolute(url: str | None, context: dict | None) -> str | None:
    request = (context or {}).get("request")
    if not url or request is None or not url.startswith("/"):
        return url
    return request.build_absolute_uri(url)


def image_representation(image, context: dict | None) -> dict[str, Any] | None:
    if image is None:
        return None
    renditions = image.get_renditions(*RENDITIONS.values())
    return {
        "id": image.pk,
        "title": image.title,
        "alt": image.default_alt_text,
        "width": image.width,
        "height": image.height,
        "renditions": {
            name: {
                "url": absolute(renditions[spec].url, context),
                "width": renditions[spec].width,
                "height": renditions[spec].height,
            }
            for name, spec in RENDITIONS.items()
        },
    }


def hidden_from(document, context: dict | None) -> bool:
    """A document in a collection with a view restriction (say, an SPK's private collection)
    that this request does not pass is left out: no title, no URL."""
    request = (context or {}).get("request")
    restrictions = document.collection.get_view_restrictions() if document.collection_id else []
    return any(request is None or not restriction.accept_request(request) for restriction in restrictions)


def document_representation(document, context: dict | None) -> dict[str, Any] | None:
    if document is None or hidden_from(document, context):
        return None
    return {
        "id": document.pk,
        "title": document.title,
        "url": absolute(document.url, context),
        "filename": document.filename,
        "extension": document.file_extension,
        "size": document.get_file_size(),
    }


class ApiImageChooserBlock(ImageChooserBlock):
    def get_api_representation(self, value, context=None):
        return image_representation(value, context)


class ApiDocumentChooserBlock(DocumentChooserBlock):
    def get_api_representation(self, value, context=None):
        return document_representation(value, context)


class ApiEmbedBlock(EmbedBlock):
    """The URL only: resolving the oEmbed HTML would call the provider on every API request."""

    def get_api_representation(self, value, context=None):
        return {"url": value.url} if value else None


class CaptionedImageBlock(blocks.StructBlock):
    image = ApiImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=255, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, max_length=255, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        label = _("Quote")
