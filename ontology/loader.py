"""Load the ontology, the reference vocabularies and the SHACL shapes from their Turtle files.

Shapes and vocabularies are data (``ontology/shapes/*.ttl``, ``ontology/vocab/*.ttl``), parsed
once and cached. Vocabulary files write our own IRIs relative (``<id/level/4>``), so they are
parsed with ``publicID = base + "/"`` and follow the ``LINKED_DATA_BASE`` setting (MODEL.md, URIs).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from ontology.namespaces import bind_prefixes

__all__ = [
    "ONTOLOGY_DIR",
    "SHAPES_DIR",
    "VOCABULARIES",
    "VOCAB_DIR",
    "UnknownVocabulary",
    "load_vocabulary",
    "shape_files",
    "shapes_graph",
]

ONTOLOGY_DIR: Path = Path(__file__).resolve().parent
VOCAB_DIR: Path = ONTOLOGY_DIR / "vocab"
SHAPES_DIR: Path = ONTOLOGY_DIR / "shapes"

#: Vocabulary name (also the last segment of its named graph ``{BASE}/graph/vocab/{name}``) → file.
VOCABULARIES: dict[str, Path] = {
    "ontology": ONTOLOGY_DIR / "kpmpc.ttl",
    "ltks": VOCAB_DIR / "ltks.ttl",
    "eqf": VOCAB_DIR / "eqf.ttl",
    "isced-f": VOCAB_DIR / "isced-f.ttl",
    "sector-scheme": VOCAB_DIR / "sectors.ttl",
}


class UnknownVocabulary(KeyError):  # noqa: N818 (name fixed by the package contract)
    """Raised for a vocabulary name that is not a key of :data:`VOCABULARIES`."""

    def __init__(self, name: str) -> None:
        self.name = name
        known = ", ".join(sorted(VOCABULARIES))
        super().__init__(f"Unknown vocabulary {name!r}; known vocabularies: {known}")

    def __str__(self) -> str:
        # KeyError.__str__ would repr() the message; show it as written.
        return str(self.args[0])


def load_vocabulary(name: str, *, base: str) -> Graph:
    """Return the vocabulary ``name`` with relative IRIs resolved against ``base``.

    ``base`` is the ``LINKED_DATA_BASE`` (e.g. ``https://data.kpmpc.lt``; a trailing slash is
    ignored). Parsing is cached per ``(name, base)``; every call returns a fresh copy, so the
    caller may add to or remove from the graph without affecting other callers.

    Raises:
        UnknownVocabulary: ``name`` is not a key of :data:`VOCABULARIES`.
        ValueError: ``base`` is not an absolute http(s) IRI.
    """
    if name not in VOCABULARIES:
        raise UnknownVocabulary(name)
    cached = _parse_vocabulary(name, _normalise_base(base))
    copy = bind_prefixes(Graph())
    copy += cached
    return copy


def shape_files() -> tuple[Path, ...]:
    """All SHACL shape files, sorted: one per entity type, ``concept.ttl`` (rules for every SKOS
    concept) and ``prefixes.ttl`` (the SPARQL prefixes the SHACL-SPARQL constraints declare)."""
    return tuple(sorted(SHAPES_DIR.glob("*.ttl")))


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """Return all shape files merged into one graph, parsed once per process.

    The graph is shared, so callers must not change it; copy it first (``Graph() + shapes_graph()``)
    to do so. pySHACL itself only adds two idempotent RDFS axioms to it on first use
    (``owl:Class rdfs:subClassOf rdfs:Class`` and the same for ``owl:DatatypeProperty``).
    """
    graph = bind_prefixes(Graph())
    for path in shape_files():
        graph.parse(path, format="turtle")
    return graph


def _normalise_base(base: str) -> str:
    base = base.rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise ValueError(f"base must be an absolute http(s) IRI, got {base!r}")
    return base


@lru_cache(maxsize=32)
def _parse_vocabulary(name: str, base: str) -> Graph:
    """Parse one vocabulary file once per (name, base); private because it is shared."""
    graph = Graph()
    graph.parse(VOCABULARIES[name], format="turtle", publicID=base + "/")
    return graph
