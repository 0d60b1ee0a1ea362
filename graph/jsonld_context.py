"""The published JSON-LD contexts and JSON-LD output that refers to them by URL.

A context version is a file ``ontology/context-{version}.jsonld``; once published it never
changes (a new term or a renamed one means a new version), because harvesters cache contexts
and a changed term would silently change the meaning of documents already fetched.
Documents name the context by URL (``{BASE}/ns/context/v1.jsonld``) instead of inlining it;
rdflib compacts with the local copy, so producing a document never needs the network.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from rdflib import Graph

from ontology.loader import ONTOLOGY_DIR

from .uris import normalise_base

__all__ = [
    "CONTEXT_VERSIONS",
    "CURRENT_VERSION",
    "context_bytes",
    "context_document",
    "context_url",
    "to_jsonld",
]

#: Published versions, oldest first; the last one is what new documents use.
CONTEXT_VERSIONS: tuple[str, ...] = ("v1",)
CURRENT_VERSION = CONTEXT_VERSIONS[-1]


def _path(version: str):
    if version not in CONTEXT_VERSIONS:
        known = ", ".join(CONTEXT_VERSIONS)
        raise KeyError(f"Unknown JSON-LD context version {version!r}; published: {known}")
    return ONTOLOGY_DIR / f"context-{version}.jsonld"


def context_bytes(version: str = CURRENT_VERSION) -> bytes:
    """The context document exactly as published (served byte for byte)."""
    return _path(version).read_bytes()


@lru_cache(maxsize=len(CONTEXT_VERSIONS))
def _parsed(version: str) -> str:
    return json.dumps(json.loads(context_bytes(version)))


def context_document(version: str = CURRENT_VERSION) -> dict[str, Any]:
    """A fresh copy of the context document (``{"@context": {...}}``)."""
    return json.loads(_parsed(version))


def context_url(base: str, version: str = CURRENT_VERSION) -> str:
    """``{base}/ns/context/{version}.jsonld``: where the context is published."""
    _path(version)
    return f"{normalise_base(base)}/ns/context/{version}.jsonld"


def to_jsonld(graph: Graph, *, base: str, version: str = CURRENT_VERSION, first: str | None = None) -> bytes:
    """``graph`` as compacted JSON-LD whose ``@context`` is the published context's URL.

    With ``first``, that node and then the nodes under its IRI (its outcomes…) lead ``@graph``,
    so a reader sees the described resource before the labels of what it links to.
    """
    context = context_document(version)["@context"]
    text = graph.serialize(format="json-ld", context=context, auto_compact=True)
    document = json.loads(text)
    if not isinstance(document, dict):  # an empty graph serialises as []
        document = {"@graph": document}
    if first is not None and isinstance(document.get("@graph"), list):
        document["@graph"].sort(key=lambda node: _rank(node.get("@id", ""), str(first)))
    document["@context"] = context_url(base, version)
    # Put @context first, as readers expect.
    ordered = {"@context": document.pop("@context"), **document}
    return json.dumps(ordered, ensure_ascii=False, indent=2).encode("utf-8")


def _rank(node_id: str, first: str) -> tuple[int, str]:
    if node_id == first:
        return (0, "")
    return (1 if node_id.startswith(first + "/") else 2, node_id)
