"""Dataset dumps for harvesters: the whole published store as N-Triples (gzip), Turtle and
JSON-LD files, plus ``manifest.json`` (per file: triples, bytes, SHA-256, modified time; and the
VoID statistics of the store).

Each file is written next to its final name and renamed (``os.replace``), so a reader never
sees half a file. The statistics are computed before any file is renamed and the manifest is
renamed last, so files and manifest switch within milliseconds of each other. A lock file
serialises refreshes that run at once (two workers). The store serialises itself
(``graph.export``): 5 M triples never pass through rdflib.
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from graph.export import FORMATS, export_store
from graph.stores.base import GraphStore
from graph.uris import normalise_base
from ontology.namespaces import PREFIXES

__all__ = [
    "DUMPS",
    "MANIFEST_NAME",
    "ClassPartition",
    "DatasetStatistics",
    "DumpFile",
    "DumpManifest",
    "DumpSpec",
    "count_triples",
    "dataset_statistics",
    "read_manifest",
    "write_bytes",
    "write_dumps",
]

MANIFEST_NAME = "manifest.json"
_OX_FORMATS = {"nt": ox.RdfFormat.N_TRIPLES, "ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD}


@dataclass(frozen=True)
class DumpSpec:
    name: str  # the file name, also the last segment of its URL
    fmt: str  # a key of graph.export.FORMATS (a union format)
    gzip: bool = False


#: The published dumps. Renaming one breaks harvesters: the names are part of the URL contract.
DUMPS: tuple[DumpSpec, ...] = (
    DumpSpec("kpmpc-registry.nt.gz", "nt", gzip=True),
    DumpSpec("kpmpc-registry.ttl", "ttl"),
    DumpSpec("kpmpc-registry.jsonld", "jsonld"),
)


@dataclass(frozen=True)
class DumpFile:
    name: str
    format: str  # nt, ttl, jsonld, xml
    media_type: str  # of the (uncompressed) content
    compression: str | None  # "gzip" or None
    triples: int | None  # None for files that are not RDF (the ELM XML)
    bytes: int
    sha256: str  # of the bytes on disk (compressed, for .gz): what a downloader can check
    modified: str  # ISO 8601, UTC


@dataclass(frozen=True)
class ClassPartition:
    cls: str
    entities: int  # distinct instances
    triples: int  # triples whose subject is an instance


@dataclass(frozen=True)
class DatasetStatistics:
    triples: int
    entities: int  # distinct IRI subjects under {base}/id/ (the VoID uriSpace)
    distinct_subjects: int
    properties: int
    classes: tuple[ClassPartition, ...]
    vocabularies: tuple[str, ...]  # namespaces of PREFIXES used as a predicate or class

    @classmethod
    def from_dict(cls, data: dict) -> DatasetStatistics:
        classes = tuple(ClassPartition(**c) for c in data["classes"])
        return cls(**{**data, "classes": classes, "vocabularies": tuple(data["vocabularies"])})


@dataclass(frozen=True)
class DumpManifest:
    generated: str  # ISO 8601, UTC
    base: str
    files: tuple[DumpFile, ...]
    statistics: DatasetStatistics

    def file(self, name: str) -> DumpFile | None:
        return next((f for f in self.files if f.name == name), None)

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False).encode() + b"\n"

    @classmethod
    def from_dict(cls, data: dict) -> DumpManifest:
        return cls(
            generated=data["generated"],
            base=data["base"],
            files=tuple(DumpFile(**f) for f in data["files"]),
            statistics=DatasetStatistics.from_dict(data["statistics"]),
        )


def read_manifest(directory: str | os.PathLike[str]) -> DumpManifest | None:
    """The manifest in ``directory``, or None when there is none (or it cannot be read)."""
    try:
        return DumpManifest.from_dict(json.loads((Path(directory) / MANIFEST_NAME).read_bytes()))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_dumps(store: GraphStore, directory: str | os.PathLike[str], *, base: str) -> DumpManifest:
    """Write every dump in :data:`DUMPS` and the manifest into ``directory``; return the manifest."""
    base = normalise_base(base)
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    with _locked(target):
        staged: list[tuple[Path, DumpFile]] = []
        try:
            for spec in DUMPS:
                staged.append(_stage(store, spec, target))
            statistics = dataset_statistics(store, base)
            files = []
            for temporary, entry in staged:
                final = target / entry.name
                os.replace(temporary, final)
                files.append(replace(entry, modified=_mtime(final)))
        finally:
            for temporary, _ in staged:
                temporary.unlink(missing_ok=True)
        manifest = DumpManifest(generated=_now(), base=base, files=tuple(files), statistics=statistics)
        write_bytes(target / MANIFEST_NAME, manifest.to_json())
    return manifest


def write_bytes(path: Path, content: bytes) -> None:
    """Write ``content`` next to ``path`` and rename it into place (readable by everyone)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, 0o644)  # mkstemp makes 0600; these are public files
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def dataset_statistics(store: GraphStore, base: str) -> DatasetStatistics:
    """VoID statistics of the union of the store's graphs, by SPARQL."""
    space = normalise_base(base) + "/id/"
    totals = store.select(
        "SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?p) AS ?properties) "
        "WHERE { ?s ?p ?o }"
    )[0]
    entities = store.select(
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o "
        f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{space}")) }}'
    )[0]
    classes = store.select(
        "SELECT ?class (COUNT(DISTINCT ?s) AS ?entities) (COUNT(*) AS ?triples) "
        "WHERE { ?s a ?class . ?s ?p ?o } GROUP BY ?class ORDER BY ?class"
    )
    terms = store.select("SELECT DISTINCT ?term WHERE { { ?s ?term ?o } UNION { ?s a ?term } }")
    return DatasetStatistics(
        triples=int(totals["triples"]),
        entities=int(entities["n"]),
        distinct_subjects=int(totals["subjects"]),
        properties=int(totals["properties"]),
        classes=tuple(
            ClassPartition(str(row["class"]), int(row["entities"]), int(row["triples"]))
            for row in classes
            if "class" in row
        ),
        vocabularies=_vocabularies(str(row["term"]) for row in terms if "term" in row),
    )


def _vocabularies(terms: Iterator[str]) -> tuple[str, ...]:
    """The PREFIXES namespaces (longest match) that the used predicates and classes belong to."""
    namespaces = sorted((str(ns) for ns in PREFIXES.values()), key=len, reverse=True)
    used = {next((ns for ns in namespaces if term.startswith(ns)), None) for term in terms}
    return tuple(sorted(ns for ns in used if ns))


class _Counting:
    """A binary stream that hashes and counts what passes through to ``raw``."""

    def __init__(self, raw: IO[bytes]):
        self.raw, self.sha256, self.size = raw, hashlib.sha256(), 0

    def write(self, data: bytes) -> int:
        self.sha256.update(data)
        self.size += len(data)
        return self.raw.write(data)

    def flush(self) -> None:
        self.raw.flush()


def _stage(store: GraphStore, spec: DumpSpec, directory: Path) -> tuple[Path, DumpFile]:
    """Dump ``spec`` to a temporary file in ``directory``; count its triples by parsing it back."""
    handle, name = tempfile.mkstemp(dir=directory, prefix=f".{spec.name}.")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as raw:
            counting = _Counting(raw)
            if spec.gzip:
                # mtime=0 and no file name in the header: unchanged data gives the same bytes
                # (same SHA-256, same ETag), so harvesters skip an unchanged download.
                with gzip.GzipFile(filename="", mode="wb", fileobj=counting, compresslevel=6, mtime=0) as gz:
                    export_store(store, spec.fmt, gz)
            else:
                export_store(store, spec.fmt, counting)
        os.chmod(temporary, 0o644)
        entry = DumpFile(
            name=spec.name,
            format=spec.fmt,
            media_type=FORMATS[spec.fmt].media_type,
            compression="gzip" if spec.gzip else None,
            triples=count_triples(temporary, spec.fmt, gzipped=spec.gzip),
            bytes=counting.size,
            sha256=counting.sha256.hexdigest(),
            modified="",
        )
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary, entry


def count_triples(path: Path, fmt: str, *, gzipped: bool = False) -> int:
    """Triples in an RDF file (parsed by Oxigraph, streaming): also proves the file parses."""
    opener = gzip.open if gzipped else open
    with opener(path, "rb") as stream:
        return sum(1 for _ in ox.parse(stream, format=_OX_FORMATS[fmt]))


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    with open(directory / ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # blocks: the later refresh runs after, with newer data
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _mtime(path: Path) -> str:
    return datetime.fromtimestamp(int(path.stat().st_mtime), tz=UTC).isoformat()


def _now() -> str:
    return datetime.now(tz=UTC).replace(microsecond=0).isoformat()
