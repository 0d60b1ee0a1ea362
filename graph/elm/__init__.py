"""ELM export for the Qualifications Dataset Register (QDR): the LOQ application profile.

A separate *view* of the internal graph, never stored in it: the LOQ shapes are closed, so
no ``kq:`` term may appear on an ELM node. ``read`` builds an in-memory dataset (``model``)
from the published qualifications with SPARQL; ``rdf`` writes it as RDF, ``xml`` as the
``loq:Courses`` upload XML. See ``README.md`` for the mapping and the URI pattern.
"""

from .export import FILE_NAMES, MEDIA_TYPES, ElmExport, export_elm
from .model import ElmDataset
from .rdf import to_graph, to_turtle
from .read import build_dataset
from .xml import to_xml

__all__ = [
    "FILE_NAMES",
    "MEDIA_TYPES",
    "ElmDataset",
    "ElmExport",
    "build_dataset",
    "export_elm",
    "to_graph",
    "to_turtle",
    "to_xml",
]
