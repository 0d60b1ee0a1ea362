"""The compiled form of a shape: one SPARQL query per (shape, constraint component)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from graph.results import Severity
from graph.stores.terms import nt_term

__all__ = ["CompiledCheck", "UnsupportedShapeError"]


class UnsupportedShapeError(ValueError):
    """A shape uses a SHACL feature the SPARQL compiler does not implement."""

    def __init__(self, shape: Node, component: str, detail: str = "", *, graph: Graph | None = None) -> None:
        self.shape = shape
        self.component = component
        suffix = f": {detail}" if detail else ""
        super().__init__(
            f"Shape {_describe(graph, shape)} uses unsupported SHACL feature {component}{suffix}"
        )


def _describe(graph: Graph | None, shape: Node) -> str:
    """A shape's IRI, or for a blank-node shape where it sits (its parent shape and path)."""
    if not isinstance(shape, BNode) or graph is None:
        return str(shape)
    parent = next(graph.subjects(SH.property, shape), None) or next(
        graph.subjects(SH.qualifiedValueShape, shape), None
    )
    path = graph.value(shape, SH.path)
    where = f" of {_describe(graph, parent)}" if parent is not None else ""
    on = f" on {path}" if isinstance(path, URIRef) else ""
    return f"[blank node shape{on}{where}]"


@dataclass(frozen=True)
class CompiledCheck:
    """One SPARQL query checking one constraint component of one shape."""

    shape: Node
    component: URIRef
    severity: Severity
    messages: dict[str, str] = field(hash=False)
    path: URIRef | None
    query: str
    lang: str | None = None
    #: node shapes report the focus node as sh:value when the query binds no ?value (SHACL §5.3.2)
    focus_as_value: bool = False
    #: the classes whose instances are the focus nodes; None when other targets are involved
    target_classes: frozenset[URIRef] | None = field(default=None, hash=False)
    #: when several value-level components share one query, ``?k`` in a row indexes this tuple
    components: tuple[URIRef, ...] = ()

    def component_of(self, row: dict) -> URIRef:
        """The constraint component a result row is about."""
        k = row.get("k")
        return self.components[int(k)] if k is not None and self.components else self.component


#: ``?x rdf:type/rdfs:subClassOf* C``: SHACL instances (SHACL §2.1.3.2 follows rdfs:subClassOf).
TYPE_PATH = f"{nt_term(RDF.type)}/{nt_term(RDFS.subClassOf)}*"


def t(node: Node) -> str:
    """A term in SPARQL syntax."""
    return nt_term(node)


def is_true(value: Node | None) -> bool:
    return isinstance(value, Literal) and value.toPython() is True


def messages_of(graph: Graph, node: Node) -> dict[str, str]:
    return {m.language or "": str(m) for m in graph.objects(node, SH.message)}


@dataclass
class ShapeInfo:
    """What every check of one shape shares."""

    node: Node
    path: URIRef | None
    severity: Severity
    messages: dict[str, str]
    lang: str | None
