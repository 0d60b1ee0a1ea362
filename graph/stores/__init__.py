"""Graph store backends chosen in settings, shaped like Django's ``CACHES``.

``{"default": {"BACKEND": "graph.stores.oxigraph.OxigraphStore", "OPTIONS": {"path": "var/graph"}}}``

:func:`get_store` builds a new store each call; it keeps no global instance, because the
caller (the Django side) owns the process-wide one and its lifecycle.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import Any

from graph.stores.base import GraphStore, StoreError, StoreUnavailable

__all__ = [
    "DEFAULT_BACKEND",
    "GraphStore",
    "StoreConfigurationError",
    "StoreError",
    "StoreUnavailable",
    "get_store",
]

DEFAULT_BACKEND = "graph.stores.oxigraph.OxigraphStore"


class StoreConfigurationError(Exception):
    """The store settings name an unknown alias, backend or option."""


def _backend_class(dotted: str) -> type[GraphStore]:
    module_path, _, class_name = dotted.rpartition(".")
    if not module_path:
        raise StoreConfigurationError(f"Graph store BACKEND {dotted!r} is not a dotted path to a class")
    try:
        module = import_module(module_path)
    except ImportError as exc:
        raise StoreConfigurationError(
            f"Cannot import graph store backend module {module_path!r}: {exc}"
        ) from exc
    backend = getattr(module, class_name, None)
    if not (isinstance(backend, type) and issubclass(backend, GraphStore)):
        raise StoreConfigurationError(f"Graph store BACKEND {dotted!r} is not a GraphStore class")
    return backend


def get_store(config: Mapping[str, Mapping[str, Any]], alias: str = "default") -> GraphStore:
    """Build the store configured under ``alias`` in ``config`` (a ``CACHES``-shaped dict)."""
    if alias not in config:
        known = ", ".join(sorted(config)) or "none"
        raise StoreConfigurationError(f"No graph store configured under alias {alias!r}; configured: {known}")
    entry = config[alias]
    dotted = entry.get("BACKEND")
    if not isinstance(dotted, str) or not dotted:
        raise StoreConfigurationError(f"Graph store {alias!r} has no BACKEND (e.g. {DEFAULT_BACKEND!r})")
    backend = _backend_class(dotted)
    options = dict(entry.get("OPTIONS") or {})
    try:
        return backend(**options)
    except TypeError as exc:
        raise StoreConfigurationError(f"Invalid OPTIONS for graph store {alias!r} ({dotted}): {exc}") from exc
