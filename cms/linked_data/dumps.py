"""Dataset dumps, releases and the catalogue, on the Django side: where the files live, when
the dumps are regenerated, and the catalogue graph served at /datasets/catalogue.

Regeneration is a Celery task, never a request: the outbox calls :func:`schedule_dump_refresh`
after each applied change. With a broker, a burst of publishes schedules one refresh
(``cache.add`` of a key that outlives the countdown a little; the task deletes it when it
starts, so a change made while it runs schedules the next one; the cache must be shared by
the processes that publish for the debounce to span them). Without a broker (eager:
tests, ``make run``) the refresh runs at once; wrap bulk loads in :func:`defer_dump_refresh`
so they regenerate once at the end instead of after every entity.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import threading
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from rdflib import Graph

from cms.registry.graph_store import graph_store, linked_data_base
from graph.dataset_description import describe_catalogue
from graph.dumps import DumpManifest, read_manifest, write_dumps
from graph.releases import Release, cut_release, list_releases, read_release

log = logging.getLogger("cms.linked_data.dumps")

SCHEDULED_KEY = "linked_data:dumps:refresh-scheduled"
_CATALOGUE_KEY = "linked_data:catalogue:{fingerprint}"
_RDFLIB = {"ttl": "turtle", "rdf": "xml", "nt": "nt"}
_deferred = threading.local()


def datasets_dir() -> Path:
    return Path(getattr(settings, "DATASETS_DIR", Path(settings.VAR_DIR) / "datasets"))


def releases_dir() -> Path:
    return datasets_dir() / "releases"


def debounce_seconds() -> int:
    return int(getattr(settings, "DUMPS_DEBOUNCE_SECONDS", 60))


def contact_email() -> str | None:
    return getattr(settings, "DATASETS_CONTACT_EMAIL", "") or None


def dumps_refresh() -> DumpManifest:
    """Regenerate the dumps and the manifest now (the task and ``export_dumps`` call this)."""
    manifest = write_dumps(graph_store(), datasets_dir(), base=linked_data_base())
    log.info("dataset dumps written: %d triples", manifest.statistics.triples,
             extra={"files": [f.name for f in manifest.files]})
    return manifest


def current_manifest() -> DumpManifest | None:
    return read_manifest(datasets_dir())


def releases() -> list[Release]:
    return list_releases(releases_dir())


def release(name: str) -> Release | None:
    return read_release(releases_dir(), name)


def release_cut(*, name: str, notes: dict[str, str] | None = None) -> Release:
    return cut_release(graph_store(), releases_dir(), name, base=linked_data_base(), notes=notes,
                       contact_email=contact_email())


def schedule_dump_refresh(*, on_request: bool = False) -> str:
    """Ask for a refresh after a change; never raises (a publish must not fail because of it).

    Returns what happened: ``ran`` (eager), ``scheduled``, ``already scheduled``, ``deferred``
    (inside :func:`defer_dump_refresh`), ``not queued`` (eager and ``on_request``: a request
    never generates dumps) or ``failed`` (logged).
    """
    from .tasks import refresh_dumps

    if getattr(_deferred, "depth", 0):
        _deferred.pending = True
        return "deferred"
    try:
        if refresh_dumps.app.conf.task_always_eager:  # settings.CELERY_TASK_ALWAYS_EAGER, as Celery sees it
            if on_request:
                return "not queued"
            refresh_dumps.delay()
            return "ran"
        countdown = debounce_seconds()
        if not cache.add(SCHEDULED_KEY, True, timeout=countdown + 30):
            return "already scheduled"
        try:
            refresh_dumps.apply_async(countdown=countdown)
        except Exception:
            cache.delete(SCHEDULED_KEY)  # not queued: let the next change try again
            raise
        return "scheduled"
    except Exception as exc:
        log.warning("dataset dump refresh not scheduled: %s", exc)
        return "failed"


@contextlib.contextmanager
def defer_dump_refresh() -> Iterator[None]:
    """Inside: refresh requests are only noted; at the end, one refresh is scheduled if any was."""
    _deferred.depth = getattr(_deferred, "depth", 0) + 1
    try:
        yield
    finally:
        _deferred.depth -= 1
        if not _deferred.depth and getattr(_deferred, "pending", False):
            _deferred.pending = False
            schedule_dump_refresh()


def catalogue_content(fmt: str) -> bytes | None:
    """The DCAT-AP/VoID catalogue in ``fmt`` (ttl, jsonld, rdf, nt), or None before the first dump.

    Built from the manifests alone (no store query) and cached until a dump or a release changes.
    """
    manifest = current_manifest()
    if manifest is None:
        return None
    found = releases()
    parts = [linked_data_base(), str(contact_email()), manifest.generated, fmt]
    parts += [f"{r.name}:{r.issued}" for r in found]
    key = _CATALOGUE_KEY.format(fingerprint=hashlib.sha256("|".join(parts).encode()).hexdigest()[:32])
    content = cache.get(key)
    if content is None:
        graph = describe_catalogue(linked_data_base(), dumps=manifest, releases=found, contact_email=contact_email())
        content = serialize(graph, fmt)
        cache.set(key, content, 3600)
    return content


def serialize(graph: Graph, fmt: str) -> bytes:
    if fmt == "jsonld":  # compact with the graph's prefixes rather than full IRIs everywhere
        context = {prefix: str(namespace) for prefix, namespace in graph.namespaces() if prefix}
        return graph.serialize(format="json-ld", context=context, encoding="utf-8")
    return graph.serialize(format=_RDFLIB[fmt], encoding="utf-8")
