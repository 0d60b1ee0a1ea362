"""Search fixtures: a fresh in-memory index as the process backend, and the small realistic
register (tests/search/register.py) as the process graph store, indexed by the real pipeline."""

from __future__ import annotations

import pytest

from cms.registry.graph_store import use_graph_store
from cms.search_ui.backend import use_search_backend
from search.backends import get_backend
from search.indexing import rebuild_from_store
from tests.search.register import BASE, register_store

MEMORY = {"default": {"BACKEND": "search.backends.embedded.EmbeddedBackend", "OPTIONS": {"path": ":memory:"}}}


@pytest.fixture
def search_index():
    """An empty in-memory index installed as the process backend (the outbox step writes here)."""
    backend = get_backend(MEMORY)
    use_search_backend(backend)
    yield backend
    use_search_backend(None)


@pytest.fixture(scope="module")
def indexed_register():
    store = register_store()
    backend = get_backend(MEMORY)
    rebuild_from_store(backend, store, BASE)
    yield store, backend
    backend.close()
    store.close()


@pytest.fixture
def register(indexed_register, settings):
    """The register as the process graph store and its index as the process backend (read-only)."""
    store, backend = indexed_register
    settings.LINKED_DATA_BASE = BASE
    use_graph_store(store, close=False)
    use_search_backend(backend, close=False)
    yield store
    use_search_backend(None, close=False)
    use_graph_store(None, close=False)
