"""Load the reference vocabularies (LTKS, EQF, ISCED-F, sector scheme, ontology) into the graph."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from graph.vocabularies import load_reference_vocabularies

from ...graph_store import graph_store, linked_data_base


class Command(BaseCommand):
    help = "Load ontology/vocab/*.ttl and the ontology into their named graphs (idempotent)."

    def handle(self, *args, **options):
        counts = load_reference_vocabularies(graph_store(), base=linked_data_base())
        for name, count in counts.items():
            self.stdout.write(f"  {name}: {count} triples")
