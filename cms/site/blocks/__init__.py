"""StreamField blocks shared by every page type."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .media import ApiDocumentChooserBlock, ApiEmbedBlock, CaptionedImageBlock, QuoteBlock
from .registry import RegistryEntityChooserBlock, RegistryReferencesBlock
from .rich_text import FEATURES, INTRO_FEATURES, CleanRichTextBlock
from .stream import ApiStreamBlock


class BodyBlock(ApiStreamBlock):
    heading = blocks.CharBlock(max_length=255, icon="title", label=_("Heading"))
    paragraph = CleanRichTextBlock(features=FEATURES, label=_("Paragraph"))
    image = CaptionedImageBlock()
    document = ApiDocumentChooserBlock(label=_("Document"))
    embed = ApiEmbedBlock(label=_("Embed"))
    quote = QuoteBlock()
    registry_reference = RegistryReferencesBlock()


class DocumentsBlock(ApiStreamBlock):
    document = ApiDocumentChooserBlock(label=_("Document"))


__all__ = [
    "FEATURES",
    "INTRO_FEATURES",
    "BodyBlock",
    "CleanRichTextBlock",
    "DocumentsBlock",
    "RegistryEntityChooserBlock",
    "RegistryReferencesBlock",
]
