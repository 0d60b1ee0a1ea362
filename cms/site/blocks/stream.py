"""Stream blocks that refuse what Wagtail would silently drop, and keep the API tidy."""

from __future__ import annotations

from wagtail import blocks


class UnknownBlockType(ValueError):
    """Raised while reading the editor's POST; the page form turns it into a field error."""


class CheckedStreamBlock(blocks.StreamBlock):
    def value_from_datadict(self, data, files, prefix):
        # Wagtail skips a block whose type it does not know: content would vanish on save.
        for i in range(int(data[f"{prefix}-count"])):
            block_type = data.get(f"{prefix}-{i}-type")
            if not data.get(f"{prefix}-{i}-deleted") and block_type not in self.child_blocks:
                raise UnknownBlockType(block_type)
        return super().value_from_datadict(data, files, prefix)


class ApiStreamBlock(CheckedStreamBlock):
    """A chooser whose file is gone or private to this request (value None) leaves no empty
    block in the API."""

    def get_api_representation(self, value, context=None):
        return [item for item in super().get_api_representation(value, context)
                if item["value"] is not None or item["type"] != "document"]
