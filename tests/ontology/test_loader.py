"""ontology/loader.py: names, caching and base handling."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from ontology.loader import (
    SHAPES_DIR,
    VOCABULARIES,
    UnknownVocabulary,
    load_vocabulary,
    shape_files,
    shapes_graph,
)
from ontology.namespaces import SH, SKOS


def test_vocabulary_names_and_files() -> None:
    assert set(VOCABULARIES) == {"ontology", "ltks", "eqf", "isced-f", "sector-scheme"}
    assert all(path.is_file() for path in VOCABULARIES.values())


def test_unknown_vocabulary_is_a_key_error_naming_the_known_ones() -> None:
    with pytest.raises(UnknownVocabulary) as excinfo:
        load_vocabulary("nace", base="https://example.test")
    assert isinstance(excinfo.value, KeyError)
    assert "sector-scheme" in str(excinfo.value)


def test_each_call_returns_an_independent_copy() -> None:
    first = load_vocabulary("eqf", base="https://example.test")
    size = len(first)
    first.remove((None, None, None))
    assert len(load_vocabulary("eqf", base="https://example.test")) == size


def test_trailing_slash_in_base_is_ignored() -> None:
    with_slash = load_vocabulary("ltks", base="https://example.test/")
    assert (URIRef("https://example.test/id/level/1"), SKOS.notation, None) in with_slash


def test_relative_base_is_rejected() -> None:
    with pytest.raises(ValueError):
        load_vocabulary("ltks", base="data.kpmpc.lt")


def test_prefixes_are_bound() -> None:
    prefixes = dict(load_vocabulary("ltks", base="https://example.test").namespaces())
    assert str(prefixes["kq"]) == "https://data.kpmpc.lt/ontology/"


def test_shape_files_and_merged_graph() -> None:
    names = {path.name for path in shape_files()}
    expected = {
        "sector.ttl",
        "standard.ttl",
        "unit.ttl",
        "qualification.ttl",
        "module.ttl",
        "programme.ttl",
        "level.ttl",
    }
    assert expected <= names
    assert all(path.parent == SHAPES_DIR for path in shape_files())
    graph = shapes_graph()
    assert graph is shapes_graph()  # parsed once
    assert any(graph.subjects(SH.targetClass, None))
