"""The published JSON-LD context: frozen once published, consistent with our namespaces, and
JSON-LD written with it parses back (context substituted locally) to the same graph."""

from __future__ import annotations

import hashlib
import json

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.description import describe_entity, describe_node
from graph.jsonld_context import CONTEXT_VERSIONS, context_bytes, context_document, context_url, to_jsonld
from graph.uris import entity_uri, graph_name
from ontology.namespaces import ADMS, ELM, ESCO, KQ, PREFIXES, SKOS
from tests.graph import records

#: sha256 of each published context. Never update an entry: publish a new version instead.
PUBLISHED = {"v1": "f0d53aba49c17297da1591ab8e325fa93842ef65971c78038df1506adb047dc4"}
CLOSED = {"kq": KQ, "elm": ELM, "esco": ESCO, "adms": ADMS}


@pytest.mark.parametrize("version", CONTEXT_VERSIONS)
def test_a_published_context_never_changes(version):
    assert hashlib.sha256(context_bytes(version)).hexdigest() == PUBLISHED[version], (
        f"context {version} is published and must not change: add a new version instead"
    )


def test_context_prefixes_agree_with_the_namespaces_and_terms_are_real():
    context = context_document()["@context"]
    for prefix, namespace in PREFIXES.items():
        if prefix not in ("sh", "kqsh"):  # shapes are not data
            assert context[prefix] == str(namespace), prefix
    for definition in context.values():
        iri = definition if isinstance(definition, str) else definition["@id"]
        prefix, _, local = iri.partition(":")
        if prefix in CLOSED:
            getattr(CLOSED[prefix], local)  # closed namespaces raise on a misspelt term


def _round_trip(graph: Graph) -> Graph:
    document = json.loads(to_jsonld(graph, base=records.BASE))
    assert document["@context"] == context_url(records.BASE) == f"{records.BASE}/ns/context/v1.jsonld"
    document["@context"] = context_document()["@context"]
    return Graph().parse(data=json.dumps(document), format="json-ld")


@pytest.mark.parametrize(
    "record",
    [
        records.sector(),
        records.standard(),
        records.unit(),
        records.qualification(),
        records.module(),
        records.programme(),
    ],
    ids=lambda r: r.type_slug,
)
def test_projected_entities_round_trip_through_jsonld(record):
    graph = records.graph_of(record)
    assert isomorphic(_round_trip(graph), graph)


def test_jsonld_uses_the_context_terms_and_puts_the_described_node_first():
    record = records.qualification()
    graph = records.graph_of(record)
    uri = str(entity_uri(records.BASE, "qualification", record.code))
    document = json.loads(to_jsonld(graph, base=records.BASE, first=uri))
    node = document["@graph"][0]
    assert node["@id"] == uri
    assert node["@type"] == "Qualification"
    assert set(node["title"]) == {"lt", "en"}
    assert node["nqfLevel"] == f"{records.BASE}/id/level/4"


def test_description_is_the_entity_graph_plus_labels_of_linked_resources(vocab_store):
    record = records.standard()
    name = graph_name(records.BASE, "standard", record.code)
    vocab_store.replace_graph(name, records.graph_of(record))
    uri = entity_uri(records.BASE, "standard", record.code)
    description = describe_entity(vocab_store, uri, name)
    assert set(vocab_store.get_graph(name)) <= set(description)
    sector = entity_uri(records.BASE, "sector", "S05")
    assert {p for p, _o in description.predicate_objects(sector)} == {SKOS.prefLabel}
    assert not describe_entity(vocab_store, entity_uri(records.BASE, "standard", "PSF99"), name)


def test_a_node_in_another_graph_is_described_by_its_own_triples(vocab_store):
    level = entity_uri(records.BASE, "level", 4)
    description = describe_node(vocab_store, level)
    assert (level, SKOS.notation, None) in description
    scheme = next(description.objects(level, SKOS.inScheme))
    assert {p for p, _o in description.predicate_objects(scheme)} <= {SKOS.prefLabel}
    assert not describe_node(vocab_store, entity_uri(records.BASE, "level", 9))
