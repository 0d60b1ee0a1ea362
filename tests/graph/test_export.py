"""Whole-store exports parse back to the same graph (or dataset, for TriG / N-Quads)."""

from __future__ import annotations

import io

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from graph.export import FORMATS, export_store
from graph.stores.base import DUMP_FORMATS
from tests.graph import records
from tests.graph.records import BASE

RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig", "nquads": "nquads"}


@pytest.fixture
def store(vocab_store):
    vocab_store.load_graphs(records.world_graphs(3))
    return vocab_store


def test_formats_cover_every_dump_format():
    assert set(FORMATS) == DUMP_FORMATS
    assert FORMATS["ttl"].media_type == "text/turtle" and FORMATS["nquads"].extension == "nq"
    assert {name for name, f in FORMATS.items() if f.named_graphs} == {"trig", "nquads"}


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_single_graph_formats_hold_the_union(store, fmt):
    out = io.BytesIO()
    export_store(store, fmt, out)
    parsed = Graph().parse(data=out.getvalue(), format=RDFLIB_FORMAT[fmt])
    union = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert len(parsed) == len(union) > 1000
    assert isomorphic(parsed, union)


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_dataset_formats_keep_every_named_graph(store, fmt):
    out = io.BytesIO()
    export_store(store, fmt, out)
    ds = Dataset()
    ds.parse(data=out.getvalue(), format=RDFLIB_FORMAT[fmt])
    names = store.graph_names()
    assert {g.identifier for g in ds.graphs() if len(g)} == set(names)
    for name in names[:: max(1, len(names) // 10)]:
        assert isomorphic(ds.graph(name), store.get_graph(name)), name


def test_turtle_and_trig_use_project_prefixes(store):
    for fmt in ("ttl", "trig"):
        out = io.BytesIO()
        export_store(store, fmt, out)
        head = out.getvalue()[:2000]
        assert b"@prefix kq: <https://data.kpmpc.lt/ontology/>" in head
        assert b"@prefix skos:" in head


def test_unknown_format():
    with pytest.raises(ValueError, match="Unknown export format 'rdfxml'"):
        export_store(None, "rdfxml", io.BytesIO())  # type: ignore[arg-type]


def test_base_is_not_hard_coded(vocab_store):
    """Exports contain whatever base the entities were minted with."""
    other = "http://localhost:8000"
    vocab_store.load_graphs(records.world_graphs(1, base=other))
    out = io.BytesIO()
    export_store(vocab_store, "nt", out)
    assert f"<{other}/id/qualification/".encode() in out.getvalue()
    assert BASE.encode() in out.getvalue()  # vocabularies were loaded with the default base
