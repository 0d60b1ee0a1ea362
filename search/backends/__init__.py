"""Search backends chosen in settings, shaped like Django's ``CACHES`` (and ``GRAPH_STORES``).

``{"default": {"BACKEND": "search.backends.embedded.EmbeddedBackend", "OPTIONS": {"path": "var/search"}}}``

:func:`get_backend` builds a new backend each call and keeps no global instance: the caller
(the Django side) owns the process-wide one.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import Any

from search.backends.base import DocumentNotFound, SearchBackend, SearchError, SearchUnavailable

__all__ = [
    "DEFAULT_BACKEND",
    "DocumentNotFound",
    "SearchBackend",
    "SearchConfigurationError",
    "SearchError",
    "SearchUnavailable",
    "get_backend",
]

DEFAULT_BACKEND = "search.backends.embedded.EmbeddedBackend"


class SearchConfigurationError(Exception):
    """The search settings name an unknown alias, backend or option."""


def get_backend(config: Mapping[str, Mapping[str, Any]], alias: str = "default") -> SearchBackend:
    """Build the backend configured under ``alias`` in ``config``."""
    if alias not in config:
        known = ", ".join(sorted(config)) or "none"
        raise SearchConfigurationError(f"No search backend configured under {alias!r}; configured: {known}")
    entry = config[alias]
    dotted = entry.get("BACKEND") or ""
    module_path, _, class_name = str(dotted).rpartition(".")
    try:
        backend = getattr(import_module(module_path), class_name, None) if module_path else None
    except ImportError as exc:
        raise SearchConfigurationError(f"Cannot import search backend {dotted!r}: {exc}") from exc
    if not (isinstance(backend, type) and issubclass(backend, SearchBackend)):
        raise SearchConfigurationError(
            f"Search BACKEND {dotted!r} is not a SearchBackend class (e.g. {DEFAULT_BACKEND!r})"
        )
    try:
        return backend(**dict(entry.get("OPTIONS") or {}))
    except TypeError as exc:
        raise SearchConfigurationError(f"Invalid OPTIONS for search backend {alias!r}: {exc}") from exc
