"""LTKS levels for the API, read from the LTKS vocabulary (``ontology/vocab/ltks.ttl``).

Levels are vocabulary, not a database model: the file is the one source, so the API, the
forms and the graph cannot disagree about labels or the EQF mapping.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from cms.registry.graph_store import linked_data_base
from graph.uris import entity_uri
from ontology.loader import load_vocabulary
from ontology.namespaces import EQF, KQ, QDR


@dataclass(frozen=True)
class Level:
    number: int
    roman: str
    uri: str
    name_lt: str
    name_en: str
    short_name_lt: str
    short_name_en: str
    definition_lt: str
    definition_en: str
    eqf_level: int
    eqf_uri: str
    qdr_uri: str

    @property
    def code(self) -> str:
        return str(self.number)


def _text(graph: Graph, subject: URIRef, predicate: URIRef, lang: str) -> str:
    for value in graph.objects(subject, predicate):
        if getattr(value, "language", None) == lang:
            return str(value)
    return ""


def _match(graph: Graph, subject: URIRef, namespace: str) -> str:
    return next((str(o) for o in graph.objects(subject, SKOS.exactMatch) if str(o).startswith(namespace)), "")


@lru_cache(maxsize=4)
def _levels(base: str) -> tuple[Level, ...]:
    graph = load_vocabulary("ltks", base=base)
    found = []
    for number in range(1, 9):
        uri = entity_uri(base, "level", number)
        eqf_uri = _match(graph, uri, str(EQF))
        found.append(
            Level(
                number=number,
                roman=str(graph.value(uri, KQ.romanNumeral)),
                uri=str(uri),
                name_lt=_text(graph, uri, SKOS.prefLabel, "lt"),
                name_en=_text(graph, uri, SKOS.prefLabel, "en"),
                short_name_lt=_text(graph, uri, SKOS.altLabel, "lt"),
                short_name_en=_text(graph, uri, SKOS.altLabel, "en"),
                definition_lt=_text(graph, uri, SKOS.definition, "lt"),
                definition_en=_text(graph, uri, SKOS.definition, "en"),
                eqf_level=int(eqf_uri.rsplit("/", 1)[1]),
                eqf_uri=eqf_uri,
                qdr_uri=_match(graph, uri, str(QDR)),
            )
        )
    return tuple(found)


def all_levels() -> list[Level]:
    return list(_levels(linked_data_base()))


def level(number: int | str) -> Level | None:
    """The level numbered ``number`` (1–8), or None."""
    text = str(number)
    return next((lvl for lvl in _levels(linked_data_base()) if lvl.code == text), None)
