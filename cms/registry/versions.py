"""Record what an applied outbox event made of the entity's graph, as an immutable version."""

from __future__ import annotations

from django.utils import timezone

from graph.digest import graph_digest
from graph.stores.terms import triples_text

from .models import REGISTRY_MODELS
from .models.versions import EntityVersion
from .services import SyncResult

REGISTRY_SLUGS = frozenset(model.rdf_mapping.type_slug for model in REGISTRY_MODELS)


def record_version(*, entity_key: str, result: SyncResult) -> EntityVersion | None:
    """Append a version when the published state changed; a redelivered or no-op event
    (same content as the last version) appends nothing, so the feed has no duplicates.
    Runs inside apply_event's transaction, under its per-entity row locks. The feed is of
    registry entities: other content the outbox syncs (pages) is not versioned here."""
    if "/" in entity_key and entity_key.split("/", 1)[0] not in REGISTRY_SLUGS:
        return None
    last = EntityVersion.objects.filter(entity_key=entity_key).order_by("-id").first()
    gone = last is None or last.change == EntityVersion.WITHDRAWN
    if result.graph is None:
        if gone:
            return None
        change, digest, ntriples = EntityVersion.WITHDRAWN, "", ""
    else:
        digest = graph_digest(result.graph)
        if not gone and last.digest == digest:
            return None
        change = EntityVersion.CREATED if gone else EntityVersion.UPDATED
        ntriples = "".join(sorted(triples_text(result.graph).splitlines(keepends=True)))
    return EntityVersion.objects.create(
        entity_key=entity_key, entity_uri=result.uri, change=change,
        generated_at=timezone.now(), digest=digest, ntriples=ntriples,
    )
