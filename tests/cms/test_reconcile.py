"""`reconcile` finds drift between the published database rows and the graph, and repairs it."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS

from cms.registry.reconcile import reconcile
from cms.registry.services import entity_project
from graph.uris import graph_name

from .factories import module, qualification, sector, standard

pytestmark = pytest.mark.django_db(transaction=True)
BASE = settings.LINKED_DATA_BASE


@pytest.fixture
def published(graph):
    s = sector()
    st = standard(s)
    return {"sector": s, "standard": st, "qualification": qualification([s], st),
            "module": module("4102201", 1), "other": module("4102203", 2)}


def _run(*args) -> str:
    out = io.StringIO()
    call_command("reconcile", *args, stdout=out)
    return out.getvalue()


def test_a_consistent_graph_has_no_drift(published):
    report = reconcile(repair=False)
    assert report.checked == 5
    assert report.drift == 0, report.summary()


def test_reconcile_repairs_a_deliberately_corrupted_graph(published, graph):
    q, m, other = published["qualification"], published["module"], published["other"]
    q_name = graph_name(BASE, "qualification", q.code)
    # Corrupt it three ways: a graph lost, a graph edited behind our back, a graph nobody owns.
    graph.drop_graph(graph_name(BASE, "module", m.code))
    tampered = graph.get_graph(q_name)
    tampered.add((URIRef(f"{BASE}/id/qualification/{q.code}"), SKOS.altLabel, Literal("klastotė", lang="lt")))
    graph.replace_graph(q_name, tampered)
    orphan = graph_name(BASE, "module", "4999999")
    graph.replace_graph(orphan, Graph().add((URIRef(f"{BASE}/id/module/4999999"), SKOS.prefLabel, Literal("x"))))

    dry = _run("--dry-run")
    assert "Checked 5 published entities; would fix 3" in dry
    assert graph.has_graph(orphan)  # a dry run changes nothing

    out = _run()
    assert f"missing graph, rewritten: {graph_name(BASE, 'module', m.code)}" in out
    assert f"differed from the database, rewritten: {q_name}" in out
    assert f"no live entity, dropped: {orphan}" in out
    assert "fixed 3: 1 missing, 1 different, 1 orphaned" in out

    assert not graph.has_graph(orphan)
    for obj in (q, m, other):
        projection = entity_project(obj=obj)
        assert isomorphic(graph.get_graph(projection.graph_name), projection.graph)
    assert "fixed 0" in _run()


def test_reconcile_does_not_touch_vocabularies_or_drafts(published, graph):
    draft = qualification([published["sector"]], published["standard"], code="K4101302", live=False)
    vocab = graph.graph_names(prefix=f"{BASE}/graph/vocab/")
    assert reconcile(repair=True).drift == 0
    assert graph.graph_names(prefix=f"{BASE}/graph/vocab/") == vocab
    assert not graph.has_graph(graph_name(BASE, "qualification", draft.code))
