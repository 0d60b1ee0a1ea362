"""tantivy queries built programmatically from analysed words (never from a query parser).

Per word, the best of (``disjunction_max``): its stems in the name (boost 4) or the other
texts (1), its English stem (3 / 1), its stems as the start of a longer name stem (1.5), the
shorter stems it extends (0.5), its code (10) or a linked code (2), and typo matches on the
name (1.5) and texts (0.3). Words combine with ``minimum_should_match``
(``ParsedText.minimum_should_match``). The Elasticsearch backend uses the same weights.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import tantivy
from tantivy import Occur, Query

from search.analysis import MIN_PREFIX, fuzziness
from search.backends.embedded.schema import FACET_FIELDS
from search.terms import BOOSTS, ParsedText, QueryWord

__all__ = ["autocomplete_query", "filter_query", "sharing_query", "text_query", "typos"]


def _terms(schema: tantivy.Schema, field: str, values: Sequence[str], boost: float) -> list[Query]:
    if not values:
        return []
    if len(values) == 1:
        q = Query.term_query(schema, field, values[0])
    else:
        q = Query.boolean_query([(Occur.Should, Query.term_query(schema, field, v)) for v in values])
    return [Query.boost_query(q, boost)]


def word_query(schema: tantivy.Schema, w: QueryWord, typo: bool) -> Query:
    lt, en = list(w.lt), [w.en]
    long_stems = [s for s in lt if len(s) >= MIN_PREFIX]
    parts = [
        *_terms(schema, "name_lt", lt, BOOSTS["name"]),
        *_terms(schema, "body_lt", lt, BOOSTS["body"]),
        *_terms(schema, "name_en", en, BOOSTS["name_en"]),
        *_terms(schema, "body_en", en, BOOSTS["body_en"]),
        *_terms(schema, "prefix_lt", long_stems, BOOSTS["prefix"]),
        *_terms(schema, "name_lt", list(w.lt_prefixes), BOOSTS["shorter"]),
        *_terms(schema, "body_lt", list(w.lt_prefixes), BOOSTS["shorter"]),
        *_terms(schema, "code", [w.folded], BOOSTS["code"]),
        *_terms(schema, "linked_codes", [w.folded], BOOSTS["linked_code"]),
    ]
    stem = max(lt, key=len)
    if typo and w.fuzzy:
        for field, boost in (("name_lt", "fuzzy_name"), ("body_lt", "fuzzy_body")):
            fq = Query.fuzzy_term_query(schema, field, stem, distance=w.fuzzy)
            parts.append(Query.boost_query(fq, BOOSTS[boost]))
    if typo and fuzziness(w.en):
        fq = Query.fuzzy_term_query(schema, "name_en", w.en, distance=fuzziness(w.en))
        parts.append(Query.boost_query(fq, BOOSTS["fuzzy_name"]))
    return Query.disjunction_max_query(parts, tie_breaker=0.1)


def typos(searcher: tantivy.Searcher, parsed: ParsedText) -> set[str]:
    """The words to search with typo tolerance: those found nowhere as typed.

    A word that exists in the index is taken as meant; expanding it to its neighbours would only
    add noise (and cost: a fuzzy term walks the whole term dictionary).
    """
    out = set()
    for w in parsed.words:
        known = any(searcher.doc_freq(f, t) for f in ("name_lt", "body_lt") for t in w.lt) or any(
            searcher.doc_freq(f, w.en) for f in ("name_en", "body_en")
        )
        if not known:
            out.add(w.word)
    return out


def text_query(schema: tantivy.Schema, parsed: ParsedText, typos: set[str]) -> Query:
    if not parsed.words:
        return Query.all_query()
    clauses = [(Occur.Should, word_query(schema, w, w.word in typos)) for w in parsed.words]
    return Query.boolean_query(clauses, minimum_number_should_match=parsed.minimum_should_match)


def filter_query(
    schema: tantivy.Schema, filters: Mapping[str, Sequence[str]], multi_sector: bool, skip: str | None = None
) -> list[Query]:
    """One non-scoring query per selected facet (values OR-ed), facets AND-ed by the caller."""
    out = []
    for facet, values in filters.items():
        if facet != skip:
            out.append(Query.term_set_query(schema, FACET_FIELDS[facet], list(values)))
    if multi_sector:
        out.append(Query.range_query(schema, "sector_count", tantivy.FieldType.Unsigned, lower_bound=2))
    return [Query.const_score_query(q, 0.0) for q in out]


def combine(main: Query, filters: list[Query]) -> Query:
    if not filters:
        return main
    return Query.boolean_query([(Occur.Must, main), *((Occur.Must, f) for f in filters)])


def autocomplete_query(schema: tantivy.Schema, typed: list[str], types: Sequence[str]) -> Query:
    clauses = [(Occur.Must, Query.term_query(schema, "ac", w)) for w in typed]
    if types:
        clauses.append((Occur.Must, Query.term_set_query(schema, FACET_FIELDS["type"], list(types))))
    return Query.boolean_query(clauses)


def sharing_query(schema: tantivy.Schema, source) -> Query:
    """Each shared competence/unit/module scores 1: the score is the overlap."""
    shared = [
        Query.const_score_query(Query.term_query(schema, field, uri), 1.0)
        for field, uris in (
            ("competence_uris", source.competence_uris),
            ("unit_uris", source.unit_uris),
            ("module_uris", source.module_uris),
        )
        for uri in uris
    ]
    return Query.boolean_query(
        [
            (
                Occur.Must,
                Query.const_score_query(Query.term_query(schema, FACET_FIELDS["type"], "qualification"), 0.0),
            ),
            (Occur.Must, Query.boolean_query([(Occur.Should, q) for q in shared])),
            *(
                (Occur.MustNot, Query.term_query(schema, FACET_FIELDS["sector"], code))
                for code in source.sector_codes
            ),
        ]
    )
