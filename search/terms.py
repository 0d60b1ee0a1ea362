"""User text → analysed query words. Nothing the user types is ever engine syntax.

The text is cut to ``MAX_QUERY_CHARS``, split into words (``\\w+``: quotes, ``*``, ``(``,
``~`` are separators, never operators; ``AND`` is just the word "and"), stop words dropped,
duplicates dropped, and at most ``MAX_TERMS`` words kept. Each word carries every form the
backends search for. Both backends build their queries from these words programmatically.
"""

from __future__ import annotations

from dataclasses import dataclass

from search.analysis import MIN_PREFIX, en_form, fold, fuzziness, lt_forms, prefixes, words

__all__ = ["BOOSTS", "MAX_QUERY_CHARS", "MAX_TERMS", "ParsedText", "QueryWord", "parse_text"]

MAX_QUERY_CHARS = 1000
MAX_TERMS = 12
# Folded, so "į" and "i" are both caught. Dropped from queries only (the index keeps them).
STOPWORDS = frozenset(
    "ir ar bei su i is per prie uz apie be kad o bet nuo iki po tai yra kaip ant del "
    "and or the of in for to a an with on at by".split()
)


#: Weights of the ways a word can match (both backends use them; see their ``queries`` modules).
BOOSTS = {
    "name": 4.0,
    "body": 1.0,
    "name_en": 3.0,
    "body_en": 1.0,
    "prefix": 1.5,
    "shorter": 0.5,
    "code": 10.0,
    "linked_code": 2.0,
    "fuzzy_name": 1.5,
    "fuzzy_body": 0.3,
}


@dataclass(frozen=True)
class QueryWord:
    word: str  # lower-cased, as typed
    folded: str  # lower-cased, diacritics removed: exact code / autocomplete form
    lt: tuple[str, ...]  # Lithuanian folded stems (both orders, see search.analysis)
    en: str  # English folded stem
    #: shorter stems this word's stems extend (≥ MIN_PREFIX chars): "suvirinim" → "suvir", …
    lt_prefixes: tuple[str, ...]

    @property
    def fuzzy(self) -> int:
        """Edit distance for typos, by the length of the longest stem."""
        return fuzziness(max(self.lt, key=len))


@dataclass(frozen=True)
class ParsedText:
    words: tuple[QueryWord, ...]
    truncated: bool

    @property
    def minimum_should_match(self) -> int:
        """All of 1–2 words must match; of more words, all but a quarter."""
        n = len(self.words)
        return n if n <= 2 else n - n // 4


def query_word(word: str) -> QueryWord:
    forms = lt_forms(word)
    shorter = {p for stem in forms for p in prefixes(stem)} - set(forms)
    return QueryWord(
        word=word,
        folded=fold(word),
        lt=forms,
        en=en_form(word),
        lt_prefixes=tuple(sorted(p for p in shorter if len(p) >= MIN_PREFIX)),
    )


def parse_text(text: str) -> ParsedText:
    truncated = len(text) > MAX_QUERY_CHARS
    found = [w for _, _, w in words(text[:MAX_QUERY_CHARS])]
    unique = list(dict.fromkeys(found))
    kept = [w for w in unique if fold(w) not in STOPWORDS] or unique
    if len(kept) > MAX_TERMS:
        kept, truncated = kept[:MAX_TERMS], True
    return ParsedText(tuple(query_word(w) for w in kept), truncated)
