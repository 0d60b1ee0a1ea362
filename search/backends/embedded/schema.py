"""The tantivy schema and the conversion of a search document into tantivy fields.

Text is analysed in Python (``search.analysis``: tantivy has no Lithuanian stemmer) and handed
to tantivy as space-separated tokens on a ``whitespace`` field, so tantivy only counts terms.
No positions are indexed (``freq``): queries never use phrases.
"""

from __future__ import annotations

import datetime as dt
import json

import tantivy

from search.analysis import AUTOCOMPLETE_MAX, code_tokens, en_form, fold, lt_forms, prefixes, sort_key, tokens
from search.backends.base import hit_view
from search.document import SearchDocument

__all__ = ["FACET_FIELDS", "SCHEMA_VERSION", "build_schema", "to_tantivy"]

#: Bump when the schema or the analysis changes: an index of another version must be rebuilt.
SCHEMA_VERSION = 4
#: Facet name → tantivy field (raw keyword, fast, multi-valued for sectors).
FACET_FIELDS = {f: f"f_{f}" for f in ("type", "sector", "ltks_level", "eqf_level", "status", "isced")}
_NO_DATE = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

_TEXT_FIELDS = ("name_lt", "body_lt", "prefix_lt", "name_en", "body_en", "code", "linked_codes", "ac")
_KEYWORDS = ("competence_uris", "unit_uris", "module_uris", "refs")
_SORTS = ("sort_name_lt", "sort_name_en", "sort_level")


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    for name in _TEXT_FIELDS:
        sb.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    for name in _KEYWORDS:
        sb.add_text_field(name, tokenizer_name="raw", index_option="basic")
    for name in (*FACET_FIELDS.values(), *_SORTS):
        sb.add_text_field(name, tokenizer_name="raw", index_option="basic", fast=True)
    sb.add_unsigned_field("sector_count", indexed=True, fast=True)
    sb.add_date_field("updated", indexed=True, fast=True)
    sb.add_bytes_field("payload", stored=True)  # the whole document (get, related, refresh)
    sb.add_bytes_field("hit", stored=True)  # hit_view: what a result shows (smaller, faster to parse)
    return sb.build()


def lt_tokens(texts: list[str]) -> list[str]:
    return [form for text in texts for w in tokens(text) for form in lt_forms(w)]


def en_tokens(texts: list[str]) -> list[str]:
    return [en_form(w) for text in texts for w in tokens(text)]


def autocomplete_tokens(doc: SearchDocument) -> list[str]:
    grams: set[str] = set()
    texts = [t for t in (doc.name_lt, doc.name_en) if t]
    for w in {fold(w) for text in texts for w in tokens(text)} | set(code_tokens(doc.code)):
        grams.update(w[:n] for n in range(1, min(len(w), AUTOCOMPLETE_MAX) + 1))
    return sorted(grams)


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def to_tantivy(doc: SearchDocument) -> tantivy.Document:
    names_lt = [doc.name_lt] if doc.name_lt else []
    names_en = [doc.name_en] if doc.name_en else []
    name_stems = lt_tokens(names_lt)
    fields: dict[str, object] = {
        "id": doc.id,
        "name_lt": " ".join(name_stems),
        "body_lt": " ".join(lt_tokens(doc.body("lt"))),
        "prefix_lt": " ".join(p for stem in set(name_stems) for p in prefixes(stem)),
        "name_en": " ".join(en_tokens(names_en)),
        "body_en": " ".join(en_tokens(doc.body("en"))),
        "code": " ".join(code_tokens(doc.code)),
        "linked_codes": " ".join(t for c in doc.codes[1:] for t in code_tokens(c)),
        "ac": " ".join(autocomplete_tokens(doc)),
        "competence_uris": doc.competence_uris,
        "unit_uris": doc.unit_uris,
        "module_uris": doc.module_uris,
        "refs": doc.refs,
        "sort_name_lt": sort_key(doc.name_lt or doc.name_en),
        "sort_name_en": sort_key(doc.name_en or doc.name_lt),
        "sort_level": f"{doc.ltks_level or 9}{sort_key(doc.name_lt or doc.name_en)}",
        "sector_count": len(doc.sector_codes),
        "updated": doc.updated_datetime() or _NO_DATE,
        "payload": _json(doc.to_dict()),
        "hit": _json(hit_view(doc)),
    }
    for facet, values in doc.facet_values().items():
        fields[FACET_FIELDS[facet]] = values
    document = tantivy.Document()
    for name, value in fields.items():
        if isinstance(value, list):
            for v in value:
                document.add_text(name, v)
        elif isinstance(value, str):
            document.add_text(name, value)
        elif isinstance(value, int):
            document.add_unsigned(name, value)
        elif isinstance(value, dt.datetime):
            document.add_date(name, value)
        else:
            document.add_bytes(name, value)
    return document
