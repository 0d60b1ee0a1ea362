"""The search document: one per qualification, standard, programme, module and sector.

A plain dataclass (JSON-able through ``to_dict``/``from_dict``) built from the published graph
by ``search.documents`` and handed to any backend. Backends store it whole and give it back, so
hits, autocomplete and "related in other sectors" can show names and what is shared without
going back to the graph.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

__all__ = ["DOCUMENT_TYPES", "Ref", "SearchDocument"]

#: Entity types that get a search document (the ``type`` facet values).
DOCUMENT_TYPES: tuple[str, ...] = ("qualification", "standard", "programme", "module", "sector")


@dataclass(frozen=True)
class Ref:
    """A linked entity as shown in a document: URI, code and names."""

    id: str
    code: str | None = None
    name_lt: str | None = None
    name_en: str | None = None


@dataclass
class SearchDocument:
    id: str  # the entity URI
    type: str  # one of DOCUMENT_TYPES
    code: str
    name_lt: str | None = None
    name_en: str | None = None
    description_lt: str | None = None
    description_en: str | None = None
    outcomes_lt: list[str] = field(default_factory=list)
    outcomes_en: list[str] = field(default_factory=list)
    competences: list[Ref] = field(default_factory=list)
    units: list[Ref] = field(default_factory=list)
    modules: list[Ref] = field(default_factory=list)
    sectors: list[Ref] = field(default_factory=list)
    qualification: Ref | None = None  # a programme's awarded qualification
    ltks_level: int | None = None
    eqf_level: int | None = None
    isced: str | None = None  # ISCED-F code, e.g. "0715"
    status: str | None = None  # "valid" | "withdrawn"
    updated: str | None = None  # ISO date or date-time (dcterms:modified, else dcterms:issued)
    refs: list[str] = field(default_factory=list)  # every entity URI this document was built from

    # --- derived values the backends index -------------------------------------------

    @property
    def sector_codes(self) -> list[str]:
        return sorted({s.code for s in self.sectors if s.code})

    @property
    def competence_uris(self) -> list[str]:
        return sorted({c.id for c in self.competences})

    @property
    def unit_uris(self) -> list[str]:
        return sorted({u.id for u in self.units})

    @property
    def module_uris(self) -> list[str]:
        return sorted({m.id for m in self.modules})

    @property
    def codes(self) -> list[str]:
        """Own code first, then linked codes: what an exact code search matches."""
        linked = [r.code for r in (*self.competences, *self.units, *self.modules) if r.code]
        if self.qualification and self.qualification.code:
            linked.append(self.qualification.code)
        return [self.code, *sorted(set(linked) - {self.code})]

    def body(self, lang: str) -> list[str]:
        """The searchable texts besides the name, in ``lang`` ("lt" or "en")."""
        key = f"name_{lang}"
        texts = [getattr(self, f"description_{lang}"), *getattr(self, f"outcomes_{lang}")]
        for ref in (*self.competences, *self.units, *self.modules, *self.sectors):
            texts.append(getattr(ref, key))
        if self.qualification is not None:
            texts.append(getattr(self.qualification, key))
        return [t for t in texts if t]

    def facet_values(self) -> dict[str, list[str]]:
        """Facet name → values of this document (strings, as the API passes them)."""
        return {
            "type": [self.type],
            "sector": self.sector_codes,
            "ltks_level": [str(self.ltks_level)] if self.ltks_level else [],
            "eqf_level": [str(self.eqf_level)] if self.eqf_level else [],
            "status": [self.status] if self.status else [],
            "isced": [self.isced] if self.isced else [],
        }

    def updated_datetime(self) -> dt.datetime | None:
        """``updated`` as an aware UTC datetime (a date counts as its midnight)."""
        if not self.updated:
            return None
        text = self.updated.replace("Z", "+00:00")
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)

    # --- serialisation ------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        # By hand: dataclasses.asdict deep-copies every value, 5× slower on a rebuild.
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        for key in ("competences", "units", "modules", "sectors"):
            data[key] = [r.__dict__.copy() for r in data[key]]
        data["outcomes_lt"], data["outcomes_en"] = list(self.outcomes_lt), list(self.outcomes_en)
        data["refs"] = list(self.refs)
        if self.qualification is not None:
            data["qualification"] = self.qualification.__dict__.copy()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SearchDocument:
        values = dict(data)
        for key in ("competences", "units", "modules", "sectors"):
            values[key] = [Ref(**r) for r in values.get(key) or []]
        if values.get("qualification"):
            values["qualification"] = Ref(**values["qualification"])
        return cls(**values)
