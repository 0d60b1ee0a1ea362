"""The staff search page `/search/`: a plain GET form, so every state is a shareable URL.

Staff only (Wagtail admin access): it is the working tool of KPMPC staff and SPK members; the
same published data is public through `/api/v1/search`.
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from cms.registry.graph_store import linked_data_base
from graph.uris import entity_uri
from search.backends import DocumentNotFound, SearchUnavailable
from search.query import FACETS

from .backend import search_backend
from .params import InvalidParams, parse_search
from .searching import facet_label, run_search

FACET_TITLES = {
    "type": translation.gettext_lazy("Type"),
    "sector": translation.gettext_lazy("Sector"),
    "ltks_level": translation.gettext_lazy("LTKS level"),
    "eqf_level": translation.gettext_lazy("EQF level"),
    "status": translation.gettext_lazy("Status"),
    "isced": translation.gettext_lazy("ISCED-F field"),
}
SORT_LABELS = {
    "relevance": translation.gettext_lazy("Relevance"),
    "name": translation.gettext_lazy("Name (A–Z)"),
    "level": translation.gettext_lazy("Level"),
    "-updated": translation.gettext_lazy("Oldest updated first"),
    "updated": translation.gettext_lazy("Recently updated"),
}
KIND_LABELS = {
    "competence": translation.gettext_lazy("competence"),
    "unit": translation.gettext_lazy("qualification unit"),
    "module": translation.gettext_lazy("module"),
}


def search_page(request):
    user = request.user
    if not (user.is_authenticated and user.has_perm("wagtailadmin.access_admin")):
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    lang = request.GET.get("lang", "")
    lang = lang if lang in ("lt", "en") else translation.get_language_from_request(request)[:2]
    lang = lang if lang in ("lt", "en") else "lt"
    with translation.override(lang):
        context, status = _context(request, lang)
        return render(request, "search_ui/search.html", context, status=status)


def _context(request, lang: str) -> tuple[dict, int]:
    context = {
        "lang": lang,
        "q": request.GET.get("q", "")[:10_000],
        "errors": {},
        "result": None,
        "multi_sector": request.GET.get("multi_sector") in ("1", "true", "on", "yes"),
    }
    other = "en" if lang == "lt" else "lt"
    context["switch_url"], context["switch_lang"] = _with(request, lang=other), other
    context["sort"] = request.GET.get("sort", "relevance")
    context["sorts"] = [(k, v) for k, v in SORT_LABELS.items()]
    status = 200
    try:
        found = run_search(parse_search(request.GET, lang))
    except InvalidParams as exc:
        context["errors"], status = exc.errors, 400
    except SearchUnavailable:
        context["errors"], status = {"": [translation.gettext("Search is temporarily unavailable.")]}, 503
    else:
        hits = [{**_shown(h, lang), "related_url": _with(request, related=h["code"])} for h in found["hits"]]
        context["result"] = {**found, "hits": hits}
        context["facets"] = [
            (name, FACET_TITLES[name], found["facets"][name]) for name in FACETS if found["facets"][name]
        ]
        context["page_links"] = _page_links(request, found)
        context["first"] = (found["page"] - 1) * found["page_size"] + 1
    code = request.GET.get("related", "").strip()[:32]
    if code:
        context["related_code"] = code
        context["related"], context["related_missing"] = _related(code, lang)
    return context, status


def _shown(hit: dict, lang: str) -> dict:
    other = "en" if lang == "lt" else "lt"
    marks = hit["highlights"]
    name = (marks.get(f"name_{lang}") or [None])[0]
    snippets = marks.get(f"text_{lang}") or marks.get(f"text_{other}") or []
    return {
        **hit,
        "name": hit.get(f"name_{lang}") or hit.get(f"name_{other}") or hit.get("code") or "",
        "name_html": name,
        "snippets": snippets[:2],
        "type_label": facet_label("type", hit["type"], lang)["label"],
        "sector_labels": [facet_label("sector", s, lang)["label"] for s in hit["sectors"]],
    }


def _related(code: str, lang: str):
    try:
        uri = str(entity_uri(linked_data_base(), "qualification", code))
        found = search_backend().related_in_other_sectors(uri, limit=20)
    except (ValueError, DocumentNotFound):
        return [], True
    other = "en" if lang == "lt" else "lt"
    rows = []
    for r in found:
        rows.append(
            {
                "code": r.code,
                "name": getattr(r, f"name_{lang}") or getattr(r, f"name_{other}") or r.code,
                "overlap": r.overlap,
                "sectors": [facet_label("sector", s, lang)["label"] for s in r.sectors],
                "shared": [
                    {
                        "kind": KIND_LABELS.get(s.kind, s.kind),
                        "code": s.code,
                        "name": getattr(s, f"name_{lang}") or getattr(s, f"name_{other}") or s.code,
                    }
                    for s in r.shared
                ],
            }
        )
    return rows, False


def _with(request, **changes) -> str:
    params = request.GET.copy()
    for key, value in changes.items():
        params[key] = str(value)
    return "?" + params.urlencode()


def _page_links(request, found: dict) -> dict:
    def url(page: int) -> str:
        return _with(request, page=page)

    page, pages = found["page"], found["pages"]
    return {
        "previous": url(page - 1) if 1 < page <= pages + 1 else None,
        "next": url(page + 1) if page < pages else None,
    }
