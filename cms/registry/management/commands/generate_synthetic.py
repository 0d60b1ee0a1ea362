"""Deterministic synthetic qualifications for scale tests (labelled [SINTETINĖ])."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from ...synthetic import generate_synthetic, remove_synthetic


class Command(BaseCommand):
    help = "Create N synthetic, clearly labelled qualifications (then run rebuild_graph)."

    def add_arguments(self, parser):
        parser.add_argument("--qualifications", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--remove", action="store_true", help="Delete all synthetic qualifications.")

    def handle(self, *args, qualifications: int, seed: int, remove: bool = False, **options):
        if remove:
            self.stdout.write(f"Removed {remove_synthetic()} rows.")
            return
        if qualifications < 1:
            raise CommandError("--qualifications must be a positive number")
        started = time.perf_counter()
        try:
            created = generate_synthetic(qualifications=qualifications, seed=seed)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {created} synthetic qualifications in {time.perf_counter() - started:.1f} s; "
                "run rebuild_graph to project them."
            )
        )
