"""Dataset dumps, their manifest and VoID statistics, and immutable releases (graph layer)."""

from __future__ import annotations

import gzip
import hashlib
import os
import stat

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from graph.dumps import DUMPS, MANIFEST_NAME, read_manifest, write_dumps
from graph.elm import FILE_NAMES as ELM_FILE_NAMES
from graph.releases import (
    RELEASE_DESCRIPTION,
    ReleaseError,
    cut_release,
    list_releases,
    read_release,
    validate_release_name,
)
from graph.stores.base import StoreUnavailable
from graph.stores.sparql import SparqlStore
from ontology.namespaces import PREFIXES
from tests.graph import records
from tests.graph.records import BASE
from tests.servers import free_port

RDFLIB = {"nt": "nt", "ttl": "turtle", "jsonld": "json-ld"}


@pytest.fixture
def store(vocab_store):
    vocab_store.load_graphs(records.world_graphs(3))
    return vocab_store


def parse_dump(path, fmt: str) -> Graph:
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return Graph().parse(data=data, format=RDFLIB[fmt])


def store_union(store) -> Graph:
    union = Graph()
    for name in store.graph_names():
        union += store.get_graph(name)
    return union


def test_every_dump_parses_back_to_the_store_content(store, tmp_path):
    manifest = write_dumps(store, tmp_path, base=BASE)
    union = store_union(store)
    assert [f.name for f in manifest.files] == [spec.name for spec in DUMPS]
    for entry in manifest.files:
        parsed = parse_dump(tmp_path / entry.name, entry.format)
        assert len(parsed) == len(union) == entry.triples, entry.name
        assert isomorphic(parsed, union), entry.name


def test_manifest_sizes_checksums_and_modes_match_the_files(store, tmp_path):
    manifest = write_dumps(store, tmp_path, base=BASE)
    assert read_manifest(tmp_path) == manifest
    for entry in manifest.files:
        path = tmp_path / entry.name
        assert entry.bytes == path.stat().st_size
        assert entry.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert stat.S_IMODE(path.stat().st_mode) == 0o644  # public files, not mkstemp's 0600
    assert manifest.file("kpmpc-registry.nt.gz").compression == "gzip"
    assert manifest.file("kpmpc-registry.nt.gz").media_type == "application/n-triples"
    # Only the final files and the lock remain: temporary files were renamed or removed.
    assert sorted(os.listdir(tmp_path)) == sorted([".lock", MANIFEST_NAME, *(s.name for s in DUMPS)])


def test_unchanged_data_gives_the_same_gzip_bytes(store, tmp_path):
    """No time stamp in the gzip header: an unchanged dump keeps its checksum (and ETag)."""
    first = write_dumps(store, tmp_path, base=BASE).file("kpmpc-registry.nt.gz")
    second = write_dumps(store, tmp_path, base=BASE).file("kpmpc-registry.nt.gz")
    assert first.sha256 == second.sha256


def test_rewriting_reflects_a_change(store, tmp_path):
    write_dumps(store, tmp_path, base=BASE)
    store.load_graphs([(URIRef(f"{BASE}/graph/module/7999999"), records.graph_of(records.module("7999999")))])
    manifest = write_dumps(store, tmp_path, base=BASE)
    assert f"{BASE}/id/module/7999999".encode() in gzip.decompress((tmp_path / "kpmpc-registry.nt.gz").read_bytes())
    assert manifest.statistics.triples == len(store_union(store))


def test_statistics_agree_with_the_parsed_dump(store, tmp_path):
    manifest = write_dumps(store, tmp_path, base=BASE)
    stats = manifest.statistics
    dump = parse_dump(tmp_path / "kpmpc-registry.nt.gz", "nt")
    assert stats.triples == len(dump)
    subjects = set(dump.subjects())
    assert stats.distinct_subjects == len(subjects)
    assert stats.entities == len({s for s in subjects if str(s).startswith(f"{BASE}/id/")})
    assert stats.properties == len(set(dump.predicates()))
    expected = {}
    for cls in set(dump.objects(None, RDF.type)):
        instances = set(dump.subjects(RDF.type, cls))
        expected[str(cls)] = (len(instances), sum(len(list(dump.predicate_objects(s))) for s in instances))
    assert {p.cls: (p.entities, p.triples) for p in stats.classes} == expected
    used = {str(p) for p in dump.predicates()} | {str(c) for c in dump.objects(None, RDF.type)}
    known = [str(ns) for ns in PREFIXES.values()]
    assert set(stats.vocabularies) <= set(known)
    for namespace in known:
        if any(term.startswith(namespace) for term in used):
            assert namespace in stats.vocabularies or any(
                v.startswith(namespace) and v != namespace for v in stats.vocabularies
            ), namespace
    assert str(PREFIXES["kq"]) in stats.vocabularies and str(PREFIXES["kqsh"]) not in stats.vocabularies


def test_a_failed_refresh_leaves_the_previous_files(store, tmp_path):
    before = write_dumps(store, tmp_path, base=BASE)
    down = SparqlStore(url=f"http://127.0.0.1:{free_port()}", timeout=2)  # nothing listens there
    with pytest.raises(StoreUnavailable):
        write_dumps(down, tmp_path, base=BASE)
    assert read_manifest(tmp_path) == before
    for entry in before.files:
        assert hashlib.sha256((tmp_path / entry.name).read_bytes()).hexdigest() == entry.sha256
    assert not [n for n in os.listdir(tmp_path) if n.startswith(".") and n != ".lock"]


def test_no_manifest_reads_as_none(tmp_path):
    assert read_manifest(tmp_path) is None
    (tmp_path / MANIFEST_NAME).write_text("{not json")
    assert read_manifest(tmp_path) is None


# --- releases -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["2026.1", "2026.12", "2026.999", "2026-11-22"])
def test_valid_release_names(name):
    assert validate_release_name(name) == name


@pytest.mark.parametrize(
    "name",
    ["", "../x", "x/../y", "2026", "2026.0", "2026.1000", "2026.1/..", " 2026.1", "2026.1\n",
     "2026-13-01", "2026-02-30", "v1", ".2026.1", None],
)
def test_bad_release_names_are_refused_with_the_pattern(name):
    with pytest.raises(ReleaseError, match="Invalid release name"):
        validate_release_name(name)


def test_a_release_is_complete_immutable_and_refused_twice(store, tmp_path):
    releases = tmp_path / "releases"
    release = cut_release(store, releases, "2026.1", base=BASE)
    folder = releases / "2026.1"
    names = {f.name for f in release.files}
    assert names == {s.name for s in DUMPS} | set(ELM_FILE_NAMES.values())
    assert sorted(os.listdir(folder)) == sorted([*names, RELEASE_DESCRIPTION, MANIFEST_NAME])
    for entry in (*release.files, release.description):
        path = folder / entry.name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry.sha256
        assert stat.S_IMODE(path.stat().st_mode) & 0o222 == 0, entry.name  # read-only
    assert stat.S_IMODE(folder.stat().st_mode) & 0o222 == 0
    assert read_release(releases, "2026.1") == release
    parsed = parse_dump(folder / "kpmpc-registry.ttl", "ttl")
    assert isomorphic(parsed, store_union(store))
    assert Graph().parse(folder / "qualifications-elm.ttl", format="turtle")

    store.load_graphs([(URIRef(f"{BASE}/graph/module/7999999"), records.graph_of(records.module("7999999")))])
    with pytest.raises(ReleaseError, match="exists already"):
        cut_release(store, releases, "2026.1", base=BASE)
    assert read_release(releases, "2026.1") == release  # untouched
    assert [n for n in os.listdir(releases)] == ["2026.1"]  # no staging directory left behind

    later = cut_release(store, releases, "2026-11-23", base=BASE)
    assert later.statistics.triples > release.statistics.triples
    assert [r.name for r in list_releases(releases)] == ["2026-11-23", "2026.1"]


def test_read_release_never_leaves_the_releases_directory(store, tmp_path):
    releases = tmp_path / "releases"
    cut_release(store, releases, "2026.1", base=BASE)
    (tmp_path / MANIFEST_NAME).write_bytes((releases / "2026.1" / MANIFEST_NAME).read_bytes())
    assert read_release(releases, "..") is None
    assert read_release(releases, "../releases/2026.1") is None
    assert read_release(releases, "2026.2") is None
