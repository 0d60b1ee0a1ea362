"""A shared cache of /id/ representations, correct under change.

An entry is keyed by (resource, negotiated media type, page language for HTML) and holds the
finished answer before conditional GET and HEAD are applied (status, body, and the headers:
Content-Type, ETag, Link, Vary, CORS, Cache-Control, Content-Language), tagged with the *graph
generation* read before the store was. Every write through the process graph store replaces
the generation (cms.registry.graph_store), so an entry tagged with an older one is a miss. The
generation lives in Django's cache, shared by web and worker processes when CACHE_URL names
Redis; a request reads it and its entry together (``get_many``: one Redis round trip).

The labels of linked IRIs read while describing (graph.native_description.LabelCache) are kept
per process under the same generation and time bound: a cold description reads the shared
vocabulary's labels once, not once per resource.

``ID_CACHE_SECONDS`` bounds how long a write made outside the application (straight into
Oxigraph) can stay unseen; 0 turns both caches off. Only answers read from the graph alone are
cached (200, and 410 for a withdrawn entity the graph still describes): they depend on nothing
about the user. A cache outage is logged and /id/ answers uncached.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from cms.registry.graph_store import GENERATION_KEY, graph_generation, linked_data_base
from graph.native_description import LabelCache

from .negotiation import HTML, Choice

log = logging.getLogger(__name__)

CACHEABLE_STATUSES = frozenset({200, 410})
_label_caches: dict[float, LabelCache] = {}  # one per ID_CACHE_SECONDS value (tests change it)


@dataclass(frozen=True)
class Slot:
    """Where this request's answer is cached, and the generation it would be valid for."""

    key: str
    generation: str


def find(request: HttpRequest, choice: Choice) -> tuple[Slot | None, HttpResponse | None]:
    """(slot, cached answer rebuilt as a fresh response or None); slot None: do not cache."""
    if settings.ID_CACHE_SECONDS <= 0:
        return None, None
    language = translation.get_language() if choice.format is HTML else ""  # RDF holds every language
    resource = f"{linked_data_base()}{request.path}\n{choice.media_type}\n{language}"
    key = f"ld-id:{hashlib.sha256(resource.encode()).hexdigest()[:40]}"
    try:
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or graph_generation()
    except Exception as exc:  # a cache outage must not take /id/ down: serve uncached
        log.warning("/id/ cache unavailable: %s", exc)
        return None, None
    entry = found.get(key)
    if entry is None or entry[0] != generation:
        return Slot(key, generation), None
    _generation, status, body, headers = entry
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    return Slot(key, generation), response


def labels(slot: Slot | None) -> dict | None:
    """The process's known labels for the slot's generation (None: the cache is off or down)."""
    if slot is None:
        return None
    ttl = float(settings.ID_CACHE_SECONDS)
    return _label_caches.setdefault(ttl, LabelCache(ttl=ttl)).for_generation(slot.generation)


def keep(slot: Slot | None, response: HttpResponse) -> None:
    """Store a finished (not yet conditional or HEAD-emptied) answer when it may be shared.
    It is tagged with the generation read *before* the store: a write in between leaves it stale
    under an old tag, so it is never served."""
    if slot is None or response.status_code not in CACHEABLE_STATUSES:
        return
    entry = (slot.generation, response.status_code, response.content, list(response.items()))
    try:
        cache.set(slot.key, entry, timeout=settings.ID_CACHE_SECONDS)
    except Exception as exc:
        log.warning("/id/ answer not cached: %s", exc)
