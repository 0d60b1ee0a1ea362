"""Search documents built from the published graph (a ``GraphStore``), in batches.

A batch of entities costs a fixed handful of SPARQL queries whatever its size (``graph_rows``):
the entities' own properties, the reverse links (programmes awarding a qualification, units of a
standard, programmes containing a module), then two or three hops to the linked units,
modules, qualifications, competences. Sectors and levels are read once per call.

``iter_documents`` walks the whole store (a rebuild); ``build_documents`` builds the documents
of given entity URIs (incremental updates; URIs that are not published document entities are
left out, so the caller deletes them from the index).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from graph.stores.base import GraphStore
from graph.uris import scheme_uri
from ontology.namespaces import SKOS
from search.assemble import Assembler
from search.document import SearchDocument
from search.graph_rows import Props, fetch_props, fetch_reverse, iri_values, rows
from search.graph_terms import (
    AWARDS,
    CLASSES,
    HAS_COMP,
    HAS_PART,
    HAS_UNIT,
    LINKED,
    OUTCOME,
    OWN,
    STANDARD,
    Vocab,
)

__all__ = ["build_documents", "count_documents", "document_uris", "iter_documents"]


def document_uris(store: GraphStore, base: str, uris: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """``(uri, type)`` of every published document entity (or of those among ``uris``), sorted."""
    classes = ", ".join(f"<{c}>" for c in CLASSES)
    only = ""
    if uris is not None:
        values = iri_values(uris)
        if not values:
            return []
        only = f"VALUES ?e {{ {values} }} "
    # FILTER IN, not VALUES, for the classes: see graph_rows._in.
    query = f"SELECT ?e ?c WHERE {{ {only}?e a ?c FILTER(?c IN ({classes})) }}"
    found = {e: CLASSES[c] for e, c in rows(store, query, ("e", "c"))}
    scheme = scheme_uri(base, "sector")
    query = f"SELECT ?e WHERE {{ {only}?e <{SKOS.inScheme}> <{scheme}> }}"
    found.update({e: "sector" for (e,) in rows(store, query, ("e",))})
    return sorted(found.items())


def count_documents(store: GraphStore, base: str) -> int:
    """How many documents a rebuild will index (for a progress bar)."""
    return len(document_uris(store, base))


def iter_documents(store: GraphStore, base: str, *, batch_size: int = 1000) -> Iterator[SearchDocument]:
    """Every document of the store, built ``batch_size`` entities at a time."""
    vocab = Vocab(store, base)
    entities = document_uris(store, base)
    for start in range(0, len(entities), batch_size):
        yield from _build(store, vocab, entities[start : start + batch_size])


def build_documents(store: GraphStore, base: str, uris: Iterable[str]) -> list[SearchDocument]:
    """The documents of those ``uris`` that are published document entities."""
    entities = document_uris(store, base, uris)
    return _build(store, Vocab(store, base), entities) if entities else []


def _build(store: GraphStore, vocab: Vocab, entities: list[tuple[str, str]]) -> list[SearchDocument]:
    props: Props = {}
    fetch_props(store, (e for e, _ in entities), OWN, into=props)
    by_type: dict[str, list[str]] = {}
    for uri, kind in entities:
        by_type.setdefault(kind, []).append(uri)
    reverse = fetch_reverse(
        store,
        [*by_type.get("qualification", []), *by_type.get("standard", []), *by_type.get("module", [])],
        (AWARDS, STANDARD, HAS_PART),
    )
    # Stage 1: what the documents point at, and what points at them.
    stage1 = _objects(props, (e for e, _ in entities), (HAS_UNIT, HAS_PART, AWARDS, OUTCOME, HAS_COMP))
    stage1 |= {s for s, _, _ in reverse}
    fetch_props(store, stage1, LINKED, into=props)
    asm = Assembler(props, vocab, reverse)
    # Stage 2: competences of units and modules; modules of a qualification's programmes;
    # the qualifications of a module's programmes (for the module's sectors).
    stage2 = _objects(props, stage1, (HAS_COMP,))
    stage2 |= _objects(props, asm.all_programmes_of_qualifications(), (HAS_PART,))
    stage2 |= _objects(props, asm.all_programmes_of_modules(), (AWARDS,))
    fetch_props(store, stage2, LINKED, into=props)
    # Stage 3: competences of the modules found in stage 2.
    fetch_props(store, _objects(props, stage2, (HAS_COMP,)), LINKED, into=props)
    return [asm.document(uri, kind) for uri, kind in entities]


def _objects(props: Props, subjects: Iterable[str], predicates: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for s in subjects:
        p = props.get(s)
        if p:
            for pred in predicates:
                out.update(v for v, _ in p.get(pred, ()))
    return out
