"""Elasticsearch request parts built programmatically (``elasticsearch.dsl`` objects).

User words only ever go into ``match``/``term`` queries as values (never ``query_string``), so
nothing typed is engine syntax. Weights are the embedded backend's (``BOOSTS``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from elasticsearch.dsl import FacetedSearch, Search, TermsFacet
from elasticsearch.dsl.query import Bool, ConstantScore, DisMax, Match, MatchAll, Query, Range, Term, Terms

from search.analysis import code_tokens, fuzziness, sort_key
from search.backends.elastic.mapping import FACET_FIELDS
from search.document import SearchDocument
from search.query import FACETS, SearchQuery
from search.terms import BOOSTS, ParsedText, QueryWord

__all__ = ["RegistryFacetedSearch", "autocomplete_query", "body", "sharing_query", "text_query"]

_SORTS = {
    "name": [{"sort_name_{lang}": "asc"}, "id"],
    "-name": [{"sort_name_{lang}": "desc"}, "id"],
    "level": [{"sort_level": "asc"}, "id"],
    "-level": [{"sort_level": "desc"}, "id"],
    "updated": [{"updated": {"order": "desc", "missing": "_last"}}, "id"],
    "-updated": [{"updated": {"order": "asc", "missing": "_last"}}, "id"],
    "relevance": ["_score", "id"],
}


def body(doc: SearchDocument) -> dict[str, Any]:
    """The indexed form of a document (same derived values as the embedded backend)."""
    updated = doc.updated_datetime()
    out: dict[str, Any] = {
        "id": doc.id,
        "code": doc.code,
        "code_tokens": list(code_tokens(doc.code)),
        "linked_codes": [t for c in doc.codes[1:] for t in code_tokens(c)],
        "name_lt": doc.name_lt,
        "name_en": doc.name_en,
        "body_lt": doc.body("lt"),
        "body_en": doc.body("en"),
        "sector_count": len(doc.sector_codes),
        "updated": updated.isoformat() if updated else None,
        "sort_name_lt": sort_key(doc.name_lt or doc.name_en),
        "sort_name_en": sort_key(doc.name_en or doc.name_lt),
        "sort_level": f"{doc.ltks_level or 9}{sort_key(doc.name_lt or doc.name_en)}",
        "competence_uris": doc.competence_uris,
        "unit_uris": doc.unit_uris,
        "module_uris": doc.module_uris,
        "refs": doc.refs,
        "doc": doc.to_dict(),
    }
    for facet, values in doc.facet_values().items():
        out[FACET_FIELDS[facet]] = values
    return out


def _match(field: str, text: str, boost: float, **extra: Any) -> Match:
    return Match(**{field: {"query": text, "boost": boost, **extra}})


def word_query(w: QueryWord) -> Query:
    parts: list[Query] = [
        _match("name_lt", w.word, BOOSTS["name"]),
        _match("body_lt", w.word, BOOSTS["body"]),
        _match("name_en", w.word, BOOSTS["name_en"]),
        _match("body_en", w.word, BOOSTS["body_en"]),
        _match("name_lt.prefix", w.word, BOOSTS["prefix"]),
        Term(code_tokens={"value": w.folded, "boost": BOOSTS["code"]}),
        Term(linked_codes={"value": w.folded, "boost": BOOSTS["linked_code"]}),
    ]
    if w.lt_prefixes:
        parts.append(Terms(name_lt=list(w.lt_prefixes), boost=BOOSTS["shorter"]))
        parts.append(Terms(body_lt=list(w.lt_prefixes), boost=BOOSTS["shorter"]))
    if w.fuzzy:
        parts.append(_match("name_lt", w.word, BOOSTS["fuzzy_name"], fuzziness=w.fuzzy))
        parts.append(_match("body_lt", w.word, BOOSTS["fuzzy_body"], fuzziness=w.fuzzy))
    if fuzziness(w.en):
        parts.append(_match("name_en", w.word, BOOSTS["fuzzy_name"], fuzziness=fuzziness(w.en)))
    return DisMax(queries=parts, tie_breaker=0.1)


def text_query(parsed: ParsedText) -> Query:
    if not parsed.words:
        return MatchAll()
    return Bool(
        should=[word_query(w) for w in parsed.words],
        minimum_should_match=parsed.minimum_should_match,
    )


class RegistryFacetedSearch(FacetedSearch):
    """Facets counted the faceted way: each under every filter but its own (post_filter)."""

    facets = {name: TermsFacet(field=FACET_FIELDS[name], size=500) for name in FACETS}
    fields = ["name_lt", "name_en", "body_lt", "body_en"]  # highlighted

    def __init__(self, using: Any, index: str, query: SearchQuery, parsed: ParsedText) -> None:
        self.using, self.index = using, index
        self._request, self._parsed = query, parsed
        sort = "name" if query.sort == "relevance" and not parsed.words else query.sort
        order = [
            {k.format(lang=query.lang): v for k, v in s.items()} if isinstance(s, dict) else s
            for s in _SORTS[sort]
        ]
        super().__init__(query=parsed, filters=dict(query.filters), sort=order)  # type: ignore[arg-type]
        self._s = self._s.extra(track_total_hits=True)

    def search(self) -> Search:
        s = super().search().source(["doc"])  # the indexed copies of the texts stay on the server
        if self._request.multi_sector:
            s = s.filter(Range(sector_count={"gte": 2}))
        return s

    def query(self, search: Search, query: Any) -> Search:
        return search.query(text_query(self._parsed))

    def highlight(self, search: Search) -> Search:
        if not self._parsed.words:
            return search
        search = search.highlight_options(
            encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"], fragment_size=160
        )
        search = search.highlight("name_lt", "name_en", number_of_fragments=0)
        return search.highlight("body_lt", "body_en", number_of_fragments=2)


def autocomplete_query(words: list[str], types: Sequence[str]) -> Query:
    must = [
        Bool(
            should=[
                Term(**{"name_lt.ac": w}),
                Term(**{"name_en.ac": w}),
                Term(**{"code.ac": w}),
            ]
        )
        for w in words
    ]
    filters = [Terms(type=list(types))] if types else []
    return Bool(must=must, filter=filters)


def sharing_query(source: SearchDocument) -> Query:
    shared = [
        ConstantScore(filter=Term(**{field: uri}), boost=1.0)
        for field, uris in (
            ("competence_uris", source.competence_uris),
            ("unit_uris", source.unit_uris),
            ("module_uris", source.module_uris),
        )
        for uri in uris
    ]
    return Bool(
        filter=[Term(type="qualification")],
        must_not=[Terms(sector=source.sector_codes)] if source.sector_codes else [],
        should=shared,
        minimum_should_match=1,
    )
