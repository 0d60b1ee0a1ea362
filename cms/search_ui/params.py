"""Search request parameters (a GET QueryDict) → a validated SearchQuery, or errors per parameter.

Shared by the API and the staff page, so both accept the same URLs.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from search.document import DOCUMENT_TYPES
from search.query import FACETS, MAX_PAGE_SIZE, InvalidQuery, SearchQuery

PAGE_TYPE = "page"  # editorial pages, answered by Wagtail's search backend
TYPES = (*DOCUMENT_TYPES, PAGE_TYPE)
MAX_QUERY_CHARS = 10_000  # longer is refused; the library itself searches the first 1,000
MAX_VALUES = 20  # per facet
MAX_VALUE_CHARS = 64
BOOLEANS = {
    "": False,
    "0": False,
    "false": False,
    "no": False,
    "1": True,
    "true": True,
    "yes": True,
    "on": True,
}


class InvalidParams(ValueError):
    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))


@dataclass(frozen=True)
class SearchRequest:
    query: SearchQuery  # the registry query ("page" kept in the type filter: it matches nothing there)
    types: tuple[str, ...]

    @property
    def pages_match(self) -> bool:
        """Pages have no sector, level, status or ISCED: any such filter excludes them."""
        return not self.query.multi_sector and not any(
            self.query.filters.get(f) for f in FACETS if f != "type"
        )

    @property
    def pages_listed(self) -> bool:
        return self.pages_match and (not self.types or PAGE_TYPE in self.types)


def parse_search(params, lang: str) -> SearchRequest:
    errors: dict[str, list[str]] = {}
    text = params.get("q", "")
    if len(text) > MAX_QUERY_CHARS:
        errors["q"] = [_("The query is too long (at most %(n)d characters).") % {"n": MAX_QUERY_CHARS}]
    filters = {}
    for name in FACETS:
        values = [v.strip() for raw in params.getlist(name) for v in raw.split(",") if v.strip()]
        if len(values) > MAX_VALUES or any(len(v) > MAX_VALUE_CHARS for v in values):
            errors[name] = [
                _("At most %(n)d values of at most %(c)d characters each.")
                % {"n": MAX_VALUES, "c": MAX_VALUE_CHARS}
            ]
        filters[name] = values
    unknown = sorted(set(filters["type"]) - set(TYPES))
    if unknown:
        errors["type"] = [
            _("Unknown type “%(v)s”; use one of: %(choices)s.")
            % {"v": unknown[0], "choices": ", ".join(TYPES)}
        ]
    multi = params.get("multi_sector", "").strip().lower()
    if multi not in BOOLEANS:
        errors["multi_sector"] = [_("Use true or false.")]
    page = _integer(params, "page", 1, errors)
    size = _integer(params, "page_size", 20, errors)
    if size is not None and not 1 <= size <= MAX_PAGE_SIZE:
        errors["page_size"] = [_("Must be between 1 and %(n)d.") % {"n": MAX_PAGE_SIZE}]
    if page is not None and page < 1:
        errors["page"] = [_("Must be at least 1.")]
    if errors:
        raise InvalidParams(errors)
    try:
        query = SearchQuery(
            text=text,
            filters=filters,
            multi_sector=BOOLEANS[multi],
            sort=params.get("sort", "").strip() or "relevance",
            page=page,
            page_size=size,
            lang=lang,
        )
    except InvalidQuery as exc:  # the remaining check the library makes here is the sort
        raise InvalidParams({"sort": [str(exc)]}) from exc
    return SearchRequest(query, tuple(filters["type"]))


def _integer(params, name: str, default: int, errors: dict) -> int | None:
    raw = params.get(name, "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        errors[name] = [_("Must be a whole number.")]
        return None
    return int(raw)
