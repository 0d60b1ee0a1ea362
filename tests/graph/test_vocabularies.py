from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import SKOS

from graph.stores.oxigraph import OxigraphStore
from graph.uris import vocab_graph_name
from graph.vocabularies import load_reference_vocabularies
from ontology.loader import VOCABULARIES

BASE = "http://localhost:8000"


def test_vocabularies_load_into_their_graphs_idempotently():
    store = OxigraphStore()
    counts = load_reference_vocabularies(store, base=BASE + "/")
    assert set(counts) == set(VOCABULARIES) and all(n > 0 for n in counts.values())
    assert store.graph_names(f"{BASE}/graph/vocab/") == sorted(
        vocab_graph_name(BASE, n) for n in VOCABULARIES
    )
    total = store.triple_count()
    assert total == sum(counts.values())
    assert load_reference_vocabularies(store, base=BASE) == counts
    assert store.triple_count() == total
    # relative IRIs in the files follow the base
    assert store.ask(f"ASK {{ <{BASE}/id/level/4> <{SKOS.inScheme}> <{BASE}/id/scheme/ltks> }}")
    assert not store.has_graph(URIRef("https://data.kpmpc.lt/graph/vocab/ltks"))
