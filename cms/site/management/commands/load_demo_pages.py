"""Load the demo website pages (both languages) on top of the demo registry."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cms.registry.events import bulk_graph_changes

from ...demo.loader import load_demo_pages


class Command(BaseCommand):
    help = (
        "Create demo pages of every type in Lithuanian and English (home, sections, the six activity "
        "areas, SPK committee pages with news, events and a past meeting, publications, information "
        "for SPK members). Runs setup_cms first. Idempotent: existing pages are left as they are."
    )

    def handle(self, *args, **options):
        with bulk_graph_changes():  # dumps and indexes follow once, not after every page
            counts = load_demo_pages()
        for name, count in counts.items():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(self.style.SUCCESS("Demo pages loaded."))
