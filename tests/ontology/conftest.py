from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.ontology.sparql_cache import cached_sparql_parsing


@pytest.fixture(scope="package", autouse=True)
def _parse_sparql_once() -> Iterator[None]:
    """Keep the shape tests fast (see tests/ontology/sparql_cache.py); restored afterwards."""
    with cached_sparql_parsing():
        yield
