from __future__ import annotations

import pytest

from graph.stores.oxigraph import OxigraphStore
from graph.vocabularies import load_reference_vocabularies
from tests.graph.records import BASE, sector_graphs


@pytest.fixture
def base() -> str:
    return BASE


@pytest.fixture
def vocab_store():
    """An in-memory store with the reference vocabularies and the 16 published sectors."""
    store = OxigraphStore()
    load_reference_vocabularies(store, base=BASE)
    store.load_graphs(sector_graphs(BASE))
    yield store
    store.close()
