"""How a page points at a registry entity in the API: its stable URI and its LT/EN labels.

Only published (live) entities are described; a reference to anything else is dropped, so a
draft's name never reaches a public surface."""

from __future__ import annotations

from typing import Any

from cms.registry.graph_store import linked_data_base
from cms.registry.models import RegistryEntity, Sector
from graph.uris import entity_uri


def type_slug(obj: RegistryEntity) -> str:
    return type(obj).rdf_mapping.type_slug


def entity_reference(obj: RegistryEntity | None) -> dict[str, Any] | None:
    """{"type", "code", "uri", "label": {"lt", "en"}} for a live entity, else None."""
    if obj is None or not obj.live:
        return None
    slug = type_slug(obj)
    reference: dict[str, Any] = {
        "type": slug,
        "code": obj.code,
        "uri": str(entity_uri(linked_data_base(), slug, obj.code)),
        "label": {"lt": obj.name_lt, "en": obj.name_en or None},
    }
    if isinstance(obj, Sector):
        reference["committee"] = {"lt": obj.committee_name_lt, "en": obj.committee_name_en or None}
    return reference


def entity_references(objects) -> list[dict[str, Any]]:
    return [ref for obj in objects if (ref := entity_reference(obj)) is not None]
