"""JSON-LD: ``?format=jsonld`` or ``Accept: application/ld+json``.

Views hand this renderer the finished document as bytes (jsonld.py builds it from the graph
store); anything else it gets is an error body, written as plain JSON.
"""

from __future__ import annotations

from rest_framework.renderers import JSONRenderer


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return super().render(data, accepted_media_type, renderer_context)
