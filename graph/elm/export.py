"""One call for the command and the view: read the store once, render Turtle and XML."""

from __future__ import annotations

from dataclasses import dataclass

from graph.stores.base import GraphStore

from .model import ElmDataset
from .rdf import to_graph, to_turtle
from .read import build_dataset
from .xml import to_xml

__all__ = ["FILE_NAMES", "MEDIA_TYPES", "ElmExport", "export_elm"]

#: What ``export_elm --output DIR`` writes, by format.
FILE_NAMES = {"ttl": "qualifications-elm.ttl", "xml": "qualifications-loq.xml"}
MEDIA_TYPES = {"ttl": "text/turtle; charset=utf-8", "xml": "application/xml; charset=utf-8"}


@dataclass(frozen=True)
class ElmExport:
    dataset: ElmDataset
    turtle: bytes
    xml: bytes

    def content(self, fmt: str) -> bytes:
        return {"ttl": self.turtle, "xml": self.xml}[fmt]


def export_elm(store: GraphStore, base: str) -> ElmExport:
    """The ELM LOQ export of the published, valid qualifications in ``store``."""
    dataset = build_dataset(store, base)
    turtle = to_turtle(to_graph(dataset))
    return ElmExport(dataset=dataset, turtle=turtle, xml=to_xml(dataset))
