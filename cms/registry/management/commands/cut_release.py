"""Cut a named, immutable release of the dataset into DATASETS_DIR/releases/NAME/."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from cms.linked_data.dumps import release_cut, releases_dir
from graph.releases import RELEASE_NAME_HELP, ReleaseError
from graph.stores.base import StoreError


class Command(BaseCommand):
    help = (
        "Cut a named, immutable release: the dumps, the ELM export, a DCAT description and a "
        f"manifest with SHA-256 in DATASETS_DIR/releases/NAME/. NAME: {RELEASE_NAME_HELP}. "
        "An existing NAME is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help=f"Release name: {RELEASE_NAME_HELP}")
        parser.add_argument("--notes-lt", default="", help="Version notes in Lithuanian")
        parser.add_argument("--notes-en", default="", help="Version notes in English")

    def handle(self, *args, name: str, notes_lt: str = "", notes_en: str = "", **options):
        if bool(notes_lt.strip()) != bool(notes_en.strip()):
            raise CommandError("Give the version notes in both languages (--notes-lt and --notes-en), or neither")
        notes = {"lt": notes_lt.strip(), "en": notes_en.strip()} if notes_lt.strip() else None
        try:
            release = release_cut(name=name, notes=notes)
        except ReleaseError as exc:
            raise CommandError(str(exc)) from exc
        except (StoreError, OSError) as exc:
            raise CommandError(f"Cannot write release {name} to {releases_dir()}: {exc}") from exc
        for file in (*release.files, release.description):
            triples = f"{file.triples} triples, " if file.triples is not None else ""
            self.stdout.write(f"  {file.name}: {triples}{filesizeformat(file.bytes)}, sha256 {file.sha256}")
        self.stdout.write(self.style.SUCCESS(f"Release {release.name} written to {releases_dir() / release.name}"))
