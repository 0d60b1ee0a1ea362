"""One search backend per process, built from settings.SEARCH_BACKENDS (like graph_store())."""

from __future__ import annotations

import threading

from django.conf import settings

from cms.registry.graph_store import graph_store, linked_data_base
from search.backends import SearchBackend, get_backend
from search.labels import facet_labels

_lock = threading.Lock()
_backends: dict[str, SearchBackend] = {}
_labels: dict[int, dict] = {}  # id(graph store) -> facet labels


def search_backend(alias: str = "default") -> SearchBackend:
    """The configured backend, opened lazily so commands and tests control when."""
    with _lock:
        if alias not in _backends:
            _backends[alias] = get_backend(_config(alias), alias)
        return _backends[alias]


def _config(alias: str) -> dict:
    """settings.SEARCH_BACKENDS, except that an embedded index follows an in-memory graph store
    into memory (pytest with GRAPH_STORE_PATH=:memory:): on disk it would outlive the graph it
    mirrors and mix test entities into a developer's index."""
    config = dict(settings.SEARCH_BACKENDS)
    entry = dict(config.get(alias) or {})
    options = dict(entry.get("OPTIONS") or {})
    graph_options = (settings.GRAPH_STORES.get("default") or {}).get("OPTIONS") or {}
    in_memory_graph = "path" in graph_options and graph_options["path"] in (None, ":memory:")
    if in_memory_graph and str(entry.get("BACKEND", "")).endswith(".EmbeddedBackend"):
        config[alias] = {**entry, "OPTIONS": {**options, "path": ":memory:"}}
    return config


def use_search_backend(backend: SearchBackend | None, alias: str = "default", *, close: bool = True) -> None:
    """Swap the process backend (tests; ``None`` = reopen from settings on next use)."""
    with _lock:
        old = _backends.pop(alias, None)
        if close and old is not None and old is not backend:
            old.close()
        if backend is not None:
            _backends[alias] = backend
        _labels.clear()


def labels() -> dict:
    """LT/EN labels of sector, level and ISCED-F values, read once per graph store: they change
    only with the vocabularies and sectors (``forget_labels`` after such a change)."""
    store = graph_store()
    with _lock:
        if id(store) not in _labels:
            _labels.clear()
            _labels[id(store)] = facet_labels(store, linked_data_base())
        return _labels[id(store)]


def forget_labels() -> None:
    with _lock:
        _labels.clear()
