"""The embedded backend: tantivy (Rust, in-process), no server.

Chosen by measurement (../shared/reference/perf-baselines.md and benchmarks/README.md):
at 50k documents tantivy answers in well under a millisecond where SQLite FTS5's tail is
≈ 87 ms. Concurrency: see ``directory.py`` (one writer at a time across processes, any
number of readers).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Sequence

import tantivy
from tantivy import Order, Query

from search.backends.base import SearchBackend, SearchError, facet_values, hit
from search.backends.embedded import queries as q
from search.backends.embedded.directory import IndexDirectory
from search.backends.embedded.schema import FACET_FIELDS, to_tantivy
from search.document import SearchDocument
from search.highlight import Highlighter
from search.query import FACETS, MAX_RESULT_WINDOW, SearchQuery, SearchResult
from search.terms import parse_text

__all__ = ["EmbeddedBackend"]

_MB = 1_000_000
#: sort → (fast field, order); "name" and "level" use the name in the query's language.
_SORTS = {
    "name": ("sort_name_{lang}", Order.Asc),
    "-name": ("sort_name_{lang}", Order.Desc),
    "level": ("sort_level", Order.Asc),
    "-level": ("sort_level", Order.Desc),
    "updated": ("updated", Order.Desc),
    "-updated": ("updated", Order.Asc),
}
_FACET_SIZE = 500


class EmbeddedBackend(SearchBackend):
    """``path``: index directory (``None`` or ``":memory:"``: in memory, for tests).

    ``lock_timeout``: seconds a write waits for another writer (then ``SearchUnavailable``);
    ``writer_heap_mb`` / ``rebuild_heap_mb`` / ``rebuild_threads``: tantivy writer memory
    (≥ 15 MB per thread) and indexing threads of a rebuild.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        lock_timeout: float = 30.0,
        writer_heap_mb: int = 50,
        rebuild_heap_mb: int = 200,
        rebuild_threads: int = 1,
    ) -> None:
        if path in ("", ":memory:"):
            path = None
        self.directory = IndexDirectory(path, lock_timeout=lock_timeout)
        self.schema = self.directory.schema
        self.writer_heap = max(15, writer_heap_mb) * _MB
        self.rebuild_heap = max(15 * rebuild_threads, rebuild_heap_mb) * _MB
        self.rebuild_threads = rebuild_threads

    # --- writes -------------------------------------------------------------------

    def index_documents(self, docs: Iterable[SearchDocument]) -> int:
        prepared = [(d.id, to_tantivy(d)) for d in docs]  # analyse before taking the lock
        if not prepared:
            return 0
        with self.directory.write_lock():
            self._write(prepared)
        return len(prepared)

    def delete(self, ids: Iterable[str]) -> int:
        ids = list(dict.fromkeys(ids))
        if ids:
            with self.directory.write_lock():
                self._write([(i, None) for i in ids])
        return len(ids)

    def _write(self, changes: list[tuple[str, tantivy.Document | None]]) -> None:
        """One commit: each id's old document deleted, its new one (if any) added."""
        index = self.directory.index()
        writer = _writer(index, self.writer_heap, 1)
        try:
            for uri, document in changes:
                writer.delete_documents_by_term("id", uri)
                if document is not None:
                    writer.add_document(document)
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()
        index.reload()

    def rebuild(self, docs: Iterable[SearchDocument]) -> int:
        with self.directory.write_lock():
            name, index = self.directory.new_generation()
            writer = _writer(index, self.rebuild_heap, self.rebuild_threads)
            count = 0
            try:
                for doc in docs:
                    writer.add_document(to_tantivy(doc))
                    count += 1
                writer.commit()
            except BaseException:
                writer.rollback()
                writer.wait_merging_threads()
                if self.directory.path is not None:
                    shutil.rmtree(self.directory.path / name, ignore_errors=True)
                raise
            writer.wait_merging_threads()
            index.reload()
            self.directory.publish(name, index)
        return count

    # --- reads --------------------------------------------------------------------

    def _searcher(self) -> tantivy.Searcher:
        return self.directory.index().searcher()

    def _docs(self, searcher: tantivy.Searcher, hits) -> list[SearchDocument]:
        return [SearchDocument.from_dict(json.loads(searcher.doc(addr)["payload"][0])) for _, addr in hits]

    def get(self, uri: str) -> SearchDocument | None:
        searcher = self._searcher()
        found = searcher.search(Query.term_query(self.schema, "id", uri), 1, count=False).hits
        return self._docs(searcher, found)[0] if found else None

    def referencing(self, uris: Iterable[str]) -> set[str]:
        uris = sorted(set(uris))
        searcher = self._searcher()
        if not uris or not searcher.num_docs:
            return set()
        result = searcher.search(
            Query.term_set_query(self.schema, "refs", uris), searcher.num_docs, count=False
        )
        return {searcher.doc(addr)["id"][0] for _, addr in result.hits}

    def count(self) -> int:
        return self._searcher().num_docs

    def search(self, query: SearchQuery) -> SearchResult:
        parsed = parse_text(query.text)
        searcher = self._searcher()
        typos = q.typos(searcher, parsed)
        text = q.text_query(self.schema, parsed, typos)
        main = q.combine(text, q.filter_query(self.schema, query.filters, query.multi_sector))
        sort = "name" if query.sort == "relevance" and not parsed.words else query.sort
        field, order = _SORTS.get(sort, (None, Order.Desc))
        if query.offset >= MAX_RESULT_WINDOW:
            result = searcher.search(main, 1, count=True)
            found = []
        else:
            result = searcher.search(
                main,
                query.page_size,
                count=True,
                offset=query.offset,
                order_by_field=field.format(lang=query.lang) if field else None,
                order=order,
            )
            found = result.hits
        highlighter = Highlighter(parsed, typos)
        views = [json.loads(searcher.doc(addr)["hit"][0]) for _, addr in found]
        hits = tuple(
            hit(view, float(score) if field is None else None, highlighter.view(view))
            for view, (score, _) in zip(views, found, strict=True)
        )
        return SearchResult(
            query=query,
            total=result.count,
            hits=hits,
            facets=facet_values(self._facet_counts(searcher, text, main, query), query),
            terms=tuple(w.word for w in parsed.words),
            truncated=parsed.truncated,
        )

    def _facet_counts(self, searcher, text: Query, main: Query, query: SearchQuery) -> dict:
        """Each facet counted under every filter but its own (so other values stay choosable)."""
        counts: dict[str, dict[str, int]] = {}
        free = [f for f in FACETS if f not in query.filters]
        if free:
            counts.update(_aggregate(searcher, main, free))
        for facet in query.filters:
            others = q.filter_query(self.schema, query.filters, query.multi_sector, skip=facet)
            counts.update(_aggregate(searcher, q.combine(text, others), [facet]))
        return counts

    def _autocomplete(self, words: list[str], limit: int, types: Sequence[str]) -> list[SearchDocument]:
        searcher = self._searcher()
        result = searcher.search(q.autocomplete_query(self.schema, words, types), limit, count=False)
        return self._docs(searcher, result.hits)

    def _sharing(self, source: SearchDocument, limit: int) -> list[SearchDocument]:
        searcher = self._searcher()
        result = searcher.search(q.sharing_query(self.schema, source), limit, count=False)
        return self._docs(searcher, result.hits)


def _writer(index: tantivy.Index, heap: int, threads: int) -> tantivy.IndexWriter:
    try:
        return index.writer(heap, threads)
    except ValueError as exc:  # LockBusy: someone bypassed our lock (another program?)
        raise SearchError(f"Cannot open the search index for writing: {exc}") from exc


def _aggregate(searcher: tantivy.Searcher, query: Query, facets: list[str]) -> dict[str, dict[str, int]]:
    aggs = {f: {"terms": {"field": FACET_FIELDS[f], "size": _FACET_SIZE}} for f in facets}
    raw = searcher.aggregate(query, aggs)
    return {f: {str(b["key"]): b["doc_count"] for b in raw[f]["buckets"]} for f in facets}
