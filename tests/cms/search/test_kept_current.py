"""Publishing and unpublishing through the real gate and outbox updates the index; the command
rebuilds it."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from cms.registry.outbox import AFTER_GRAPH_SYNC
from cms.search_ui.indexing import index_after_sync
from tests.cms import factories

pytestmark = pytest.mark.django_db(transaction=True)  # the graph (and index) follow the commit


def codes(client, **params):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 200
    return [h["code"] for h in response.json()["hits"]]


def test_step_registered_once():
    assert AFTER_GRAPH_SYNC.count(index_after_sync) == 1


def test_publish_indexes_and_unpublish_removes(client, graph, search_index):
    s08 = factories.sector()
    standard = factories.standard(s08)
    cook = factories.qualification([s08], standard)
    assert "K4101301" in codes(client, q="virejas")
    assert codes(client, q="virejas", sector="S08", type="qualification") == ["K4101301"]
    cook.unpublish()
    assert "K4101301" not in codes(client, q="virejas")
    assert search_index.get("https://data.kpmpc.lt/id/qualification/K4101301") is None


def test_rebuild_command_restores_a_lost_index(client, graph, search_index, capsys):
    s08 = factories.sector()
    factories.qualification([s08], factories.standard(s08))
    search_index.rebuild([])  # lost: empty
    assert codes(client, q="virejas") == []
    call_command("rebuild_search_index")
    out = capsys.readouterr().out
    assert "Search index rebuilt: 3 documents" in out  # sector, standard, qualification
    assert "K4101301" in codes(client, q="virejas")


def test_an_in_memory_graph_gets_an_in_memory_index(settings, tmp_path):
    from cms.search_ui.backend import search_backend, use_search_backend

    settings.GRAPH_STORES = {
        "default": {"BACKEND": "graph.stores.oxigraph.OxigraphStore", "OPTIONS": {"path": None}}
    }
    settings.SEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.embedded.EmbeddedBackend",
            "OPTIONS": {"path": str(tmp_path / "s")},
        }
    }
    use_search_backend(None)
    try:
        assert search_backend().count() == 0
        assert not (tmp_path / "s").exists()
    finally:
        use_search_backend(None)
