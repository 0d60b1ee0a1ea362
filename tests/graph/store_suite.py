"""The GraphStore behaviour suite: every backend must pass it (CONVENTIONS.md, Tests).

Subclass :class:`StoreBehaviour` and provide a ``store`` fixture returning an empty store.
"""

from __future__ import annotations

import io

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS, XSD

from graph.export import FORMATS, export_store
from graph.stores.base import GraphStore, StoreError

EX = "http://example.org/"
G1, G2, G3 = URIRef(EX + "graph/a/1"), URIRef(EX + "graph/a/2"), URIRef(EX + "graph/b/1")
A, B, C = URIRef(EX + "id/a"), URIRef(EX + "id/b"), URIRef(EX + "id/c")


def graph_of(*triples) -> Graph:
    g = Graph()
    for t in triples:
        g.add(t)
    return g


def tricky_graph() -> Graph:
    """Literals that break naive serialisers: quotes, newlines, backslashes, Unicode, types.

    Typed literals are in canonical form: a store may canonicalise lexical forms (Oxigraph
    stores "1.50"^^xsd:decimal as "1.5"), which is the same value but not the same term.
    """
    return graph_of(
        (A, RDF.type, SKOS.Concept),
        (A, SKOS.prefLabel, Literal('Virėjas "šefas"\nantra eilutė \\ ąčęėįšųūž', lang="lt")),
        (A, SKOS.prefLabel, Literal("Cook", lang="en-gb")),
        (A, SKOS.notation, Literal("K4101301")),
        (A, SKOS.note, Literal("5", datatype=XSD.integer)),
        (A, SKOS.note, Literal("2020-01-02", datatype=XSD.date)),
        (A, SKOS.note, Literal("true", datatype=XSD.boolean)),
        (A, SKOS.note, Literal("1.5", datatype=XSD.decimal)),
        (A, SKOS.related, B),
    )


class StoreBehaviour:
    """Mixin of tests that define the :class:`GraphStore` contract."""

    @pytest.fixture
    def store(self) -> GraphStore:  # pragma: no cover - provided by subclasses
        raise NotImplementedError

    # --- replace / drop / names ------------------------------------------------------

    def test_replace_then_get_round_trips(self, store):
        store.replace_graph(G1, tricky_graph())
        assert isomorphic(store.get_graph(G1), tricky_graph())

    def test_replace_replaces_not_merges(self, store):
        store.replace_graph(G1, graph_of((A, SKOS.prefLabel, Literal("old"))))
        store.replace_graph(G1, graph_of((A, SKOS.prefLabel, Literal("new"))))
        assert set(store.get_graph(G1)) == {(A, SKOS.prefLabel, Literal("new"))}

    def test_replace_with_empty_graph_drops_it(self, store):
        store.replace_graph(G1, graph_of((A, SKOS.prefLabel, Literal("x"))))
        store.replace_graph(G1, Graph())
        assert not store.has_graph(G1)
        assert store.graph_names() == []

    @pytest.mark.parametrize(
        "bad",
        [
            (URIRef("http://example.org/with space"), SKOS.prefLabel, Literal("x")),
            (A, SKOS.prefLabel, Literal("x", datatype=URIRef("bad datatype"))),
            (A, URIRef("not-an-iri"), Literal("x")),
        ],
    )
    def test_failed_replace_leaves_old_graph_intact(self, store, bad):
        old = graph_of((A, SKOS.prefLabel, Literal("old")), (A, RDF.type, SKOS.Concept))
        store.replace_graph(G1, old)
        new = graph_of((A, SKOS.prefLabel, Literal("new")), bad)
        with pytest.raises(StoreError):
            store.replace_graph(G1, new)
        assert isomorphic(store.get_graph(G1), old)

    def test_drop_graph(self, store):
        store.replace_graph(G1, graph_of((A, SKOS.prefLabel, Literal("x"))))
        store.replace_graph(G2, graph_of((B, SKOS.prefLabel, Literal("y"))))
        store.drop_graph(G1)
        store.drop_graph(URIRef(EX + "graph/missing"))  # not an error
        assert not store.has_graph(G1) and store.has_graph(G2)
        assert len(store.get_graph(G1)) == 0

    def test_graph_names_with_prefix_sorted(self, store):
        for name in (G3, G2, G1):
            store.replace_graph(name, graph_of((A, SKOS.note, Literal(str(name)))))
        assert store.graph_names() == [G1, G2, G3]
        assert store.graph_names(EX + "graph/a/") == [G1, G2]
        assert store.graph_names(EX + "graph/c/") == []

    # --- queries ------------------------------------------------------------------

    def test_queries_see_the_union_of_graphs(self, store):
        store.replace_graph(G1, graph_of((A, SKOS.prefLabel, Literal("a", lang="lt"))))
        store.replace_graph(G2, graph_of((A, SKOS.related, B)))
        rows = store.select(
            "SELECT ?label ?other ?missing WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?label ; "
            "<http://www.w3.org/2004/02/skos/core#related> ?other "
            "OPTIONAL { ?s <http://example.org/nothing> ?missing } }"
        )
        assert rows == [{"label": Literal("a", lang="lt"), "other": B}]
        assert store.ask(f"ASK {{ <{A}> ?p <{B}> }}") is True
        assert store.ask(f"ASK {{ <{B}> ?p ?o }}") is False
        constructed = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        assert len(constructed) == 2

    def test_named_graphs_are_queryable_with_graph_clause(self, store):
        store.replace_graph(G1, graph_of((A, SKOS.prefLabel, Literal("a"))))
        rows = store.select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert rows == [{"g": G1}]

    def test_typed_literals_come_back_as_rdflib_terms(self, store):
        store.replace_graph(G1, tricky_graph())
        rows = store.select(f"SELECT ?o WHERE {{ <{A}> <{SKOS.note}> ?o }}")
        values = {row["o"].toPython() for row in rows}
        assert 5 in values and True in values

    def test_bad_queries_raise_store_error(self, store):
        with pytest.raises(StoreError):
            store.select("SELECT WHERE {")
        with pytest.raises(StoreError):
            store.select("ASK { ?s ?p ?o }")
        with pytest.raises(StoreError):
            store.ask("SELECT ?s WHERE { ?s ?p ?o }")

    def test_subjects_graph_spans_graphs(self, store):
        store.replace_graph(
            G1, graph_of((A, SKOS.prefLabel, Literal("a")), (B, SKOS.prefLabel, Literal("b")))
        )
        store.replace_graph(G2, graph_of((A, SKOS.related, C), (C, SKOS.prefLabel, Literal("c"))))
        got = store.subjects_graph([A, URIRef(EX + "id/missing")])
        assert set(got) == {(A, SKOS.prefLabel, Literal("a")), (A, SKOS.related, C)}
        assert len(store.subjects_graph([])) == 0

    # --- bulk ---------------------------------------------------------------------

    @pytest.mark.parametrize("atomic", [True, False])
    def test_load_graphs_replaces_each_graph(self, store, atomic):
        store.replace_graph(G1, graph_of((A, SKOS.prefLabel, Literal("old"))))
        items = [
            (G1, graph_of((A, SKOS.prefLabel, Literal("new")))),
            (G2, tricky_graph()),
            (G3, graph_of((C, SKOS.prefLabel, Literal("first")))),
            (G3, graph_of((C, SKOS.prefLabel, Literal("last")))),
        ]
        assert store.load_graphs(iter(items), atomic=atomic) == 3
        assert set(store.get_graph(G1)) == {(A, SKOS.prefLabel, Literal("new"))}
        assert isomorphic(store.get_graph(G2), tricky_graph())
        assert set(store.get_graph(G3)) == {(C, SKOS.prefLabel, Literal("last"))}

    def test_load_graphs_scales_past_one_batch(self, store):
        items = [(URIRef(f"{EX}graph/n/{i}"), graph_of((URIRef(f"{EX}id/{i}"), SKOS.notation, Literal(str(i)))))
                 for i in range(3000)]  # fmt: skip
        store.load_graphs(items)
        assert len(store.graph_names(EX + "graph/n/")) == 3000
        assert store.triple_count() == 3000

    def test_bulk_load_ntriples_bytes_and_path(self, store, tmp_path):
        data = tricky_graph().serialize(format="nt", encoding="utf-8")
        store.bulk_load_ntriples(data, graph=G1)
        path = tmp_path / "data.nt"
        path.write_bytes(data)
        store.bulk_load_ntriples(str(path), graph=G2)
        assert isomorphic(store.get_graph(G1), tricky_graph())
        assert isomorphic(store.get_graph(G2), tricky_graph())

    def test_bulk_load_nquads(self, store):
        ds = Dataset()
        ds.graph(G1).add((A, SKOS.prefLabel, Literal("a")))
        ds.graph(G2).add((B, SKOS.prefLabel, Literal("b")))
        store.bulk_load_nquads(ds.serialize(format="nquads", encoding="utf-8"))
        assert store.graph_names() == [G1, G2]
        with pytest.raises(StoreError):
            store.bulk_load_nquads(b"this is not n-quads")

    def test_clear_and_triple_count(self, store):
        store.replace_graph(G1, graph_of((A, SKOS.prefLabel, Literal("a"))))
        store.replace_graph(
            G2, graph_of((A, SKOS.prefLabel, Literal("a")), (B, SKOS.prefLabel, Literal("b")))
        )
        assert store.triple_count() == 3  # quads: the shared triple counts once per graph
        store.clear()
        assert store.triple_count() == 0 and store.graph_names() == []

    # --- dumps --------------------------------------------------------------------

    def _fill(self, store):
        store.replace_graph(G1, tricky_graph())
        store.replace_graph(G2, graph_of((B, SKOS.prefLabel, Literal("b")), (A, RDF.type, SKOS.Concept)))
        union = Graph()
        union += tricky_graph()
        union.add((B, SKOS.prefLabel, Literal("b")))
        return union

    @pytest.mark.parametrize("fmt", ["trig", "nquads"])
    def test_dump_dataset_formats_keep_graphs(self, store, fmt):
        self._fill(store)
        out = io.BytesIO()
        store.dump(fmt, out)
        ds = Dataset()
        ds.parse(data=out.getvalue(), format=fmt)
        assert isomorphic(ds.graph(G1), tricky_graph())
        assert set(ds.graph(G2)) == {(B, SKOS.prefLabel, Literal("b")), (A, RDF.type, SKOS.Concept)}

    @pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
    def test_dump_graph_formats_hold_the_union(self, store, fmt):
        union = self._fill(store)
        out = io.BytesIO()
        store.dump(fmt, out)
        parsed = Graph().parse(
            data=out.getvalue(), format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt]
        )
        assert isomorphic(parsed, union)

    def test_dump_unknown_format(self, store):
        with pytest.raises(StoreError, match="Unknown dump format"):
            store.dump("rdfxml", io.BytesIO())

    def test_export_writes_prefixes_in_turtle(self, store):
        self._fill(store)
        store.replace_graph(G3, graph_of((C, RDF.type, URIRef("https://data.kpmpc.lt/ontology/Module"))))
        out = io.BytesIO()
        export_store(store, "ttl", out)
        assert b"@prefix kq: <https://data.kpmpc.lt/ontology/>" in out.getvalue()
        assert set(FORMATS) == {"ttl", "nt", "jsonld", "trig", "nquads"}

    def test_blank_nodes_survive_a_round_trip(self, store):
        node = BNode()
        g = graph_of((A, SKOS.related, node), (node, SKOS.prefLabel, Literal("anon")))
        store.replace_graph(G1, g)
        assert isomorphic(store.get_graph(G1), g)
