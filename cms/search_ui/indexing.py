"""Keeps the search index in step with the graph: the outbox step run after each graph write."""

from __future__ import annotations

import logging

from cms.registry.graph_store import graph_store, linked_data_base
from search.indexing import refresh

from .backend import forget_labels, search_backend

log = logging.getLogger("cms.search_ui")


def index_after_sync(entity_key: str, result) -> None:
    """Re-index what the entity's new graph affects (or drop its document when it was removed).

    Idempotent (documents are replaced by URI). Raising fails the outbox event, which is then
    retried. Editorial pages ("page/…") are indexed by Wagtail's own search backend.
    """
    if entity_key.startswith("page/"):
        return
    done = refresh(search_backend(), graph_store(), linked_data_base(), [str(result.uri)])
    if entity_key.startswith("sector/"):
        forget_labels()  # a sector's name is a facet label
    log.info(
        "search index refreshed for %s: %d indexed, %d deleted",
        entity_key,
        len(done.indexed),
        len(done.deleted),
    )
