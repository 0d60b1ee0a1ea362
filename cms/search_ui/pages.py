"""Editorial pages through Wagtail's search backend (the registry index does not hold them)."""

from __future__ import annotations

import re

from django.utils.html import escape
from wagtail.models import Page

from search.analysis import fold, words

MAX_WORDS = 12
_WORD = re.compile(r"\w+")


def page_text(text: str) -> str:
    """Only words reach Wagtail: no character of the user's text is read as query syntax."""
    return " ".join(_WORD.findall(text[:1000])[:MAX_WORDS])


def search_pages(text: str):
    """Live public pages matching ``text`` (Wagtail relevance), or all of them by title."""
    pages = Page.objects.live().public().filter(depth__gt=2).specific()  # not the root nor a site root
    words_only = page_text(text)
    if not words_only:
        return pages.order_by("title")
    return pages.search(words_only)


def page_hit(page, text: str) -> dict:
    lang = (getattr(page, "locale", None) and page.locale.language_code) or "lt"
    other = "en" if lang == "lt" else "lt"
    title_html = highlight(page.title, text)
    snippet = getattr(page, "search_description", "") or ""
    return {
        "id": page.full_url or page.url or "",
        "uri": page.full_url or "",
        "url": page.url or "",
        "type": "page",
        "code": None,
        f"name_{lang}": page.title,
        f"name_{other}": None,
        "sectors": [],
        "ltks_level": None,
        "eqf_level": None,
        "status": None,
        "updated": page.last_published_at.isoformat() if page.last_published_at else None,
        "score": None,
        "highlights": {
            f"name_{lang}": [title_html],
            **({f"text_{lang}": [highlight(snippet, text)]} if snippet else {}),
        },
    }


def highlight(value: str, text: str) -> str:
    """``value`` HTML-escaped, words that begin with a typed word (diacritics ignored) in <mark>."""
    wanted = [fold(w) for w in _WORD.findall(text[:1000])[:MAX_WORDS] if len(w) >= 2]
    out, last = [], 0
    for start, end, word in words(value):
        if any(fold(word).startswith(w) for w in wanted):
            out += [escape(value[last:start]), "<mark>", escape(value[start:end]), "</mark>"]
            last = end
    out.append(escape(value[last:]))
    return "".join(out)
