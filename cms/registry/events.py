"""`graph_changed`: sent after the published graph changed (an applied outbox event, a rebuild,
a reconcile repair), so derived products (dataset dumps, later the search index) follow
without the registry importing them. Bulk jobs batch it into one notification."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterable, Iterator

from django.dispatch import Signal

log = logging.getLogger(__name__)

#: kwargs: ``entity_keys`` (list of "type/code"; empty = many or unknown, e.g. a rebuild).
graph_changed = Signal()

_local = threading.local()


def notify_graph_changed(entity_keys: Iterable[str] = ()) -> None:
    keys = list(entity_keys)
    if getattr(_local, "depth", 0):
        _local.pending = (getattr(_local, "pending", None) or set()) | set(keys) | ({"*"} if not keys else set())
        return
    for receiver, result in graph_changed.send_robust(sender=None, entity_keys=keys):
        if isinstance(result, Exception):  # a derived product must never fail the change itself
            log.warning("graph_changed receiver %s failed: %s", getattr(receiver, "__name__", receiver), result)


@contextlib.contextmanager
def bulk_graph_changes() -> Iterator[None]:
    """Inside, notifications are collected; one is sent at the end (a demo load, a rebuild)."""
    _local.depth = getattr(_local, "depth", 0) + 1
    try:
        yield
    finally:
        _local.depth -= 1
        pending = getattr(_local, "pending", None)
        if not _local.depth and pending:
            _local.pending = None
            notify_graph_changed([] if "*" in pending else sorted(pending))
