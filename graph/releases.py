"""Named, immutable releases of the dataset: ``{releases}/{NAME}/`` with the dumps, the ELM
export, the release's DCAT description (``release.ttl``) and ``manifest.json`` (SHA-256 of each).

A release is written into a hidden temporary directory beside its final place and renamed
in one step, so it appears complete or not at all; an existing name is refused (never
overwritten), and the files and the directory are made read-only. Names are validated
before they touch a path, so ``../x`` can never escape the releases directory.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from graph.dataset_description import describe_release
from graph.dumps import MANIFEST_NAME, DatasetStatistics, DumpFile, count_triples, write_bytes, write_dumps
from graph.elm import FILE_NAMES as ELM_FILE_NAMES
from graph.elm import export_elm
from graph.stores.base import GraphStore
from graph.uris import normalise_base

__all__ = [
    "RELEASE_DESCRIPTION",
    "RELEASE_NAME_HELP",
    "Release",
    "ReleaseError",
    "cut_release",
    "list_releases",
    "read_release",
    "validate_release_name",
]

RELEASE_DESCRIPTION = "release.ttl"
_NAME = re.compile(r"\d{4}\.[1-9]\d{0,2}|\d{4}-\d{2}-\d{2}")  # fullmatch: no "$" newline loophole
RELEASE_NAME_HELP = "YEAR.N (e.g. 2026.1; N = 1–999) or an ISO date YYYY-MM-DD (e.g. 2026-11-22)"
_ELM_MEDIA = {"ttl": "text/turtle", "xml": "application/xml"}


class ReleaseError(ValueError):
    """A bad release name, or a release that exists already."""


@dataclass(frozen=True)
class Release:
    name: str
    issued: str  # ISO 8601, UTC
    base: str
    notes: tuple[tuple[str, str], ...]  # (language, text)
    files: tuple[DumpFile, ...]  # the distributions: dumps and the ELM export
    description: DumpFile  # release.ttl (DCAT), listed apart: metadata, not a distribution
    statistics: DatasetStatistics

    def file(self, name: str) -> DumpFile | None:
        return next((f for f in (*self.files, self.description) if f.name == name), None)

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False).encode() + b"\n"

    @classmethod
    def from_dict(cls, data: dict) -> Release:
        return cls(
            name=data["name"],
            issued=data["issued"],
            base=data["base"],
            notes=tuple((lang, text) for lang, text in data["notes"]),
            files=tuple(DumpFile(**f) for f in data["files"]),
            description=DumpFile(**data["description"]),
            statistics=DatasetStatistics.from_dict(data["statistics"]),
        )


def validate_release_name(name: str) -> str:
    """``name`` when it is a valid release name, else :class:`ReleaseError` saying what is allowed."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ReleaseError(f"Invalid release name {name!r}: use {RELEASE_NAME_HELP}")
    if "-" in name:
        try:
            date.fromisoformat(name)
        except ValueError as exc:
            raise ReleaseError(f"Invalid release name {name!r}: not a calendar date") from exc
    return name


def cut_release(
    store: GraphStore, releases_dir: str | os.PathLike[str], name: str, *, base: str,
    notes: dict[str, str] | None = None, contact_email: str | None = None,
) -> Release:
    """Write release ``name`` from the store as it is now; refuse a name that exists."""
    name, base = validate_release_name(name), normalise_base(base)
    root = Path(releases_dir)
    root.mkdir(parents=True, exist_ok=True)
    final = root / name
    if final.exists():
        raise ReleaseError(f"Release {name} exists already; releases are immutable, choose another name")
    staging = Path(tempfile.mkdtemp(dir=root, prefix=f".{name}."))
    try:
        dumps = write_dumps(store, staging, base=base)
        (staging / ".lock").unlink(missing_ok=True)
        elm = export_elm(store, base)
        files = list(dumps.files)
        for fmt, file_name in ELM_FILE_NAMES.items():
            files.append(_write(staging / file_name, elm.content(fmt), fmt, _ELM_MEDIA[fmt]))
        texts = notes or {"lt": f"Nekintamas registro duomenų leidimas {name}.",
                          "en": f"Immutable release {name} of the register data."}
        release = Release(
            name=name, issued=_now(), base=base, notes=tuple(texts.items()), files=tuple(files),
            description=DumpFile(RELEASE_DESCRIPTION, "ttl", "text/turtle", None, None, 0, "", ""),
            statistics=dumps.statistics,
        )
        previous = next(iter(list_releases(root)), None)
        graph = describe_release(base, release, previous=previous.name if previous else None,
                                 contact_email=contact_email)
        description = _write(staging / RELEASE_DESCRIPTION, graph.serialize(format="turtle", encoding="utf-8"),
                             "ttl", "text/turtle")
        release = replace(release, description=description)
        write_bytes(staging / MANIFEST_NAME, release.to_json())
        for path in staging.iterdir():
            path.chmod(0o444)
        try:
            os.rename(staging, final)  # fails when a release of that name appeared meanwhile
        except OSError as exc:
            raise ReleaseError(f"Release {name} exists already; releases are immutable") from exc
        final.chmod(0o555)
        return release
    finally:
        if staging.exists():
            staging.chmod(0o755)
            shutil.rmtree(staging, ignore_errors=True)


def read_release(releases_dir: str | os.PathLike[str], name: str) -> Release | None:
    """The release called ``name``, or None (bad name, missing, unreadable manifest)."""
    try:
        validate_release_name(name)
        return Release.from_dict(json.loads((Path(releases_dir) / name / MANIFEST_NAME).read_bytes()))
    except (ReleaseError, OSError, ValueError, KeyError, TypeError):
        return None


def list_releases(releases_dir: str | os.PathLike[str]) -> list[Release]:
    """Every readable release, newest first (temporary directories start with a dot: skipped)."""
    root = Path(releases_dir)
    try:
        names = [path.name for path in root.iterdir() if not path.name.startswith(".")]
    except OSError:  # no releases directory yet (or unreadable): no releases to list
        return []
    found = (read_release(root, name) for name in names)
    return sorted((r for r in found if r is not None), key=lambda r: (r.issued, r.name), reverse=True)


def _write(path: Path, content: bytes, fmt: str, media_type: str) -> DumpFile:
    path.write_bytes(content)
    return DumpFile(
        name=path.name,
        format=fmt,
        media_type=media_type,
        compression=None,
        triples=count_triples(path, fmt) if fmt == "ttl" else None,
        bytes=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        modified=datetime.fromtimestamp(int(path.stat().st_mtime), tz=UTC).isoformat(),
    )


def _now() -> str:
    return datetime.now(tz=UTC).isoformat()  # microseconds: releases cut in one second still sort
