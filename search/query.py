"""What callers ask a search backend, and what they get back (the same for every backend).

Invalid requests raise :class:`InvalidQuery` (a ``ValueError``) with a message fit for an API
400 answer: an unknown facet name, an unknown sort, a page below 1, a page size out of range.
Unknown facet *values* are not an error: they simply match nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = [
    "FACETS",
    "MAX_PAGE_SIZE",
    "MAX_RESULT_WINDOW",
    "SORTS",
    "FacetValue",
    "Hit",
    "InvalidQuery",
    "RelatedHit",
    "SearchQuery",
    "SearchResult",
    "SharedItem",
    "Suggestion",
]

#: Facet names, in display order. Values are strings: sector codes ("S05"), levels ("4"),
#: types ("qualification"), statuses ("valid"), ISCED-F codes ("0715").
FACETS: tuple[str, ...] = ("type", "sector", "ltks_level", "eqf_level", "status", "isced")
#: "name" A→Z (Lithuanian alphabet), "level" low→high then name, "updated" newest first;
#: a leading "-" reverses. "relevance" is the default (with no text: name).
SORTS: frozenset[str] = frozenset({"relevance", "name", "-name", "level", "-level", "updated", "-updated"})
MAX_PAGE_SIZE = 100
#: Hits beyond this offset are never fetched (Elasticsearch's default max_result_window):
#: such a page answers with no hits and the true total.
MAX_RESULT_WINDOW = 10_000


class InvalidQuery(ValueError):
    """The request cannot be answered as asked (the API turns it into a 400)."""


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    multi_sector: bool = False  # only documents in more than one sector
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    lang: str = "lt"  # which name "name" sorts by

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise InvalidQuery("The query text must be a string")
        unknown = sorted(set(self.filters) - set(FACETS))
        if unknown:
            raise InvalidQuery(f"Unknown facet {unknown[0]!r}; facets are: {', '.join(FACETS)}")
        clean = {}
        for name, values in self.filters.items():
            if isinstance(values, (str, int)):
                values = [values]
            clean[name] = tuple(dict.fromkeys(str(v) for v in values))
        object.__setattr__(self, "filters", MappingProxyType({k: v for k, v in clean.items() if v}))
        if self.sort not in SORTS:
            raise InvalidQuery(f"Unknown sort {self.sort!r}; use one of: {', '.join(sorted(SORTS))}")
        if isinstance(self.page, bool) or not isinstance(self.page, int) or self.page < 1:
            raise InvalidQuery("page must be an integer of at least 1")
        if not isinstance(self.page_size, int) or not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise InvalidQuery(f"page_size must be between 1 and {MAX_PAGE_SIZE}")
        if self.lang not in ("lt", "en"):
            raise InvalidQuery("lang must be 'lt' or 'en'")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass(frozen=True)
class Hit:
    id: str
    type: str
    code: str
    name_lt: str | None
    name_en: str | None
    score: float | None  # None when sorted by something else than relevance
    sectors: tuple[str, ...] = ()
    ltks_level: int | None = None
    eqf_level: int | None = None
    status: str | None = None
    updated: str | None = None
    #: field → HTML fragments (text escaped, matches in <mark>…</mark>); fields: name_lt,
    #: name_en, text_lt, text_en (text_* = description, outcomes, competences, units, modules)
    highlights: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class SearchResult:
    query: SearchQuery
    total: int
    hits: tuple[Hit, ...]
    #: facet name → values, most frequent first (a selected value with no match: count 0)
    facets: Mapping[str, tuple[FacetValue, ...]]
    #: the words actually searched (after truncation); ``truncated`` when some were dropped
    terms: tuple[str, ...] = ()
    truncated: bool = False

    @property
    def pages(self) -> int:
        return -(-self.total // self.query.page_size)


@dataclass(frozen=True)
class Suggestion:
    id: str
    type: str
    code: str
    name_lt: str | None
    name_en: str | None


@dataclass(frozen=True)
class SharedItem:
    kind: str  # "competence" | "unit" | "module"
    id: str
    code: str | None
    name_lt: str | None
    name_en: str | None


@dataclass(frozen=True)
class RelatedHit:
    id: str
    code: str
    name_lt: str | None
    name_en: str | None
    sectors: tuple[str, ...]
    ltks_level: int | None
    overlap: int  # number of shared items
    shared: tuple[SharedItem, ...]
