"""The members' area is assembled from sections each SPK app registers (meetings,
consultations, initiatives, …), so the core never imports the apps built on it.

A provider takes (request, committees) and returns a context dict for its template, or None
when it has nothing to show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Provider = Callable[[Any, Any], "dict | None"]


@dataclass(frozen=True)
class Section:
    key: str
    template: str
    provider: Provider
    order: int = 50


_SECTIONS: dict[str, Section] = {}


def register_section(key: str, template: str, provider: Provider, order: int = 50) -> None:
    _SECTIONS[key] = Section(key, template, provider, order)


def render_sections(request, committees) -> list[tuple[str, dict]]:
    """(template, context) for every section with something to show."""
    rendered = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        context = section.provider(request, committees)
        if context is not None:
            rendered.append((section.template, context))
    return rendered
