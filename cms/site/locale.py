"""Django's LocaleMiddleware, with its "add the language prefix" redirect kept for page URLs.

Pages are served under /lt/ and /en/ (i18n_patterns in cms/config/urls.py). On a 404 of an
unprefixed path Django redirects to /<language>/<path> whenever that would resolve, and
Wagtail's catch-all resolves almost anything: /api/v1/qualifications/NOPE/ or /id/… answered by
their own views with a 404 would become redirects to a page URL. Only a path outside every
other route (say, an old page link /naujienos/x/) is redirected, and only when a live page
answers at the prefixed URL: /xx/ stays a 404 instead of redirecting to /lt/xx/ or /en/xx/.

/sparql and /id/… pass straight through: their views negotiate the language themselves and set
Content-Language and Vary on what they answer."""

from __future__ import annotations

import functools
import re

from django.conf import settings
from django.http import Http404
from django.middleware.locale import LocaleMiddleware
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path
from wagtail.models import Locale, Site

_FIRST_SEGMENT = re.compile(r"^\^?([\w.-]+)")
# Routes whose views choose their language themselves (?lang=, then Accept-Language) and label
# their answers: the partners' hot paths, where this middleware's work (≈ 35 µs of a ≈ 0.2 ms
# request, measured) would only be overridden.
SELF_NEGOTIATED = ("/id/",)
SELF_NEGOTIATED_EXACT = frozenset({"/sparql"})


def _first_segments(patterns) -> set[str]:
    segments: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern.pattern, LocalePrefixPattern):
            continue
        match = _FIRST_SEGMENT.match(str(pattern.pattern))
        if match:
            segments.add(match.group(1))
        elif isinstance(pattern, URLResolver):  # include("…") under "": look inside
            segments |= _first_segments(pattern.url_patterns)
    return segments


@functools.cache
def reserved_segments(urlconf: str) -> frozenset[str]:
    """First path segments of the unprefixed routes: api, admin, id, sparql, members, …"""
    return frozenset(_first_segments(get_resolver(urlconf).url_patterns))


def _belongs_to_another_route(request) -> bool:
    if getattr(request, "resolver_match", None) is not None:
        return True  # a view answered 404 itself
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    first = request.path_info.lstrip("/").split("/", 1)[0]
    return first in reserved_segments(urlconf)


def _no_page_there(request) -> bool:
    """An unprefixed path that no live page of the visitor's language answers."""
    if get_language_from_path(request.path_info) is not None:
        return False  # prefixed: LocaleMiddleware leaves it alone anyway
    site = Site.find_for_request(request)
    locale = Locale.objects.filter(language_code=translation.get_language()).first()
    home = site.root_page.get_translation_or_none(locale) if site and locale else None
    if home is None or not home.live:
        return True
    components = [part for part in request.path_info.split("/") if part]
    if any("\x00" in part for part in components):
        return True  # no slug holds a NUL (and PostgreSQL refuses to compare one)
    try:
        home.specific.route(request, components)
    except Http404:
        return True
    return False


class PageLocaleMiddleware(LocaleMiddleware):
    def __call__(self, request):
        path = request.path_info
        if path in SELF_NEGOTIATED_EXACT or path.startswith(SELF_NEGOTIATED):
            return self.get_response(request)
        return super().__call__(request)

    def process_response(self, request, response):
        if response.status_code == 404 and (_belongs_to_another_route(request) or _no_page_there(request)):
            # Keep the 404; set only what LocaleMiddleware sets on an unprefixed answer.
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
