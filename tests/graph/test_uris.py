from __future__ import annotations

import pytest
from rdflib import URIRef

from graph.uris import (
    TYPE_SLUGS,
    entity_uri,
    graph_name,
    parse_entity_uri,
    scheme_uri,
    sub_uri,
    vocab_graph_name,
)

BASE = "https://data.kpmpc.lt"


def test_entity_uri_and_graph_name_follow_model():
    assert entity_uri(BASE, "qualification", "K4101301") == URIRef(f"{BASE}/id/qualification/K4101301")
    assert graph_name(BASE, "qualification", "K4101301") == URIRef(f"{BASE}/graph/qualification/K4101301")
    assert entity_uri(BASE, "level", 4) == URIRef(f"{BASE}/id/level/4")


def test_base_is_normalised():
    assert entity_uri(BASE + "/", "sector", "S05") == entity_uri(BASE, "sector", "S05")
    assert entity_uri("http://localhost:8000//", "sector", "S05") == URIRef(
        "http://localhost:8000/id/sector/S05"
    )


@pytest.mark.parametrize("base", ["data.kpmpc.lt", "ftp://x", "", "https://x y"])
def test_bad_base_is_rejected(base):
    with pytest.raises(ValueError, match="base"):
        entity_uri(base, "sector", "S05")


def test_vocab_and_scheme():
    assert vocab_graph_name(BASE, "isced-f") == URIRef(f"{BASE}/graph/vocab/isced-f")
    assert scheme_uri(BASE, "ltks") == URIRef(f"{BASE}/id/scheme/ltks")


def test_sub_uri():
    q = entity_uri(BASE, "qualification", "K4101301")
    assert sub_uri(q, "outcome", 1) == URIRef(f"{q}/outcome/1")
    p = entity_uri(BASE, "programme", "M44101301")
    assert sub_uri(p, "module", "4102201") == URIRef(f"{p}/module/4102201")
    with pytest.raises(ValueError, match="segment"):
        sub_uri(q, "Out come", 1)
    with pytest.raises(ValueError, match="key"):
        sub_uri(q, "outcome", "a/b")


def test_unknown_slug_raises_with_known_list():
    with pytest.raises(ValueError, match="Unknown entity type 'qualifications'.*qualification"):
        entity_uri(BASE, "qualifications", "K4101301")


@pytest.mark.parametrize("code", ["", "K 41", "a/b", "-K1", "ą1", "K1?x", True, None, 1.5])
def test_bad_codes_raise(code):
    with pytest.raises(ValueError, match="code"):
        entity_uri(BASE, "qualification", code)


@pytest.mark.parametrize("code", ["K4101301", "PSF01-V03-K2", "4102201", "a.b_c-d", 7])
def test_good_codes(code):
    assert str(entity_uri(BASE, "qualification", code)).endswith(f"/{code}")


def test_parse_entity_uri_round_trips_every_slug():
    for slug in TYPE_SLUGS:
        assert parse_entity_uri(BASE, entity_uri(BASE, slug, "X1")) == (slug, "X1")


@pytest.mark.parametrize(
    "uri",
    [
        f"{BASE}/id/qualification/K4101301/outcome/1",
        f"{BASE}/id/things/K1",
        "https://other.example/id/qualification/K4101301",
        f"{BASE}/graph/qualification/K4101301",
        f"{BASE}/id/qualification/",
    ],
)
def test_parse_entity_uri_rejects_others(uri):
    assert parse_entity_uri(BASE, uri) is None
