"""Full SHACL report over the whole graph, with counts per shape. Exit 1 on violations."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from graph.report import validate_store

from ...graph_store import graph_store


class Command(BaseCommand):
    help = "Validate the whole graph against ontology/shapes; non-zero exit if any violation."

    def add_arguments(self, parser):
        parser.add_argument("--show", type=int, default=20, help="How many results to list (default 20)")

    def handle(self, *args, show: int = 20, **options):
        report = validate_store(graph_store())
        self.stdout.write(f"Checked in {report.duration:.2f} s")
        for shape, by_severity in sorted(report.counts.items()):
            counts = ", ".join(f"{sev}: {n}" for sev, n in sorted(by_severity.items()))
            self.stdout.write(f"  {shape}  {counts}")
        for issue in report.results[:show]:
            self.stdout.write(f"  [{issue.severity}] {issue.focus_node} {issue.path or ''}: {issue.message('en')}")
        violations = sum(n.get("violation", 0) for n in report.counts.values())
        warnings = sum(n.get("warning", 0) for n in report.counts.values())
        self.stdout.write(f"Violations: {violations}  Warnings: {warnings}")
        if violations:
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS("The graph conforms."))
