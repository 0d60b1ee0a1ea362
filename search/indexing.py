"""Keeping an index in step with the published graph: full rebuild and incremental refresh.

These are what the Django side calls (``rebuild_search_index``, the outbox hook); they take a
backend, a ``GraphStore`` and the ``LINKED_DATA_BASE``, and import nothing from Django.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from graph.stores.base import GraphStore
from graph.uris import parse_entity_uri
from ontology.namespaces import KQ
from search.backends.base import SearchBackend
from search.document import DOCUMENT_TYPES, SearchDocument
from search.documents import build_documents, count_documents, iter_documents
from search.graph_rows import iri_values, rows
from search.graph_terms import AWARDS, HAS_PART, STANDARD

__all__ = ["Refreshed", "affected_uris", "rebuild_from_store", "refresh"]

#: ``progress(iterable, total)`` → iterable: e.g. ``lambda it, total: tqdm(it, total=total)``.
Progress = Callable[[Iterator[SearchDocument], int], Iterable[SearchDocument]]


@dataclass(frozen=True)
class Refreshed:
    indexed: tuple[str, ...]
    deleted: tuple[str, ...]


def rebuild_from_store(
    backend: SearchBackend, store: GraphStore, base: str, *, progress: Progress | None = None
) -> int:
    """Rebuild the whole index from the store (atomic swap at the end); return the count."""
    docs: Iterable[SearchDocument] = iter_documents(store, base)
    if progress is not None:
        docs = progress(iter_documents(store, base), count_documents(store, base))
    return backend.rebuild(docs)


def affected_uris(backend: SearchBackend, store: GraphStore, uris: Iterable[str]) -> set[str]:
    """Documents to rebuild when the entities ``uris`` were published, changed or withdrawn.

    The entities themselves; every indexed document built from them (its ``refs``: a
    qualification lists its units, modules, programmes, competences, sectors); and what a
    changed entity points at that shows it (a programme's qualification and modules, a
    unit's standard): read from the store, so a newly published entity is covered too.
    """
    uris = {str(u) for u in uris}
    found = set(uris) | backend.referencing(uris)
    values = iri_values(uris)
    if values:
        query = (
            f"SELECT ?d WHERE {{ VALUES ?e {{ {values} }} "
            f"{{ ?e <{AWARDS}>|<{HAS_PART}> ?d }} UNION {{ ?e a <{KQ.QualificationUnit}> ; <{STANDARD}> ?d }} }}"
        )
        found.update(d for (d,) in rows(store, query, ("d",)) if d)
    return found


def refresh(backend: SearchBackend, store: GraphStore, base: str, uris: Iterable[str]) -> Refreshed:
    """Bring the index in line with the store for the entities ``uris`` (after publish/unpublish).

    Rebuilds the documents of the affected entities that are published document entities and
    deletes the given URIs that no longer are (an unpublished qualification). URIs that never
    had a document (a unit, a competence) only trigger their dependents' refresh.
    """
    wanted = affected_uris(backend, store, uris)
    docs = build_documents(store, base, wanted)
    built = {d.id for d in docs}
    gone = sorted(u for u in {str(u) for u in uris} if u not in built and _is_document_uri(base, u))
    if docs:
        backend.index_documents(docs)
    if gone:
        backend.delete(gone)
    return Refreshed(indexed=tuple(sorted(built)), deleted=tuple(gone))


def _is_document_uri(base: str, uri: str) -> bool:
    parsed = parse_entity_uri(base, uri)
    return parsed is not None and parsed[0] in DOCUMENT_TYPES
