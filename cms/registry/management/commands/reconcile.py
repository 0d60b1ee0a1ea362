from __future__ import annotations

from django.core.management.base import BaseCommand

from ...reconcile import reconcile


class Command(BaseCommand):
    help = (
        "Compare the published entities in the database with the knowledge graph (a hash per "
        "entity graph) and repair drift both ways; --dry-run only reports."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report drift without repairing it.")

    def handle(self, *args, dry_run: bool = False, **options):
        report = reconcile(repair=not dry_run)
        verb = "would fix" if dry_run else "fixed"
        for label, names in (
            ("missing graph, rewritten" if not dry_run else "missing graph", report.missing),
            ("differed from the database, rewritten" if not dry_run else "differs from the database",
             report.different),
            ("no live entity, dropped" if not dry_run else "no live entity", report.orphaned),
        ):
            for name in names:
                self.stdout.write(f"  {label}: {name}")
        self.stdout.write(
            f"Checked {report.checked} published entities; {verb} {report.drift}: "
            f"{len(report.missing)} missing, {len(report.different)} different, "
            f"{len(report.orphaned)} orphaned."
        )
