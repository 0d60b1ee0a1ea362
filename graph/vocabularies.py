"""Load the reference vocabularies (ontology, LTKS, EQF, ISCED-F, sectors) into their named graphs.

Vocabularies are data in ``ontology/`` (ARCHITECTURE.md, decision 1); each goes to
``{BASE}/graph/vocab/{name}`` with an atomic replace, so loading is idempotent and can run on
every deploy or rebuild.
"""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from graph.stores.base import GraphStore
from graph.uris import normalise_base, vocab_graph_name
from ontology.loader import VOCABULARIES, load_vocabulary

__all__ = ["ENTITY_SEEDS", "load_reference_vocabularies"]

# Vocabularies whose concepts are registry entities (sectors are edited in the admin and
# projected from the database): only their concept scheme goes into the vocabulary graph,
# the file itself seeds the database.
ENTITY_SEEDS = frozenset({"sector-scheme"})


def _schemes_only(graph: Graph) -> Graph:
    kept = Graph()
    for scheme in graph.subjects(RDF.type, SKOS.ConceptScheme):
        for triple in graph.triples((scheme, None, None)):
            if triple[1] != SKOS.hasTopConcept:
                kept.add(triple)
    return kept


def load_reference_vocabularies(store: GraphStore, *, base: str) -> dict[str, int]:
    """Replace every vocabulary graph; return triples loaded per vocabulary name."""
    base = normalise_base(base)
    counts: dict[str, int] = {}
    for name in VOCABULARIES:
        graph = load_vocabulary(name, base=base)
        if name in ENTITY_SEEDS:
            graph = _schemes_only(graph)
        store.replace_graph(vocab_graph_name(base, name), graph)
        counts[name] = len(graph)
    return counts
