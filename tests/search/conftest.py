from __future__ import annotations

import pytest

from search.documents import iter_documents
from tests.search.register import BASE, register_store


@pytest.fixture(scope="session")
def register():
    """The small realistic register in a real in-memory graph store (read-only for tests)."""
    store = register_store()
    yield store
    store.close()


@pytest.fixture(scope="session")
def documents(register):
    """Its search documents, built from the graph by the real pipeline."""
    return list(iter_documents(register, BASE))
