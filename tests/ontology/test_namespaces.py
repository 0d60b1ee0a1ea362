"""ontology/namespaces.py and ontology/kpmpc.ttl describe the same terms."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef

from ontology.loader import VOCABULARIES, shapes_graph
from ontology.namespaces import (
    ADMS,
    ELM,
    EQF,
    ESCO,
    KQ,
    LTKS_TO_QDR,
    OWL,
    PREFIXES,
    QDR,
    RDFS,
    bind_prefixes,
)

KQ_NS = str(KQ._NS)
DECLARED = {KQ_NS + name for name in KQ.__annotations__}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(VOCABULARIES["ontology"], format="turtle")


def _iris(graph: Graph) -> set[URIRef]:
    return {term for triple in graph for term in triple if isinstance(term, URIRef)}


@pytest.mark.parametrize("name", sorted(KQ.__annotations__))
def test_declared_term_is_defined_with_lt_en_label_and_comment(ontology: Graph, name: str) -> None:
    term = KQ[name]
    for predicate in (RDFS.label, RDFS.comment):
        languages = {o.language for o in ontology.objects(term, predicate)}
        assert {"lt", "en"} <= languages, f"kq:{name} lacks an LT or EN {predicate}"


def test_every_kq_term_of_the_ontology_is_declared(ontology: Graph) -> None:
    used = {str(iri) for iri in _iris(ontology) if str(iri).startswith(KQ_NS)}
    assert used == DECLARED


def test_ontology_has_a_version(ontology: Graph) -> None:
    (ontology_iri,) = ontology.subjects(predicate=None, object=OWL.Ontology)
    assert ontology.value(ontology_iri, OWL.versionInfo) is not None


def test_a_misspelt_term_raises() -> None:
    with pytest.raises(AttributeError):
        _ = KQ.qualificationTyp
    with pytest.raises(AttributeError):
        _ = ELM.nqfLevel


@pytest.mark.parametrize(
    "namespace",
    [KQ, ELM, ESCO, ADMS],
    ids=lambda ns: ns.__name__,
)
def test_terms_used_in_shapes_and_vocabularies_are_declared(namespace) -> None:
    """Every term of our closed namespaces that a Turtle file uses is declared in Python."""
    ns = str(namespace._NS)
    graph = Graph()
    graph += shapes_graph()
    for path in VOCABULARIES.values():
        graph.parse(path, format="turtle", publicID="https://example.test/")
    used = {str(iri)[len(ns) :] for iri in _iris(graph) if str(iri).startswith(ns)}
    assert used <= set(namespace.__annotations__), used - set(namespace.__annotations__)


def test_ltks_to_qdr_covers_the_eight_levels() -> None:
    assert sorted(LTKS_TO_QDR) == list(range(1, 9))
    assert all(str(iri).startswith(str(QDR) + "c_") for iri in LTKS_TO_QDR.values())
    assert len(set(LTKS_TO_QDR.values())) == 8


def test_bind_prefixes_binds_the_prefix_map() -> None:
    graph = bind_prefixes(Graph())
    bound = {prefix: str(ns) for prefix, ns in graph.namespaces()}
    for prefix, namespace in PREFIXES.items():
        assert bound[prefix] == str(namespace)
    assert PREFIXES["eqf"] == EQF
    assert str(PREFIXES["kq"]) == KQ_NS
