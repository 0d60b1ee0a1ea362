"""Write the ELM LOQ export for the Qualifications Dataset Register (Turtle and loq.xsd XML)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from graph.elm import FILE_NAMES, export_elm

from ...graph_store import graph_store, linked_data_base


class Command(BaseCommand):
    help = (
        "Export the published, valid qualifications in the ELM LOQ profile: "
        f"DIR/{FILE_NAMES['ttl']} (RDF) and DIR/{FILE_NAMES['xml']} (QDR upload XML)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", required=True, help="Directory to write (created if missing)")

    def handle(self, *args, output: str, **options):
        target = Path(output)
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(f"Cannot create {target}: {exc}") from exc
        if not os.access(target, os.W_OK):
            raise CommandError(f"Cannot write to {target}: not writable")

        export = export_elm(graph_store(), linked_data_base())
        try:
            for fmt, name in FILE_NAMES.items():
                _write_atomically(target / name, export.content(fmt))
        except OSError as exc:
            raise CommandError(f"Cannot write to {target}: {exc}") from exc

        dataset = export.dataset
        outcomes = sum(len(q.outcomes) for q in dataset.qualifications)
        self.stdout.write(
            f"Qualifications: {len(dataset.qualifications)} exported, {len(dataset.skipped)} skipped; "
            f"learning outcomes: {outcomes}"
        )
        for skipped in dataset.skipped:
            self.stdout.write(f"  skipped {skipped.uri}: {skipped.reason}")
        for name in FILE_NAMES.values():
            self.stdout.write(self.style.SUCCESS(f"Wrote {target / name}"))


def _write_atomically(path: Path, content: bytes) -> None:
    """Write next to ``path`` and rename, so a server or the QDR never reads half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, 0o644)  # mkstemp makes it 0600; the files are public data
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
