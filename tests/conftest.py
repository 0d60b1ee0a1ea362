"""Shared fixtures. Django-side tests get a fresh in-memory graph store with the vocabularies."""

from __future__ import annotations

import pytest

from tests.browser import browser  # noqa: F401  (headless Chromium, for the end-to-end tests)


@pytest.fixture
def graph(settings):
    """A fresh embedded store, installed as the process store for the duration of a test."""
    from cms.registry.graph_store import use_graph_store
    from graph.stores.oxigraph import OxigraphStore
    from graph.vocabularies import load_reference_vocabularies

    store = OxigraphStore(None)
    load_reference_vocabularies(store, base=settings.LINKED_DATA_BASE)
    use_graph_store(store)
    yield store
    use_graph_store(None)
