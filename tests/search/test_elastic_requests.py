"""What the Elasticsearch backend sends, checked without a server: the index template, and that
user text only ever reaches Elasticsearch as a value, never as query syntax."""

from __future__ import annotations

import json

import pytest

from search.backends.base import SearchError, SearchUnavailable
from search.backends.elastic.backend import ElasticsearchBackend
from search.backends.elastic.mapping import index_template
from search.backends.elastic.queries import RegistryFacetedSearch
from search.query import SearchQuery
from search.terms import parse_text


def test_template_uses_the_lithuanian_stemmer_with_asciifolding_in_both_orders():
    template = index_template("kpmpc-search").to_dict()
    assert template["index_patterns"] == ["kpmpc-search-*"]
    analysis = template["template"]["settings"]["analysis"]
    assert analysis["filter"]["lt_stemmer"] == {"type": "stemmer", "language": "lithuanian"}
    assert analysis["filter"]["lt_both_orders"]["filters"] == [
        "lt_stemmer, asciifolding",
        "asciifolding, lt_stemmer",
    ]
    assert analysis["analyzer"]["lt_text"]["filter"] == ["lowercase", "lt_both_orders", "remove_duplicates"]
    props = template["template"]["mappings"]["properties"]
    assert props["name_lt"]["analyzer"] == "lt_text" and props["body_en"]["analyzer"] == "en_text"
    assert props["sector"] == {"type": "keyword"} and props["doc"] == {"type": "object", "enabled": False}


@pytest.mark.parametrize(
    "text", ['" * ( AND ~', "name_lt:virejas OR _exists_:id", '{"query": 1}', "a\\ [1 TO 5] /.*/"]
)
def test_user_text_reaches_elasticsearch_only_as_values(text):
    query = SearchQuery(text=text, filters={"sector": ['S05" OR *']})
    parsed = parse_text(text)
    body = RegistryFacetedSearch("unused-client", "kpmpc", query, parsed)._s.to_dict()
    dumped = json.dumps(body)
    assert "query_string" not in dumped and "regexp" not in dumped and "wildcard" not in dumped
    matches = [q["match"] for q in _walk(body["query"]) if "match" in q]
    assert {m[field]["query"] for m in matches for field in m} == {w.word for w in parsed.words}
    assert body["post_filter"] == {"terms": {"sector": ['S05" OR *']}}  # a value, matched as is


def _walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def test_a_backend_needs_a_url():
    with pytest.raises(SearchError):
        ElasticsearchBackend()


def test_an_unreachable_cluster_is_unavailable_not_a_crash():
    backend = ElasticsearchBackend("http://127.0.0.1:9", timeout=2)  # discard port: refused at once
    with pytest.raises(SearchUnavailable):
        backend.search(SearchQuery(text="virejas"))
