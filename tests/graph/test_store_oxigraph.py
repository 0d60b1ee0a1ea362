from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS

from graph.stores import StoreConfigurationError, get_store
from graph.stores.base import StoreError
from graph.stores.oxigraph import OxigraphStore
from tests.graph.store_suite import G1, G2, StoreBehaviour, graph_of, tricky_graph


class TestOxigraphInMemory(StoreBehaviour):
    @pytest.fixture
    def store(self):
        store = OxigraphStore()
        yield store
        store.close()


class TestOxigraphOnDisk(StoreBehaviour):
    @pytest.fixture
    def store(self, tmp_path):
        store = OxigraphStore(tmp_path / "graph")
        yield store
        store.close()

    def test_reopened_store_keeps_its_graphs(self, tmp_path):
        path = tmp_path / "persist"
        store = OxigraphStore(str(path))
        store.replace_graph(G1, tricky_graph())
        store.close()
        reopened = OxigraphStore(str(path))
        try:
            assert reopened.graph_names() == [G1]
            assert isomorphic(reopened.get_graph(G1), tricky_graph())
        finally:
            reopened.close()
        reader = OxigraphStore(str(path), read_only=True)
        try:
            assert reader.has_graph(G1)
        finally:
            reader.close()


def test_update_request_is_one_transaction():
    """What replace_graph relies on: a failing operation late in a request undoes the earlier ones."""
    store = OxigraphStore()
    old = graph_of((URIRef("http://example.org/a"), SKOS.prefLabel, Literal("old")))
    store.replace_graph(G1, old)
    with pytest.raises(StoreError, match="already exists"):
        store._update(
            f"DROP SILENT GRAPH <{G1}> ; INSERT DATA {{ GRAPH <{G1}> {{ <http://example.org/a> "
            f'<{SKOS.prefLabel}> "new" }} }} ; INSERT DATA {{ GRAPH <{G2}> {{ <http://example.org/b> '
            f'<{SKOS.prefLabel}> "b" }} }} ; CREATE GRAPH <{G1}>'
        )
    assert isomorphic(store.get_graph(G1), old)
    assert not store.has_graph(G2)


def test_atomic_load_graphs_batch_fails_as_a_whole():
    store = OxigraphStore()
    store.replace_graph(G1, graph_of((URIRef("http://example.org/a"), SKOS.prefLabel, Literal("old"))))
    bad = graph_of((URIRef("http://example.org/with space"), SKOS.prefLabel, Literal("x")))
    with pytest.raises(StoreError):
        store.load_graphs([(G1, Graph()), (G2, bad)])
    assert store.graph_names() == [G1]


def test_get_store_builds_configured_backend(tmp_path):
    config = {
        "default": {
            "BACKEND": "graph.stores.oxigraph.OxigraphStore",
            "OPTIONS": {"path": str(tmp_path / "g")},
        },
        "memory": {"BACKEND": "graph.stores.oxigraph.OxigraphStore"},
    }
    store = get_store(config)
    assert isinstance(store, OxigraphStore) and store.path == str(tmp_path / "g")
    store.close()
    memory = get_store(config, "memory")
    assert memory.path is None
    assert get_store(config, "memory") is not memory  # no global cache in graph/


@pytest.mark.parametrize(
    ("config", "alias", "message"),
    [
        ({}, "default", "No graph store configured under alias 'default'"),
        ({"default": {}}, "default", "has no BACKEND"),
        ({"default": {"BACKEND": "graph.stores.nowhere.Store"}}, "default", "Cannot import"),
        ({"default": {"BACKEND": "graph.stores.oxigraph.Missing"}}, "default", "is not a GraphStore class"),
        ({"default": {"BACKEND": "OxigraphStore"}}, "default", "not a dotted path"),
        (
            {"default": {"BACKEND": "graph.stores.oxigraph.OxigraphStore", "OPTIONS": {"bogus": 1}}},
            "default",
            "Invalid OPTIONS",
        ),
        ({"default": {"BACKEND": "graph.stores.oxigraph.OxigraphStore"}}, "remote", "configured: default"),
    ],
)
def test_get_store_configuration_errors(config, alias, message):
    with pytest.raises(StoreConfigurationError, match=message):
        get_store(config, alias)
