"""One search over both kinds of content: registry documents (our index) and editorial pages
(Wagtail). Shared by the API and the staff page.

Merging: scores of the two engines are not comparable, so the result list is the registry hits
(in the chosen sort) followed by the matching pages (Wagtail's relevance, or title without a
query); ``total`` counts both and pagination runs over that one list. The ``type`` facet gets a
``page`` value counted like the others (under every filter but ``type``); any sector, level,
status, ISCED or multi-sector filter excludes pages, which have none of these.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from cms.registry.graph_store import linked_data_base
from graph.uris import parse_entity_uri
from search.query import FACETS, MAX_RESULT_WINDOW

from .backend import labels, search_backend
from .pages import page_hit, search_pages
from .params import PAGE_TYPE, SearchRequest

TYPE_LABELS = {
    "qualification": _("Qualification"),
    "standard": _("Occupational standard"),
    "programme": _("VET programme"),
    "module": _("Module"),
    "sector": _("Sector"),
    PAGE_TYPE: _("Page"),
}
STATUS_LABELS = {"valid": _("Valid"), "withdrawn": _("Withdrawn")}


def run_search(request: SearchRequest) -> dict:
    query = request.query
    result = search_backend().search(query)
    pages = search_pages(query.text) if request.pages_match else None
    page_total = pages.count() if pages is not None else 0  # for the type facet
    listed = page_total if request.pages_listed else 0
    total = result.total + listed  # a type filter of only "page" matches no registry document
    hits = [registry_hit(h) for h in result.hits]
    room = query.page_size - len(hits)
    start = max(0, query.offset - result.total)
    if listed and room > 0 and start < listed and query.offset < MAX_RESULT_WINDOW:
        hits += [page_hit(p, query.text) for p in pages[start : start + room]]
    return {
        "total": total,
        "pages": -(-total // query.page_size),
        "page": query.page,
        "page_size": query.page_size,
        "terms": list(result.terms),
        "truncated": result.truncated,
        "hits": hits,
        "facets": facets(result.facets, page_total, request, query.lang),
    }


def registry_hit(hit) -> dict:
    parsed = parse_entity_uri(linked_data_base(), hit.id)
    return {
        "id": hit.id,
        "uri": hit.id,
        "url": f"/id/{parsed[0]}/{parsed[1]}" if parsed else hit.id,
        "type": hit.type,
        "code": hit.code,
        "name_lt": hit.name_lt,
        "name_en": hit.name_en,
        "sectors": list(hit.sectors),
        "ltks_level": hit.ltks_level,
        "eqf_level": hit.eqf_level,
        "status": hit.status,
        "updated": hit.updated,
        "score": hit.score,
        "highlights": {k: list(v) for k, v in hit.highlights.items()},
    }


def facets(found, page_total: int, request: SearchRequest, lang: str) -> dict:
    out = {}
    for name in FACETS:
        values = [(v.value, v.count, v.selected) for v in found.get(name, ())]
        if name == "type":
            values = [v for v in values if v[0] != PAGE_TYPE]
            selected = PAGE_TYPE in request.types
            if page_total or selected:
                values.append((PAGE_TYPE, page_total, selected))
            values.sort(key=lambda v: (-v[1], v[0]))
        out[name] = [
            {"value": value, "count": count, "selected": selected, **facet_label(name, value, lang)}
            for value, count, selected in values
        ]
    return out


def facet_label(facet: str, value: str, lang: str) -> dict:
    """``label`` in ``lang`` and ``labels`` in both; the value itself when nothing is known."""
    if facet in ("type", "status"):
        source = TYPE_LABELS if facet == "type" else STATUS_LABELS
        both = {}
        for code in ("lt", "en"):
            with override(code):
                both[code] = str(source[value]) if value in source else value
    else:
        both = dict(labels().get(facet, {}).get(value, {}))
    both = {
        code: both.get(code) or both.get("en" if code == "lt" else "lt") or value for code in ("lt", "en")
    }
    return {"label": both[lang], "labels": both}
