"""graph.native_description.LabelCache: labels of linked IRIs kept for one graph generation,
for at most ``ttl`` seconds and ``max_iris`` IRIs; descriptions with it equal those without."""

from __future__ import annotations

import time

import pyoxigraph as ox

from graph.native_description import LabelCache, entity_triples

BASE = "https://data.kpmpc.lt"
TITLE = ox.NamedNode("http://purl.org/dc/terms/title")
PREF = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
SECTOR_P = ox.NamedNode(f"{BASE}/ontology/sector")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _store(sector_label: str) -> ox.Store:
    store = ox.Store()
    sector, sector_graph = ox.NamedNode(f"{BASE}/id/sector/S08"), ox.NamedNode(f"{BASE}/graph/sector/S08")
    store.add(ox.Quad(sector, PREF, ox.Literal(sector_label, language="lt"), sector_graph))
    for code in ("K1", "K2"):
        entity, graph = ox.NamedNode(f"{BASE}/id/qualification/{code}"), ox.NamedNode(f"{BASE}/graph/qualification/{code}")
        store.add(ox.Quad(entity, RDF_TYPE, ox.NamedNode("http://data.europa.eu/snb/model/elm/Qualification"), graph))
        store.add(ox.Quad(entity, TITLE, ox.Literal(f"Kvalifikacija {code}", language="lt"), graph))
        store.add(ox.Quad(entity, SECTOR_P, sector, graph))
    return store


def _describe(store: ox.Store, code: str, labels=None) -> list[ox.Triple]:
    return entity_triples(store, f"{BASE}/id/qualification/{code}", f"{BASE}/graph/qualification/{code}", labels)


def _sector_labels(triples: list[ox.Triple]) -> set[str]:
    return {t.object.value for t in triples if t.predicate == PREF}


def test_a_description_with_the_cache_equals_one_without():
    store, cache = _store("Sektorius"), LabelCache(ttl=60)
    labels = cache.for_generation("g1")
    assert _describe(store, "K1", labels) == _describe(store, "K1")
    assert _describe(store, "K2", labels) == _describe(store, "K2")  # the sector's label came from the map
    assert ox.NamedNode(f"{BASE}/id/sector/S08") in labels


def test_a_new_generation_forgets_labels_and_the_same_one_keeps_them():
    store, cache = _store("Senas"), LabelCache(ttl=60)
    assert _sector_labels(_describe(store, "K1", cache.for_generation("g1"))) == {"Senas"}
    store.remove(next(iter(store.quads_for_pattern(None, PREF, None, None))))
    store.add(ox.Quad(ox.NamedNode(f"{BASE}/id/sector/S08"), PREF, ox.Literal("Naujas", language="lt"),
                      ox.NamedNode(f"{BASE}/graph/sector/S08")))  # fmt: skip
    assert _sector_labels(_describe(store, "K2", cache.for_generation("g1"))) == {"Senas"}  # same generation
    assert _sector_labels(_describe(store, "K2", cache.for_generation("g2"))) == {"Naujas"}


def test_labels_expire_after_ttl_and_the_map_is_bounded():
    cache = LabelCache(ttl=0.05, max_iris=2)
    labels = cache.for_generation("g1")
    labels[ox.NamedNode("https://example.org/a")] = ()
    assert cache.for_generation("g1") is labels
    time.sleep(0.06)
    assert cache.for_generation("g1") == {}
    labels = cache.for_generation("g1")
    for name in "abc":
        labels[ox.NamedNode(f"https://example.org/{name}")] = ()
    assert cache.for_generation("g1") == {}  # over max_iris: started afresh
