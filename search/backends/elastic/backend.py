"""Elasticsearch backend (elasticsearch-py 9 and its bundled ``elasticsearch.dsl``).

Needs an Elasticsearch **9.x** cluster (the 9.x client refuses older servers). Every index is
``{alias}-{timestamp}``, created from the composable template ``{alias}-template``; readers
and incremental writes go through the alias. A rebuild fills a new index, then moves the alias
in **one** ``update_aliases`` call (atomic), then deletes the old index.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError, helpers

from search.backends.base import SearchBackend, SearchError, SearchUnavailable, facet_values, hit, hit_view
from search.backends.elastic import queries as q
from search.backends.elastic.mapping import index_template
from search.document import SearchDocument
from search.query import FACETS, MAX_RESULT_WINDOW, SearchQuery, SearchResult
from search.terms import parse_text

__all__ = ["ElasticsearchBackend"]

_HIGHLIGHT_KEYS = {"name_lt": "name_lt", "name_en": "name_en", "body_lt": "text_lt", "body_en": "text_en"}


class ElasticsearchBackend(SearchBackend):
    """``url``: cluster URL (``http://localhost:9200``), or ``client``: an ``Elasticsearch``.

    ``index``: the alias name (indices are ``{index}-…``); ``api_key`` or ``username`` +
    ``password``; ``timeout`` seconds; ``shards``/``replicas`` of new indices; ``refresh``:
    what writes wait for (``"wait_for"``: visible to the next search; ``False``: faster).
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        index: str = "kpmpc-search",
        client: Elasticsearch | None = None,
        api_key: str | None = None,
        username: str | None = None,
        password: str | None = None,
        timeout: float = 10.0,
        verify_certs: bool = True,
        ca_certs: str | None = None,
        shards: int = 1,
        replicas: int = 1,
        refresh: str | bool = "wait_for",
    ) -> None:
        if client is None:
            if not url:
                raise SearchError("ElasticsearchBackend needs a url (or a client)")
            auth: dict[str, Any] = {}
            if api_key:
                auth["api_key"] = api_key
            elif username:
                auth["basic_auth"] = (username, password or "")
            client = Elasticsearch(
                url, request_timeout=timeout, verify_certs=verify_certs, ca_certs=ca_certs, **auth
            )
        self.client = client
        self.alias = index
        self.shards, self.replicas, self.refresh = shards, replicas, refresh
        self._ready = False

    # --- set-up -------------------------------------------------------------------

    def ensure_index(self) -> None:
        """Install the template, and create a first index behind the alias if there is none."""
        if self._ready:
            return
        with _errors():
            index_template(self.alias, shards=self.shards, replicas=self.replicas).save(using=self.client)
            if not self.client.indices.exists_alias(name=self.alias):
                name = self._new_index()
                self.client.indices.update_aliases(actions=[{"add": {"index": name, "alias": self.alias}}])
        self._ready = True

    def _new_index(self) -> str:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
        name = f"{self.alias}-{stamp}-{secrets.token_hex(3)}"
        self.client.indices.create(index=name)
        return name

    def drop(self) -> None:
        """Delete the alias's indices and the template (tests; a fresh start)."""
        with _errors():
            with contextlib.suppress(NotFoundError):
                for name in self.client.indices.get_alias(name=self.alias):
                    self.client.indices.delete(index=name)
            with contextlib.suppress(NotFoundError):
                self.client.indices.delete_index_template(name=f"{self.alias}-template")
        self._ready = False

    # --- writes -------------------------------------------------------------------

    def _bulk(self, actions: Iterable[dict], *, refresh: str | bool) -> None:
        with _errors():
            helpers.bulk(self.client, actions, refresh=refresh, ignore_status=(404,), chunk_size=500)

    def index_documents(self, docs: Iterable[SearchDocument]) -> int:
        self.ensure_index()
        actions = [{"_index": self.alias, "_id": d.id, "_source": q.body(d)} for d in docs]
        if actions:
            self._bulk(actions, refresh=self.refresh)
        return len(actions)

    def delete(self, ids: Iterable[str]) -> int:
        self.ensure_index()
        actions = [{"_op_type": "delete", "_index": self.alias, "_id": i} for i in dict.fromkeys(ids)]
        if actions:
            self._bulk(actions, refresh=self.refresh)
        return len(actions)

    def rebuild(self, docs: Iterable[SearchDocument]) -> int:
        self.ensure_index()
        with _errors():
            name = self._new_index()
            count = 0

            def actions() -> Iterator[dict]:
                nonlocal count
                for d in docs:
                    count += 1
                    yield {"_index": name, "_id": d.id, "_source": q.body(d)}

            try:
                helpers.bulk(self.client, actions(), refresh=False, chunk_size=500)
                self.client.indices.refresh(index=name)
                old = list(self.client.indices.get_alias(name=self.alias))
                moves = [{"remove": {"index": o, "alias": self.alias}} for o in old]
                self.client.indices.update_aliases(
                    actions=[*moves, {"add": {"index": name, "alias": self.alias}}]
                )
            except BaseException:
                with contextlib.suppress(Exception):
                    self.client.indices.delete(index=name)
                raise
            for o in old:
                self.client.indices.delete(index=o)
        return count

    # --- reads --------------------------------------------------------------------

    def get(self, uri: str) -> SearchDocument | None:
        self.ensure_index()
        with _errors():
            try:
                found = self.client.get(index=self.alias, id=uri, source_includes=["doc"])
            except NotFoundError:
                return None
        return SearchDocument.from_dict(found["_source"]["doc"])

    def referencing(self, uris: Iterable[str]) -> set[str]:
        self.ensure_index()
        uris = sorted(set(uris))
        if not uris:
            return set()
        with _errors():
            scan = helpers.scan(
                self.client, index=self.alias, query={"query": {"terms": {"refs": uris}}}, _source=False
            )
            return {h["_id"] for h in scan}

    def count(self) -> int:
        self.ensure_index()
        with _errors():
            return int(self.client.count(index=self.alias)["count"])

    def search(self, query: SearchQuery) -> SearchResult:
        self.ensure_index()
        parsed = parse_text(query.text)
        fs = q.RegistryFacetedSearch(self.client, self.alias, query, parsed)
        if query.offset >= MAX_RESULT_WINDOW:
            fs = fs[0:0]
        else:
            fs = fs[query.offset : query.offset + query.page_size]
        with _errors():
            response = fs.execute()
        counts = {name: {str(k): c for k, c, _ in response.facets[name]} for name in FACETS}
        hits = []
        for h in response.hits:
            view = hit_view(SearchDocument.from_dict(h.to_dict()["doc"]))
            marked = getattr(h.meta, "highlight", None)
            highlights = {
                _HIGHLIGHT_KEYS[k]: list(v) for k, v in (marked.to_dict() if marked else {}).items()
            }
            score = getattr(h.meta, "score", None)
            sorted_by_score = query.sort == "relevance" and parsed.words
            hits.append(
                hit(view, float(score) if sorted_by_score and score is not None else None, highlights)
            )
        return SearchResult(
            query=query,
            total=int(response.hits.total.value),
            hits=tuple(hits),
            facets=facet_values(counts, query),
            terms=tuple(w.word for w in parsed.words),
            truncated=parsed.truncated,
        )

    def _docs(self, query: Any, size: int, sort: list | None = None) -> list[SearchDocument]:
        self.ensure_index()
        with _errors():
            found = self.client.search(
                index=self.alias, query=query.to_dict(), size=size, sort=sort, source_includes=["doc"]
            )
        return [SearchDocument.from_dict(h["_source"]["doc"]) for h in found["hits"]["hits"]]

    def _autocomplete(self, words: list[str], limit: int, types: Sequence[str]) -> list[SearchDocument]:
        return self._docs(q.autocomplete_query(words, types), limit, ["_score", "sort_name_lt", "id"])

    def _sharing(self, source: SearchDocument, limit: int) -> list[SearchDocument]:
        return self._docs(q.sharing_query(source), limit)

    def close(self) -> None:
        self.client.close()


@contextlib.contextmanager
def _errors() -> Iterator[None]:
    """Engine failures as SearchError; unreachable or 5xx as SearchUnavailable (retry)."""
    try:
        yield
    except helpers.BulkIndexError as exc:
        raise SearchError(f"Elasticsearch refused {len(exc.errors)} document(s): {exc.errors[:1]}") from exc
    except ApiError as exc:
        if exc.meta.status >= 500 or exc.meta.status == 429:
            raise SearchUnavailable(f"Elasticsearch is unavailable ({exc.meta.status}): {exc}") from exc
        raise SearchError(f"Elasticsearch error ({exc.meta.status}): {exc}") from exc
    except TransportError as exc:
        raise SearchUnavailable(f"Elasticsearch cannot be reached: {exc}") from exc
