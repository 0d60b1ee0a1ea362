"""Whole-store dumps in the common RDF formats, streamed by the store (never via rdflib).

5.7 M triples take ≈ 7 GB in rdflib (perf-baselines.md), so the store serialises itself:
TriG and N-Quads keep the named graphs (one per entity, plus vocabularies); Turtle, N-Triples
and JSON-LD hold the union of the graphs, the dataset as partners usually want it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from graph.stores.base import GraphStore
from ontology.namespaces import PREFIXES

__all__ = ["FORMATS", "ExportFormat", "export_store"]


@dataclass(frozen=True)
class ExportFormat:
    """A dump format: its media type, file extension and whether named graphs survive."""

    name: str
    media_type: str
    extension: str
    named_graphs: bool


FORMATS: dict[str, ExportFormat] = {
    "ttl": ExportFormat("ttl", "text/turtle", "ttl", False),
    "nt": ExportFormat("nt", "application/n-triples", "nt", False),
    "jsonld": ExportFormat("jsonld", "application/ld+json", "jsonld", False),
    "trig": ExportFormat("trig", "application/trig", "trig", True),
    "nquads": ExportFormat("nquads", "application/n-quads", "nq", True),
}


def export_store(store: GraphStore, fmt: str, stream: IO[bytes]) -> None:
    """Write the whole store to ``stream`` (binary) in ``fmt`` (a key of :data:`FORMATS`).

    Turtle and TriG get the project prefixes (``kq:``, ``elm:``, ``skos:`` …).
    """
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()} if fmt in ("ttl", "trig") else None
    store.dump(fmt, stream, prefixes=prefixes)
