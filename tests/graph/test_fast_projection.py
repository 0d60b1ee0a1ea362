"""The N-Quads projector (the rebuild's path) gives exactly the triples of ``project()``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from rdflib import BNode, Dataset, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from graph.mapping import (
    ChildMapping,
    Children,
    ChildUri,
    ConceptRef,
    Constant,
    Embedded,
    EntityMapping,
    EntityRecord,
    Text,
    Value,
)
from graph.nquads_projection import NQuadsProjector, literal_nt
from graph.projection import entity_graph_name, project, to_literal
from graph.stores.base import GraphStore
from graph.stores.oxigraph import OxigraphStore
from graph.stores.terms import nt_term, triples_text
from ontology.namespaces import DCTERMS, KQ, SKOS, XSD
from tests.graph import records
from tests.graph.mappings import MAPPINGS

BASE = records.BASE
EX = Namespace("https://example.org/test/")  # made-up terms: the mapping may name any IRI


def _fixture_records() -> list[EntityRecord]:
    samples = [
        records.sector(),
        records.standard(),
        records.unit(),
        records.qualification(),
        records.module(),
        records.programme(),
        # empty, blank and missing values are left out; sets are sorted; text needs escaping
        records.qualification(title_en="  ", description_lt=None, outcomes=[], units=set()),
        records.qualification(sectors={"S05", "S01", ""}, units=("PSF01-V03", None)),
        records.unit(competences=[{"code": "PSF01-V03-K1", "name_lt": 'Kabutės " \\ ir\nnauja eilutė\r'}]),
        records.qualification(modified=dt.datetime(2024, 5, 1, 12, 30, 5, 120), issued=dt.date(1999, 12, 31)),
        records.unit(specialisation=True),
        records.sector(nace_sections=["F", "F", "C"]),  # a repeated value is one triple
    ]
    return samples + list(records.world(40, defects=True, defect_rate=0.3))


def _fast(record: EntityRecord, mapping: EntityMapping | None = None):
    mapping = mapping or MAPPINGS[record.type_slug]
    return NQuadsProjector(mapping, base=BASE).project(record)


def _assert_same(record: EntityRecord, mapping: EntityMapping | None = None) -> None:
    mapping = mapping or MAPPINGS[record.type_slug]
    expected = project(record, mapping, base=BASE)
    fast = _fast(record, mapping)
    name = entity_graph_name(record, BASE)
    assert fast.graph == str(name)
    dataset = Dataset()
    dataset.parse(data=fast.text, format="nquads")
    assert {str(g.identifier) for g in dataset.graphs() if len(g)} == {str(name)}
    assert isomorphic(dataset.graph(name), expected)
    # No duplicate lines: what is sent is exactly the graph's set of triples.
    assert fast.text.count("\n") == len(expected)


@pytest.mark.parametrize("record", _fixture_records(), ids=lambda r: f"{r.type_slug}-{r.code}")
def test_fast_projection_gives_the_triples_of_project(record):
    _assert_same(record)


@pytest.mark.parametrize("record", _fixture_records()[:12], ids=lambda r: f"{r.type_slug}-{r.code}")
def test_fast_projection_writes_the_terms_load_graphs_would_write(record):
    """Same lexical forms as ``triples_text(project(...))``, the text the store got before."""
    fast = _fast(record)
    expected = triples_text(project(record, MAPPINGS[record.type_slug], base=BASE))
    tail = f" <{fast.graph}> .\n"
    lines = {line[: -len(tail)] for line in fast.text.splitlines(keepends=True)}
    assert lines == {line[:-3] for line in expected.splitlines(keepends=True)}


EVERYTHING = EntityMapping(
    "module",
    [KQ.Module],
    [
        Value("code", DCTERMS.identifier),
        Constant(SKOS.note, Literal("fixed", lang="en")),
        Constant(EX.blank, BNode("shared")),  # the same blank node in every graph, as project() gives
        Constant(SKOS.inScheme, lambda base: URIRef(f"{base}/id/scheme/x")),
        Text("title_lt", DCTERMS.title, "lt-LT"),
        Value("credits", KQ.credits, datatype=XSD.integer),
        Value("ratio", EX.ratio),
        Value("weight", EX.weight),
        Value("flags", EX.flag, many=True),
        ConceptRef("kind", EX.kind, lambda v: EX[f"Kind{v}"], many=True),
        Embedded(
            KQ.hasCommittee,
            [KQ.SectorCommittee],
            ChildUri.sub("committee", key="code"),
            [Text("committee_lt", SKOS.prefLabel, "lt")],
            inverse=KQ.committeeOf,
            only_if="committee_lt",
        ),
        Children(
            "parts",
            EX.hasPart,
            ChildMapping([EX.Part], ChildUri.sub("part", key="n"), [Value("n", KQ.position)]),
            inverse=EX.partOf,
        ),
    ],
)


@pytest.mark.parametrize(
    "values",
    [
        {"title_lt": "Pavadinimas", "credits": "05", "ratio": Decimal("1.50"), "weight": 2.5,
         "flags": [True, False, 1], "kind": ["A", "B", "A"], "committee_lt": "Komitetas",
         "parts": [{"n": 1}, {"n": 2}]},  # fmt: skip
        {"title_lt": "", "credits": 3, "flags": {"b", "a"}, "kind": [], "committee_lt": "  ", "parts": None},
    ],
)
def test_fast_projection_handles_constants_blank_nodes_datatypes_and_embedded_nodes(values):
    _assert_same(EntityRecord("module", "4102201", values), EVERYTHING)


@pytest.mark.parametrize(
    "value, datatype",
    [
        ("plain", None), ('quo"te\\', None), (0, None), (-12, None), (True, None), (False, None),
        (dt.date(2020, 1, 15), None), (dt.datetime(2024, 5, 1, 12, 30, tzinfo=dt.UTC), None),
        (dt.datetime(2024, 5, 1, 12, 30, 0, 5), None), (Decimal("1.50"), None), (1.5, None),
        ("05", XSD.integer), (True, XSD.boolean), (dt.date(2020, 1, 1), XSD.date), (7, XSD.string),
    ],
)  # fmt: skip
def test_literal_nt_matches_the_rdflib_literal(value, datatype):
    assert literal_nt(value, datatype) == nt_term(to_literal(value, datatype))


@pytest.mark.parametrize(
    "record",
    [
        records.qualification(title_lt=["a", "b"]),  # a list in a single-valued field
        records.qualification(status="unknown"),  # no concept for the value
        records.qualification(units=["PSF01 V03"]),  # a code that cannot be an IRI segment
        records.qualification(outcomes=["not a row"]),
        records.qualification(outcomes=[{"text_lt": "no position"}]),
        EntityRecord("qualification", "K 1", {}),
        EntityRecord("unit", "PSF01-V03", {}),  # a record of another type
    ],
)
def test_fast_projection_refuses_what_project_refuses(record):
    mapping = MAPPINGS["qualification"]
    with pytest.raises(ValueError) as expected:
        project(record, mapping, base=BASE)
    with pytest.raises(type(expected.value)):
        _fast(record, mapping)


# --- loading the text: GraphStore.load_nquads_graphs ------------------------------------------


def _oxigraph_load(store, names, data):
    return store.load_nquads_graphs(names, data)


def _default_load(store, names, data):  # what a backend without its own version inherits
    return GraphStore.load_nquads_graphs(store, names, data)


@pytest.mark.parametrize("on_disk", [False, True], ids=["memory", "disk"])
@pytest.mark.parametrize("load", [_oxigraph_load, _default_load], ids=["oxigraph", "base-default"])
def test_load_nquads_graphs_replaces_the_named_graphs_only(load, on_disk, tmp_path):
    store = OxigraphStore(tmp_path / "store" if on_disk else None)
    q1, q2, q3, q4 = (records.qualification(f"K410130{n}") for n in range(1, 5))
    for record in (q1, q2, q3):
        store.replace_graph(entity_graph_name(record, BASE), records.graph_of(records.qualification()))
    new1 = records.qualification("K4101301", title_lt="Naujas")
    text = _fast(new1).text + _fast(q4).text
    names = [entity_graph_name(r, BASE) for r in (q1, q2, q4)]  # q2 has no quads in the text: dropped

    assert load(store, names, text.encode()) == 3
    assert isomorphic(store.get_graph(names[0]), records.graph_of(new1))
    assert not store.has_graph(names[1])
    assert isomorphic(store.get_graph(names[2]), records.graph_of(q4))
    kept = entity_graph_name(q3, BASE)
    assert isomorphic(store.get_graph(kept), records.graph_of(records.qualification()))
    assert store.graph_names() == sorted([names[0], kept, names[2]])
    store.close()
