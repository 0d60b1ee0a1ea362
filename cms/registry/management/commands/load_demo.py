"""Load the demo registry (16 sectors/SPK, standards, units, qualifications, modules, programmes)."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand

from ...demo.loader import DEMO_ADMIN, load_demo
from ...events import bulk_graph_changes
from ...models import Sector
from ..progress import progress_bar


class Command(BaseCommand):
    help = "Load the demo registry through the publish gate, and create the demo admin."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if the registry has data.")

    def handle(self, *args, if_empty: bool = False, verbosity: int = 1, **options):
        if Sector.objects.exists():
            if if_empty:
                self.stdout.write("Registry already has data; demo not loaded again.")
                return
            self.stderr.write("Registry already has data; refusing to load the demo twice.")
            raise SystemExit(1)
        call_command("load_vocabularies", verbosity=verbosity)
        with bulk_graph_changes():  # dumps and indexes follow once, not after every entity
            counts = load_demo(progress_bar(verbosity))
        for name, count in counts.items():
            self.stdout.write(f"  {name}: {count}")
        user, password = DEMO_ADMIN
        self.stdout.write(self.style.SUCCESS(f"Demo loaded. Admin login: {user} / {password}"))
