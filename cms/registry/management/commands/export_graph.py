"""Write the whole graph to a file or stdout."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from graph.export import FORMATS, export_store

from ...graph_store import graph_store


class Command(BaseCommand):
    help = "Export the knowledge graph (ttl, nt, jsonld: the union; trig: with named graphs)."

    def add_arguments(self, parser):
        parser.add_argument("--format", default="ttl", choices=sorted(FORMATS))
        parser.add_argument("--output", "-o", help="File to write (default: standard output)")

    def handle(self, *args, format: str, output: str | None = None, **options):
        try:
            if output:
                with open(output, "wb") as stream:
                    export_store(graph_store(), format, stream)
                self.stderr.write(self.style.SUCCESS(f"Wrote {output}"))
            else:
                export_store(graph_store(), format, sys.stdout.buffer)
        except OSError as exc:
            raise CommandError(f"Cannot write {output}: {exc}") from exc
