"""The search backend contract, and the behaviour every backend shares.

A backend indexes :class:`~search.document.SearchDocument` objects and answers
:class:`~search.query.SearchQuery` objects. ``tests/search/suite.py`` is the executable form of
this contract: every backend runs it.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from search.analysis import AUTOCOMPLETE_MAX, fold, sort_key, words
from search.document import DOCUMENT_TYPES, SearchDocument
from search.query import (
    FACETS,
    FacetValue,
    Hit,
    InvalidQuery,
    RelatedHit,
    SearchQuery,
    SearchResult,
    SharedItem,
    Suggestion,
)

__all__ = [
    "DocumentNotFound",
    "SearchBackend",
    "SearchError",
    "SearchUnavailable",
    "autocomplete_words",
    "facet_values",
    "hit",
    "hit_view",
    "rank_related",
]

MAX_AUTOCOMPLETE = 50
#: How much of a document's texts a hit keeps for its snippets.
SNIPPET_SOURCE_CHARS = 1000
MAX_RELATED = 100


class SearchError(RuntimeError):
    """The search engine failed (the index is left as it was)."""


class SearchUnavailable(SearchError):
    """The engine cannot be reached or is busy: retry later (the Celery task retries)."""


class DocumentNotFound(LookupError):
    """No qualification with that URI is indexed."""


class SearchBackend(abc.ABC):
    # --- writes -------------------------------------------------------------------

    @abc.abstractmethod
    def index_documents(self, docs: Iterable[SearchDocument]) -> int:
        """Add or replace (by ``id``) the documents; return how many were written."""

    @abc.abstractmethod
    def delete(self, ids: Iterable[str]) -> int:
        """Remove documents by URI; unknown URIs are ignored. Return how many URIs were given."""

    @abc.abstractmethod
    def rebuild(self, docs: Iterable[SearchDocument]) -> int:
        """Replace the whole index with ``docs``, atomically: searches see the old index until the
        new one is complete. Return how many documents were indexed."""

    # --- reads --------------------------------------------------------------------

    @abc.abstractmethod
    def get(self, uri: str) -> SearchDocument | None:
        """The indexed document of ``uri``."""

    @abc.abstractmethod
    def referencing(self, uris: Iterable[str]) -> set[str]:
        """URIs of the documents built from any of ``uris`` (their ``refs``)."""

    @abc.abstractmethod
    def count(self) -> int:
        """Number of indexed documents."""

    @abc.abstractmethod
    def search(self, query: SearchQuery) -> SearchResult:
        """Full-text search with facets, sort and pagination."""

    @abc.abstractmethod
    def _autocomplete(self, words: list[str], limit: int, types: Sequence[str]) -> list[SearchDocument]:
        """Documents whose names/codes have the last of ``words`` as a word prefix and the others as words."""

    @abc.abstractmethod
    def _sharing(self, source: SearchDocument, limit: int) -> list[SearchDocument]:
        """Qualifications with no sector of ``source`` that share a competence, unit or module,
        most shared first (up to ``limit``)."""

    def autocomplete(
        self, prefix: str, *, limit: int = 10, types: Sequence[str] | None = None
    ) -> list[Suggestion]:
        """Documents whose name (LT or EN) or code starts with what was typed, best first.

        Every typed word but the last must be a whole word; the last is a prefix
        (``java pro`` → "Java programuotojas"). Diacritics and case do not matter.
        """
        if not 1 <= limit <= MAX_AUTOCOMPLETE:
            raise InvalidQuery(f"limit must be between 1 and {MAX_AUTOCOMPLETE}")
        unknown = sorted(set(types or ()) - set(DOCUMENT_TYPES))
        if unknown:
            raise InvalidQuery(f"Unknown type {unknown[0]!r}; types are: {', '.join(DOCUMENT_TYPES)}")
        typed = autocomplete_words(prefix)
        if not typed:
            return []
        docs = self._autocomplete(typed, limit, list(types or ()))
        return [Suggestion(d.id, d.type, d.code, d.name_lt, d.name_en) for d in docs]

    def related_in_other_sectors(self, uri: str, *, limit: int = 20) -> list[RelatedHit]:
        """Qualifications of other sectors (no sector in common) that share competences, units or
        modules with the qualification ``uri``, most shared first, each listing what is shared.

        Raises :class:`DocumentNotFound` when ``uri`` is not an indexed qualification.
        """
        if not 1 <= limit <= MAX_RELATED:
            raise InvalidQuery(f"limit must be between 1 and {MAX_RELATED}")
        source = self.get(uri)
        if source is None or source.type != "qualification":
            raise DocumentNotFound(f"No indexed qualification {uri!r}")
        if not (source.competences or source.units or source.modules):
            return []
        # Fetch more than asked: ties at the cut are then ordered by name, not by engine order.
        return rank_related(source, self._sharing(source, limit * 3), limit)

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release resources."""

    def __enter__(self) -> SearchBackend:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


# --- helpers the backends share ------------------------------------------------------


def autocomplete_words(prefix: str) -> list[str]:
    """Folded words of the typed text, at most 6, each cut to ``AUTOCOMPLETE_MAX``."""
    typed = [w[:AUTOCOMPLETE_MAX] for _, _, w in words(fold(prefix[:200]))]
    return typed[-6:]


def facet_values(
    counts: Mapping[str, Mapping[str, int]], query: SearchQuery
) -> dict[str, tuple[FacetValue, ...]]:
    """Engine counts → facet values, most frequent first; selected values always listed."""
    out = {}
    for name in FACETS:
        found = dict(counts.get(name, {}))
        selected = set(query.filters.get(name, ()))
        for value in selected:
            found.setdefault(value, 0)
        ordered = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))
        out[name] = tuple(FacetValue(v, c, v in selected) for v, c in ordered)
    return out


def hit_view(doc: SearchDocument) -> dict[str, Any]:
    """What a hit shows and highlights, as plain JSON-able values."""
    return {
        "id": doc.id,
        "type": doc.type,
        "code": doc.code,
        "name_lt": doc.name_lt,
        "name_en": doc.name_en,
        "sectors": doc.sector_codes,
        "ltks_level": doc.ltks_level,
        "eqf_level": doc.eqf_level,
        "status": doc.status,
        "updated": doc.updated,
        "text_lt": _capped(doc.body("lt")),
        "text_en": _capped(doc.body("en")),
    }


def _capped(texts: list[str]) -> list[str]:
    """The texts up to ``SNIPPET_SOURCE_CHARS`` in all: snippets come from the first ones
    (description, outcomes, competences), and a smaller view is faster to read back."""
    out, size = [], 0
    for text in texts:
        if size >= SNIPPET_SOURCE_CHARS:
            break
        out.append(text)
        size += len(text)
    return out


def hit(view: Mapping[str, Any], score: float | None, highlights: Mapping[str, Sequence[str]]) -> Hit:
    fields = {k: v for k, v in view.items() if not k.startswith("text_")}
    fields["sectors"] = tuple(fields["sectors"])
    return Hit(**fields, score=score, highlights={k: tuple(v) for k, v in highlights.items()})


def rank_related(source: SearchDocument, candidates: list[SearchDocument], limit: int) -> list[RelatedHit]:
    own_sectors = set(source.sector_codes)
    mine = {
        "competence": {r.id: r for r in source.competences},
        "unit": {r.id: r for r in source.units},
        "module": {r.id: r for r in source.modules},
    }
    ranked = []
    for doc in candidates:
        if doc.id == source.id or doc.type != "qualification" or own_sectors & set(doc.sector_codes):
            continue
        theirs = {"competence": doc.competences, "unit": doc.units, "module": doc.modules}
        shared = tuple(
            SharedItem(kind, r.id, r.code, r.name_lt, r.name_en)
            for kind, refs in theirs.items()
            for r in refs
            if r.id in mine[kind]
        )
        if shared:
            ranked.append((doc, shared))
    ranked.sort(key=lambda ds: (-len(ds[1]), sort_key(ds[0].name_lt or ds[0].name_en), ds[0].id))
    return [
        RelatedHit(
            id=doc.id,
            code=doc.code,
            name_lt=doc.name_lt,
            name_en=doc.name_en,
            sectors=tuple(doc.sector_codes),
            ltks_level=doc.ltks_level,
            overlap=len(shared),
            shared=shared,
        )
        for doc, shared in ranked[:limit]
    ]
