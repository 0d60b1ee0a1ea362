"""The demo registry conforms, and the operator commands do what they say."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from cms.registry.demo.loader import remove_demo
from cms.registry.graph_store import use_graph_store
from cms.registry.models import (
    Module,
    OccupationalStandard,
    Qualification,
    Sector,
    VetProgramme,
)
from graph.report import validate_store
from graph.stores.oxigraph import OxigraphStore
from graph.uris import graph_name
from graph.vocabularies import load_reference_vocabularies

pytestmark = pytest.mark.django_db


def _union(store) -> Graph:
    buffer = io.BytesIO()
    store.dump("nt", buffer)
    return Graph().parse(data=buffer.getvalue(), format="nt")


@pytest.fixture(scope="module")
def demo_snapshot(django_db_setup, django_db_blocker):
    """Load the demo once for the module (it takes a while): committed rows plus an N-Quads
    snapshot of the graph it produced; removed again when the module is done."""
    store = OxigraphStore(None)
    load_reference_vocabularies(store, base=settings.LINKED_DATA_BASE)
    use_graph_store(store)
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)
    snapshot = io.BytesIO()
    store.dump("nquads", snapshot)
    use_graph_store(None)
    yield snapshot.getvalue()
    use_graph_store(OxigraphStore(None))  # deletions project into a throwaway store
    with django_db_blocker.unblock():
        remove_demo()
    use_graph_store(None)


@pytest.fixture
def demo(demo_snapshot):
    """A fresh store holding the demo graph; the database changes of a test roll back."""
    store = OxigraphStore(None)
    store.bulk_load_nquads(demo_snapshot)
    use_graph_store(store)
    yield store
    use_graph_store(None)


def test_demo_registry_is_complete_and_conforms(demo):
    assert Sector.objects.filter(live=True).count() == 16
    assert OccupationalStandard.objects.filter(live=True).count() >= 16
    assert Qualification.objects.filter(live=True).count() >= 60
    assert VetProgramme.objects.filter(live=True).count() >= 20
    assert Module.objects.filter(live=True).count() >= 40
    multi_sector = [q for q in Qualification.objects.prefetch_related("sectors") if q.sectors.count() > 1]
    assert len(multi_sector) >= 2

    report = validate_store(demo)
    violations = [r for r in report.results if r.severity == "violation"]
    assert report.conforms, "\n".join(f"{r.focus_node} {r.path} {r.message('en')}" for r in violations[:20])


def test_load_demo_if_empty_does_not_load_twice(demo):
    before = Qualification.objects.count()
    out = io.StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert Qualification.objects.count() == before
    assert "already" in out.getvalue()


def test_rebuild_graph_reproduces_the_published_graph_and_is_idempotent(demo):
    published = _union(demo)
    by_graph = {name: demo.get_graph(name) for name in demo.graph_names()}
    demo.clear()
    call_command("rebuild_graph", verbosity=0)
    rebuilt = _union(demo)
    assert isomorphic(published, rebuilt)
    # Graph for graph: the rebuild's N-Quads path gives what each publish wrote.
    assert demo.graph_names() == sorted(by_graph)
    assert [n for n, g in by_graph.items() if not isomorphic(demo.get_graph(n), g)] == []
    call_command("rebuild_graph", verbosity=0)
    assert isomorphic(published, _union(demo))


def test_rebuild_graph_drops_graphs_of_entities_no_longer_live(demo):
    stale = graph_name(settings.LINKED_DATA_BASE, "qualification", "K9999999")
    extra = Graph()
    extra.parse(data="<urn:x> <urn:y> <urn:z> .", format="nt")
    demo.replace_graph(stale, extra)
    call_command("rebuild_graph", verbosity=0)
    assert not demo.has_graph(stale)


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "trig"])
def test_export_graph_writes_a_parseable_file_with_the_whole_graph(demo, tmp_path, fmt):
    target = tmp_path / f"graph.{fmt}"
    call_command("export_graph", "--format", fmt, "--output", str(target), verbosity=0)
    if fmt == "trig":
        parsed = Dataset()
        parsed.parse(target, format="trig")
        exported = Graph()
        for quad in parsed.quads((None, None, None, None)):
            exported.add(quad[:3])
    else:
        exported = Graph().parse(target, format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt])
    assert isomorphic(exported, _union(demo))


def test_validate_graph_exits_non_zero_when_the_graph_is_broken(demo):
    out = io.StringIO()
    call_command("validate_graph", stdout=out)
    assert "Violations: 0" in out.getvalue()

    cook = Qualification.objects.filter(live=True).first()
    name = graph_name(settings.LINKED_DATA_BASE, "qualification", cook.code)
    broken = demo.get_graph(name)
    for triple in list(broken.triples((None, None, None))):
        if str(triple[1]).endswith("/title") and getattr(triple[2], "language", None) == "lt":
            broken.remove(triple)
    demo.replace_graph(name, broken)

    out = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("validate_graph", stdout=out)
    assert exited.value.code == 1
    assert cook.code in out.getvalue()


def test_generate_synthetic_is_deterministic_labelled_and_conforms(demo):
    call_command("generate_synthetic", "--qualifications", "40", verbosity=0)
    synthetic = Qualification.objects.filter(name_lt__startswith="[SINTETINĖ]")
    assert synthetic.count() == 40
    first = sorted(synthetic.values_list("code", "name_lt"))

    call_command("rebuild_graph", verbosity=0)
    assert validate_store(demo).conforms

    call_command("generate_synthetic", "--remove", verbosity=0)
    assert not Qualification.objects.filter(name_lt__startswith="[SINTETINĖ]").exists()
    call_command("generate_synthetic", "--qualifications", "40", verbosity=0)
    assert sorted(Qualification.objects.filter(name_lt__startswith="[SINTETINĖ]").values_list("code", "name_lt")) == first
