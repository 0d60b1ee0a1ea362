"""Read the published qualifications from the store into the ELM dataset (SPARQL only).

Only what is published is read: the store holds live entities only (drafts never reach it,
``cms.registry.services``), and every query is confined to the entities' own named graphs
(``{BASE}/graph/qualification/…``, ``…/programme/…``). Withdrawn qualifications
(``kq:StatusWithdrawn``) are not part of the QDR dataset. A few set-based queries serve any
number of qualifications, instead of one query per qualification.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import Literal, URIRef
from rdflib.term import Node

from graph.stores.base import GraphStore
from graph.uris import normalise_base, parse_entity_uri
from ontology.namespaces import PREFIXES

from .awarding import IDENTIFIER_SCHEME, awarding_location, kpmpc
from .model import ElmDataset, LangText, LearningOutcome, Qualification, Skipped
from .vocabulary import FORMAL_LEARNING, LITHUANIAN, eqf_level, nqf_level

__all__ = ["build_dataset"]

_PREFIXES = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in ("elm", "dcterms", "adms", "kq"))

_QUALIFICATIONS = """
SELECT ?q ?code ?level ?isced ?modified WHERE {
  GRAPH ?g {
    ?q a elm:Qualification ; dcterms:identifier ?code ; elm:NQFLevel ?level ; adms:status kq:StatusValid .
    OPTIONAL { ?q elm:ISCEDFCode ?isced }
    OPTIONAL { ?q dcterms:modified ?modified }
  }
  FILTER(STRSTARTS(STR(?g), %(graphs)s))
}"""

_TEXTS = """
SELECT ?q ?p ?text WHERE {
  VALUES ?p { dcterms:title dcterms:description }
  GRAPH ?g { ?q a elm:Qualification ; ?p ?text }
  FILTER(STRSTARTS(STR(?g), %(graphs)s))
}"""

_OUTCOMES = """
SELECT ?q ?o ?position ?title WHERE {
  GRAPH ?g {
    ?q a elm:Qualification ; elm:learningOutcome ?o .
    ?o dcterms:title ?title .
    OPTIONAL { ?o kq:position ?position }
  }
  FILTER(STRSTARTS(STR(?g), %(graphs)s))
}"""

_CREDITS = """
SELECT ?q ?kind ?credits WHERE {
  GRAPH ?g { ?p a kq:VetProgramme ; kq:awardsQualification ?q ; kq:credits ?credits ; kq:programmeKind ?kind }
  FILTER(STRSTARTS(STR(?g), %(graphs)s))
}"""


def build_dataset(store: GraphStore, base: str) -> ElmDataset:
    """The ELM LOQ dataset of every valid published qualification in ``store``, sorted by code."""
    base = normalise_base(base)
    rows = _select(store, _QUALIFICATIONS, f"{base}/graph/qualification/")
    texts = _texts(_select(store, _TEXTS, f"{base}/graph/qualification/"))
    outcomes = _outcomes(_select(store, _OUTCOMES, f"{base}/graph/qualification/"))
    credits = _credits(_select(store, _CREDITS, f"{base}/graph/programme/"))

    facts: dict[URIRef, dict] = {}
    for row in rows:
        fact = facts.setdefault(row["q"], {"code": str(row["code"]), "isced": set(), "levels": set()})
        fact["levels"].add(row["level"])
        if "isced" in row:
            fact["isced"].add(row["isced"])
        if "modified" in row:
            fact["modified"] = row["modified"].toPython()

    body = kpmpc(base)
    exported, skipped = [], []
    for uri, fact in sorted(facts.items(), key=lambda item: item[1]["code"]):
        level = _ltks_level(base, fact["levels"])
        titles = _lang_text(texts[uri]["title"])
        reason = _missing(level, fact["isced"], outcomes.get(uri), titles)
        if reason:
            skipped.append(Skipped(uri, reason))
            continue
        exported.append(
            Qualification(
                uri=uri,
                code=fact["code"],
                titles=titles,
                descriptions=_lang_text(texts[uri]["description"]),
                eqf_level=eqf_level(level),
                nqf_level=nqf_level(level),
                isced_f=tuple(sorted(fact["isced"])),
                languages=(LITHUANIAN,),
                outcomes=outcomes[uri],
                homepage=str(uri),
                learning_setting=FORMAL_LEARNING,
                credit_points=credits.get(uri),
                modified=fact.get("modified"),
            )
        )
    return ElmDataset(
        qualifications=tuple(exported),
        awarding_body=body,
        awarding_location=awarding_location(base),
        identifier_scheme=IDENTIFIER_SCHEME,
        skipped=tuple(skipped),
    )


def _select(store: GraphStore, query: str, graph_prefix: str) -> list[dict[str, Node]]:
    # Literal(...).n3() quotes and escapes the prefix, whatever LINKED_DATA_BASE holds.
    return store.select(_PREFIXES + query % {"graphs": Literal(graph_prefix).n3()})


def _missing(level: int | None, isced: set, outcomes: tuple | None, titles: LangText) -> str | None:
    """Why the profile would reject the qualification (its mandatory properties), or None."""
    if level is None:
        return "no single LTKS level"
    if not isced:
        return "no ISCED-F field"
    if not outcomes:
        return "no learning outcome"
    if not titles:
        return "no title"
    return None


def _ltks_level(base: str, levels: set[Node]) -> int | None:
    if len(levels) != 1:
        return None
    parsed = parse_entity_uri(base, str(next(iter(levels))))
    if parsed is None or parsed[0] != "level" or not parsed[1].isdigit():
        return None
    number = int(parsed[1])
    return number if 1 <= number <= 8 else None


def _lang_text(literals: list[Literal]) -> LangText:
    """One text per language (the first in sorted order when the graph has more), sorted."""
    by_language: dict[str, str] = {}
    for literal in sorted(literals, key=str):
        language = (literal.language or "").lower()
        if language and str(literal).strip():
            by_language.setdefault(language, str(literal))
    return tuple(sorted(by_language.items()))


def _texts(rows: list[dict[str, Node]]) -> dict[URIRef, dict[str, list[Literal]]]:
    texts: dict[URIRef, dict[str, list[Literal]]] = defaultdict(lambda: {"title": [], "description": []})
    for row in rows:
        texts[row["q"]][str(row["p"]).rsplit("/", 1)[-1]].append(row["text"])
    return texts


def _outcomes(rows: list[dict[str, Node]]) -> dict[URIRef, tuple[LearningOutcome, ...]]:
    titles: dict[URIRef, dict[URIRef, list[Literal]]] = defaultdict(lambda: defaultdict(list))
    positions: dict[URIRef, int] = {}
    for row in rows:
        titles[row["q"]][row["o"]].append(row["title"])
        if "position" in row:
            positions[row["o"]] = int(row["position"].toPython())
    result = {}
    for q, by_outcome in titles.items():
        ordered = sorted(by_outcome, key=lambda o: (positions.get(o, 0), str(o)))
        outcomes = (LearningOutcome(o, _lang_text(by_outcome[o])) for o in ordered)
        result[q] = tuple(o for o in outcomes if o.titles)
    return result


def _credits(rows: list[dict[str, Node]]) -> dict[URIRef, str]:
    """ECVET points of a qualification: those of the initial VET programme that awards it.

    Initial VET is the full route to the qualification; continuing VET is shortened for people
    who already hold one, so it counts only when no initial programme exists. Of several
    programmes of that kind the smallest volume is taken (the 90-credit variants include
    general upper-secondary education, lt-domain §4.1).
    """
    by_kind: dict[URIRef, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        kind = "initial" if str(row["kind"]).endswith("InitialVet") else "continuing"
        by_kind[row["q"]][kind].append(int(row["credits"].toPython()))
    result = {}
    for q, kinds in by_kind.items():
        volumes = kinds.get("initial") or kinds.get("continuing")
        if volumes:
            result[q] = str(min(volumes))
    return result
