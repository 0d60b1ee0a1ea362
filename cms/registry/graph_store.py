"""One graph store per process, built from settings.GRAPH_STORES (like Django's CACHES).

Every write through it changes the *graph generation*, a token in the shared cache (Redis in
production), so caches of what the graph says (the /id/ representations) in any web process
see a write made by any process, e.g. a Celery worker applying the outbox.
"""

from __future__ import annotations

import functools
import logging
import threading
import uuid

from django.conf import settings
from django.core.cache import cache

from graph.stores import get_store
from graph.stores.base import GraphStore

log = logging.getLogger(__name__)

_lock = threading.Lock()
_stores: dict[str, GraphStore] = {}
GENERATION_KEY = "graph-store:generation"
_WRITES = ("replace_graph", "drop_graph", "load_graphs", "load_nquads_graphs",
           "bulk_load_ntriples", "bulk_load_nquads", "clear")  # fmt: skip


def graph_store(alias: str = "default") -> GraphStore:
    """The configured store; opened lazily so management commands and tests control when."""
    with _lock:
        if alias not in _stores:
            _stores[alias] = _bumping_writes(get_store(settings.GRAPH_STORES, alias))
        return _stores[alias]


def use_graph_store(store: GraphStore | None, alias: str = "default", *, close: bool = True) -> None:
    """Swap the process store (tests, and commands that must reopen it); ``close=False``
    keeps the previous one open (a test wrapping it)."""
    with _lock:
        old = _stores.pop(alias, None)
        if close and old is not None and old is not store:
            old.close()
        if store is not None:
            _stores[alias] = _bumping_writes(store)
    bump_graph_generation()  # another store is another graph


def linked_data_base() -> str:
    return settings.LINKED_DATA_BASE


def graph_generation() -> str:
    """The current generation: one cache read. A missing token (never set, evicted, cache
    flushed) is replaced by a fresh random one, so an old generation is never reused."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, token, timeout=None):
            token = cache.get(GENERATION_KEY) or token
    return token


def bump_graph_generation() -> None:
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception as exc:  # cache down: its entries expire (ID_CACHE_SECONDS); never fail a write
        log.warning("graph generation not bumped (cache unavailable: %s)", exc)


def _bumping_writes(store: GraphStore) -> GraphStore:
    """Wrap the instance's write methods to bump the generation after each (also after a failed
    write, which may have written part). After, not before: a reader that cached the old
    description between the write and the bump filed it under the old generation."""
    if vars(store).get("_bumps_generation"):  # vars: a wrapping proxy must not see the inner flag
        return store
    for name in _WRITES:
        method = getattr(store, name, None)
        if method is not None:
            setattr(store, name, _then_bump(method))
    store._bumps_generation = True
    return store


def _then_bump(method):
    @functools.wraps(method)
    def write(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        finally:
            bump_graph_generation()

    return write
