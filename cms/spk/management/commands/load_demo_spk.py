"""Demo SPK platform: committees, fictional members, meetings, consultations, initiatives,
assessor entries. Run after load_demo and load_demo_pages; safe to run again."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from ...demo.loader import load_demo_spk
from ...demo.people import DEMO_DOMAIN, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Load the demo SPK platform (fictional members with e-mails under .example)."

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = load_demo_spk()
        for name, count in counts.items():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(self.style.SUCCESS(
            f"SPK demo loaded. Members' area /members/: coordinator 'koordinatorius', members '<name>@{DEMO_DOMAIN}',"
            f" password '{DEMO_PASSWORD}'."
        ))
