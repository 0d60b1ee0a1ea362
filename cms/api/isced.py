"""ISCED-F 2013 fields from the vocabulary file: labels for the API and valid filter codes."""

from __future__ import annotations

from functools import lru_cache

from rdflib.namespace import SKOS

from ontology.loader import load_vocabulary
from ontology.namespaces import ISCED_F

from .language import LANGUAGES


@lru_cache(maxsize=1)
def _fields() -> dict[str, dict[str, str | None]]:
    # ISCED-F concepts have absolute EU IRIs: the base does not matter.
    graph = load_vocabulary("isced-f", base="https://example.invalid")
    fields = {}
    for concept, notation in graph.subject_objects(SKOS.notation):
        if str(concept).startswith(str(ISCED_F)):
            labels = {lit.language: str(lit) for lit in graph.objects(concept, SKOS.prefLabel)}
            fields[str(notation)] = {lang: labels.get(lang) for lang in LANGUAGES}
    return fields


def isced_labels(code: str) -> dict[str, str | None]:
    return _fields().get(code, {lang: None for lang in LANGUAGES})


def isced_codes() -> list[str]:
    """Every broad (2-digit), narrow (3-digit) and detailed (4-digit) field code, sorted."""
    return sorted(_fields())
