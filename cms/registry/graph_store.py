"""One graph store per process, built from settings.GRAPH_STORES (like Django's CACHES)."""

from __future__ import annotations

import threading

from django.conf import settings

from graph.stores import get_store
from graph.stores.base import GraphStore

_lock = threading.Lock()
_stores: dict[str, GraphStore] = {}


def graph_store(alias: str = "default") -> GraphStore:
    """The configured store; opened lazily so management commands and tests control when."""
    with _lock:
        if alias not in _stores:
            _stores[alias] = get_store(settings.GRAPH_STORES, alias)
        return _stores[alias]


def use_graph_store(store: GraphStore | None, alias: str = "default", *, close: bool = True) -> None:
    """Swap the process store (tests, and commands that must reopen it); ``close=False``
    keeps the previous one open (a test wrapping it)."""
    with _lock:
        old = _stores.pop(alias, None)
        if close and old is not None and old is not store:
            old.close()
        if store is not None:
            _stores[alias] = store


def linked_data_base() -> str:
    return settings.LINKED_DATA_BASE
