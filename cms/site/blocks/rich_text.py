"""Rich text that reaches the API as clean HTML: sanitised against the feature whitelist
(whatever got into the database) and with internal links expanded to real URLs."""

from __future__ import annotations

from wagtail import blocks
from wagtail.api.rich_text import APIRichText

# What editors may use; anything else is stripped from input and output alike.
FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]
INTRO_FEATURES = ["bold", "italic", "link", "document-link"]


def clean_html(db_html: str | None, features: list[str] | None, rich_text_format: str | None = None) -> str:
    """Whitelisted, then rendered in the requested API format (default: expanded HTML)."""
    # Imported here: the converter loads the Page model, which is not ready while models load.
    from wagtail.admin.rich_text.converters.db_html import DbHTMLConverter

    cleaned, _removals = DbHTMLConverter(features).clean(db_html or "")
    return APIRichText.serialize(cleaned, format=APIRichText.resolve_format(rich_text_format))


def requested_format(context: dict | None) -> str | None:
    if not context:
        return None
    if "_wagtail_rich_text_format" in context:
        return context["_wagtail_rich_text_format"]
    request = context.get("request")
    return request.GET.get("rich_text_format") if request is not None else None


class CleanRichTextBlock(blocks.RichTextBlock):
    def get_api_representation(self, value, context=None):
        return clean_html(value.source if value else "", self.features, requested_format(context))
