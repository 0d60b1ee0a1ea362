"""Choices read from the reference vocabularies in ontology/, so forms and graph agree."""

from __future__ import annotations

from functools import lru_cache

from rdflib.namespace import SKOS

from ontology.loader import load_vocabulary
from ontology.namespaces import ISCED_F


@lru_cache(maxsize=1)
def _isced_fields() -> tuple[tuple[str, str], ...]:
    # The base does not matter: ISCED-F concepts have absolute EU URIs.
    graph = load_vocabulary("isced-f", base="https://example.invalid")
    rows = []
    for concept, notation in graph.subject_objects(SKOS.notation):
        code = str(notation)
        if str(concept).startswith(str(ISCED_F)) and len(code) == 4:
            label_lt = graph.value(concept, SKOS.prefLabel)
            labels = {lit.language: str(lit) for lit in graph.objects(concept, SKOS.prefLabel)}
            label = labels.get("lt") or labels.get("en") or str(label_lt)
            rows.append((code, f"{code} {label}"))
    return tuple(sorted(rows))


def isced_choices() -> list[tuple[str, str]]:
    """Detailed (4-digit) ISCED-F 2013 fields."""
    return list(_isced_fields())
