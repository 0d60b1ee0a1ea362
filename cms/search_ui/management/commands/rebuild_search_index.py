"""Rebuild the search index from the published graph (atomic: searches see the old index until
the new one is complete)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from cms.registry.graph_store import graph_store, linked_data_base
from cms.registry.management.progress import progress_bar
from search.backends import SearchError
from search.indexing import rebuild_from_store

from ...backend import forget_labels, search_backend


class Command(BaseCommand):
    help = "Rebuild the registry search index from the published graph, atomically."

    def handle(self, *args, verbosity: int = 1, **options):
        bar = progress_bar(verbosity)
        backend = search_backend()
        try:
            count = rebuild_from_store(
                backend,
                graph_store(),
                linked_data_base(),
                progress=lambda docs, total: bar(docs, total, "documents"),
            )
        except SearchError as exc:
            raise CommandError(f"Search index not rebuilt: {exc}") from exc
        forget_labels()
        self.stdout.write(
            self.style.SUCCESS(f"Search index rebuilt: {count} documents ({backend.count()} indexed).")
        )
