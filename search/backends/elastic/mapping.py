"""Elasticsearch index template: analysers and mapping (``elasticsearch.dsl``).

Lithuanian text uses the ``lithuanian`` Snowball stemmer plus ``asciifolding``, in **both
orders** at the same position (a ``multiplexer`` filter), exactly like ``search.analysis``:
``virėjas`` → {vir, virej}, ``virejas`` → {virej}, so the folded and the accented spellings meet.
English text: lower-case, ``asciifolding``, Snowball English (Porter2, as PyStemmer's).
``name_lt.prefix`` holds edge n-grams (≥ 5) of the stems (``apskaitos`` finds
``Apskaitininkas``); ``*.ac`` holds edge n-grams 1–20 of the folded words for autocomplete.

Every index ``{alias}-*`` gets this template; the alias points at exactly one of them.
"""

from __future__ import annotations

from elasticsearch.dsl import (
    ComposableIndexTemplate,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Object,
    Text,
    analyzer,
    token_filter,
)

from search.analysis import AUTOCOMPLETE_MAX, MIN_PREFIX

__all__ = ["FACET_FIELDS", "TEMPLATE_VERSION", "SearchDoc", "index_template"]

TEMPLATE_VERSION = 1
#: Facet name → keyword field.
FACET_FIELDS = {
    "type": "type",
    "sector": "sector",
    "ltks_level": "ltks_level",
    "eqf_level": "eqf_level",
    "status": "status",
    "isced": "isced",
}

lt_stemmer = token_filter("lt_stemmer", type="stemmer", language="lithuanian")
en_stemmer = token_filter("en_stemmer", type="snowball", language="English")
lt_both_orders = token_filter(
    "lt_both_orders",
    type="multiplexer",
    filters=[[lt_stemmer, "asciifolding"], ["asciifolding", lt_stemmer]],
    preserve_original=False,
)
stem_prefixes = token_filter("stem_prefixes", type="edge_ngram", min_gram=MIN_PREFIX, max_gram=30)
word_prefixes = token_filter("word_prefixes", type="edge_ngram", min_gram=1, max_gram=AUTOCOMPLETE_MAX)

LT = analyzer(
    "lt_text",
    tokenizer="standard",
    filter=["lowercase", lt_both_orders, "remove_duplicates"],
)
LT_PREFIX = analyzer(
    "lt_prefix",
    tokenizer="standard",
    filter=["lowercase", lt_both_orders, "remove_duplicates", stem_prefixes],
)
EN = analyzer("en_text", tokenizer="standard", filter=["lowercase", "asciifolding", en_stemmer])
AC = analyzer("autocomplete", tokenizer="standard", filter=["lowercase", "asciifolding", word_prefixes])
AC_SEARCH = analyzer("autocomplete_search", tokenizer="standard", filter=["lowercase", "asciifolding"])

_AC = {"ac": Text(analyzer=AC, search_analyzer=AC_SEARCH)}


class SearchDoc(Document):
    """The mapping (documents are written as plain dicts by ``elastic.backend``)."""

    id = Keyword()
    type = Keyword()
    code = Keyword(fields=_AC)
    code_tokens = Keyword()  # search.analysis-made tokens, as in the embedded backend
    linked_codes = Keyword()
    name_lt = Text(analyzer=LT, fields={"prefix": Text(analyzer=LT_PREFIX, search_analyzer=LT), **_AC})
    name_en = Text(analyzer=EN, fields=_AC)
    body_lt = Text(analyzer=LT)
    body_en = Text(analyzer=EN)
    sector = Keyword()
    ltks_level = Keyword()
    eqf_level = Keyword()
    status = Keyword()
    isced = Keyword()
    sector_count = Integer()
    updated = Date()
    sort_name_lt = Keyword()
    sort_name_en = Keyword()
    sort_level = Keyword()
    competence_uris = Keyword()
    unit_uris = Keyword()
    module_uris = Keyword()
    refs = Keyword()
    doc = Object(enabled=False)  # the SearchDocument itself, given back with each hit


def index_template(alias: str, *, shards: int = 1, replicas: int = 1) -> ComposableIndexTemplate:
    """The composable template applied to every ``{alias}-*`` index."""
    index = Index(f"{alias}-*")
    index.settings(number_of_shards=shards, number_of_replicas=replicas)
    index.document(SearchDoc)
    return index.as_composable_template(f"{alias}-template", pattern=f"{alias}-*", priority=100)
