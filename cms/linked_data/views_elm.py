"""The stable URLs the QDR pulls: the ELM LOQ export as Turtle and as loq.xsd XML.

Generated on request from the graph store and cached for a few minutes, rather than served
from a file written by ``export_elm``: nothing has to be scheduled, the URL can never serve a
stale or missing file, and a publish shows up within ``CACHE_SECONDS``. Both formats are built
from one read of the store and cached together, so they always describe the same data. An
ETag lets a puller skip unchanged downloads (``If-None-Match`` → 304).
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_safe

from cms.registry.graph_store import graph_store, linked_data_base
from graph.elm import FILE_NAMES, MEDIA_TYPES, export_elm

CACHE_SECONDS = 300
CACHE_KEY = "linked_data:elm-export:{base}"


def _cached_export() -> dict[str, tuple[bytes, str]]:
    """``{fmt: (content, etag)}`` of the current export, from the cache or built now."""
    base = linked_data_base()
    key = CACHE_KEY.format(base=base)
    files = cache.get(key)
    if files is None:
        export = export_elm(graph_store(), base)
        files = {}
        for fmt in FILE_NAMES:
            content = export.content(fmt)
            files[fmt] = (content, f'"{hashlib.sha256(content).hexdigest()[:32]}"')
        cache.set(key, files, CACHE_SECONDS)
    return files


@require_safe
def elm_qualifications(request: HttpRequest, fmt: str) -> HttpResponse:
    content, etag = _cached_export()[fmt]
    not_modified = get_conditional_response(request, etag=etag)
    response = not_modified or HttpResponse(content, content_type=MEDIA_TYPES[fmt])
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response["Access-Control-Allow-Origin"] = "*"  # open data
    if not not_modified:
        response["Content-Disposition"] = f'inline; filename="{FILE_NAMES[fmt]}"'
    return response
