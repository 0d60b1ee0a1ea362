"""The behaviour suite on Elasticsearch, when ``ELASTICSEARCH_URL`` names a cluster (9.x).

No Elasticsearch server can run on these machines (CI included), so without the variable this
module is skipped with that reason printed once (``-ra``); search/README.md says how to run it.
``test_elastic_requests.py`` checks, without a server, what this backend sends.
"""

from __future__ import annotations

import os
import uuid

import pytest

from search.backends.elastic.backend import ElasticsearchBackend
from tests.search.suite import SearchBehaviour

ES_URL = os.environ.get("ELASTICSEARCH_URL", "")


if not ES_URL:
    pytest.skip(
        "ELASTICSEARCH_URL is not set: no Elasticsearch cluster here (none can be installed on these "
        "machines, CI included); see search/README.md to run this suite against one",
        allow_module_level=True,
    )


class TestElasticsearch(SearchBehaviour):
    @pytest.fixture
    def backend(self):
        backend = ElasticsearchBackend(ES_URL, index=f"kpmpc-test-{uuid.uuid4().hex[:8]}", replicas=0)
        yield backend
        backend.drop()
        backend.close()
