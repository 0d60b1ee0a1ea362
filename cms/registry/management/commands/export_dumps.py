"""Regenerate the dataset dumps served under /datasets/ now (the Celery task does it after changes)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from cms.linked_data.dumps import datasets_dir, dumps_refresh
from graph.stores.base import StoreError


class Command(BaseCommand):
    help = (
        "Write the dataset dumps (N-Triples gzip, Turtle, JSON-LD of every published graph) and "
        "their manifest into DATASETS_DIR, as the refresh task does after each change."
    )

    def handle(self, *args, **options):
        try:
            manifest = dumps_refresh()
        except (StoreError, OSError) as exc:
            raise CommandError(f"Cannot write the dumps to {datasets_dir()}: {exc}") from exc
        for file in manifest.files:
            self.stdout.write(
                self.style.SUCCESS(f"Wrote {datasets_dir() / file.name}")
                + f": {file.triples} triples, {filesizeformat(file.bytes)}, sha256 {file.sha256}"
            )
        stats = manifest.statistics
        self.stdout.write(
            f"Dataset: {stats.triples} triples, {stats.entities} entities, {len(stats.classes)} classes."
        )
