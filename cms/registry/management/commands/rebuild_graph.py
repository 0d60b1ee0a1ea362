"""Database → graph, for every published entity. Idempotent; safe to rerun after an interruption."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from ...events import notify_graph_changed
from ...rebuild import graph_rebuild
from ..progress import progress_bar


class Command(BaseCommand):
    help = "Rebuild the knowledge graph from the published registry entities."

    def handle(self, *args, verbosity: int = 1, **options):
        started = time.perf_counter()
        counts = graph_rebuild(progress=progress_bar(verbosity))
        notify_graph_changed()  # everything may have changed: dumps (and indexes) follow
        for name, count in counts.items():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Graph rebuilt in {time.perf_counter() - started:.1f} s"))
