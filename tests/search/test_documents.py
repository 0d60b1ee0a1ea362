"""Search documents built from a real graph store, and incremental refresh from it."""

from __future__ import annotations

from collections import Counter

import pytest

from graph.projection import entity_graph_name
from search.backends.embedded import EmbeddedBackend
from search.documents import build_documents, count_documents, document_uris
from search.indexing import affected_uris, rebuild_from_store, refresh
from search.labels import facet_labels
from search.query import SearchQuery
from tests.graph.records import graph_of
from tests.search.register import BASE, MODULES, QUALIFICATIONS, RECORDS, SAFETY, register_store, uri


def changed(record, **values):
    return type(record)(record.type_slug, values.pop("code", record.code), {**record.values, **values})


def by_code(documents):
    return {d.code: d for d in documents}


def test_one_document_per_published_entity(documents, register):
    kinds = Counter(d.type for d in documents)
    expected = Counter(r.type_slug for r in RECORDS if r.type_slug != "unit")
    assert kinds == {**expected, "sector": 16}
    assert count_documents(register, BASE) == len(documents) == len({d.id for d in documents})


def test_a_qualification_document(documents):
    cook = by_code(documents)["K4101301"]
    assert (cook.id, cook.type, cook.name_lt, cook.name_en) == (
        uri("qualification", "K4101301"),
        "qualification",
        "Virėjas",
        "Cook",
    )
    assert cook.description_lt.startswith("Virėjas gamina")
    assert cook.outcomes_lt == [cook.description_lt] and cook.outcomes_en == ["A cook prepares dishes."]
    assert [u.code for u in cook.units] == ["PSI01-V01"] and cook.units[0].name_lt == "Patiekalų gaminimas"
    assert [m.code for m in cook.modules] == [SAFETY, "4101102"]  # through its programme
    assert [c.code for c in cook.competences] == ["PSI01-V01-K1", "PSI01-V01-K2"]
    assert cook.competences[0].name_en == "Prepare cold and hot dishes"
    assert [(s.code, s.name_lt) for s in cook.sectors] == [
        ("S08", "Apgyvendinimo, maitinimo ir turizmo paslaugų")
    ]
    assert (cook.ltks_level, cook.eqf_level, cook.isced, cook.status) == (4, 4, "1013", "valid")
    assert cook.updated.startswith("2024-01-03T12:00:00")
    assert uri("programme", "M44101301") in cook.refs and uri("unit", "PSI01-V01") in cook.refs


def test_competences_come_from_units_and_modules(documents):
    plumber = by_code(documents)["K4073201"]
    assert {c.code for c in plumber.competences} == {"PSF01-V01-K1", "PSC01-V01-K1", "PSC01-V01-K2"}
    assert plumber.unit_uris == sorted(uri("unit", c) for c in ("PSC01-V01", "PSF01-V01"))
    assert set(plumber.module_uris) == {uri("module", c) for c in ("4073202", "3071502", SAFETY)}


def test_other_document_types(documents):
    docs = by_code(documents)
    programme = docs["M44073201"]
    assert programme.qualification.name_lt == "Santechnikas"
    assert programme.sector_codes == ["S05"] and programme.isced == "0732" and programme.ltks_level == 4
    safety = docs[SAFETY]
    assert safety.type == "module" and safety.sector_codes == ["S05", "S06", "S08"]
    assert (
        docs["3071502"].sector_codes == ["S04", "S05"]
        and docs["3071502"].competences[0].code == "PSC01-V01-K1"
    )
    welding_std = docs["PSC01"]
    assert welding_std.type == "standard" and [u.code for u in welding_std.units] == ["PSC01-V01"]
    assert len(welding_std.competences) == 2 and welding_std.sector_codes == ["S04"]
    assert welding_std.updated == "2019-07-12"
    sector = docs["S05"]
    assert (sector.type, sector.name_en, sector.sector_codes) == ("sector", "Construction", ["S05"])


def test_build_documents_for_given_uris_equals_the_full_build(documents, register):
    wanted = [
        uri("qualification", "K4073201"),
        uri("module", SAFETY),
        uri("unit", "PSC01-V01"),
        uri("qualification", "K0000000"),
    ]
    built = build_documents(register, BASE, wanted)
    assert [d.id for d in built] == [uri("module", SAFETY), uri("qualification", "K4073201")]
    full = {d.id: d for d in documents}
    assert all(d == full[d.id] for d in built)
    assert document_uris(register, BASE, ["<bad>"]) == []


class TestRefresh:
    @pytest.fixture
    def store(self):
        store = register_store()
        yield store
        store.close()

    @pytest.fixture
    def backend(self, store):
        backend = EmbeddedBackend()
        assert rebuild_from_store(
            backend, store, BASE, progress=lambda it, total: list(it)
        ) == count_documents(store, BASE)
        return backend

    def test_republishing_a_unit_updates_the_documents_built_from_it(self, store, backend):
        record = changed(next(r for r in RECORDS if r.code == "PSC01-V01"), title_lt="Metalų suvirinimas")
        store.replace_graph(entity_graph_name(record, BASE), graph_of(record))
        unit = uri("unit", "PSC01-V01")
        assert affected_uris(backend, store, [unit]) >= {
            uri("qualification", "K3071501"),
            uri("standard", "PSC01"),
        }
        done = refresh(backend, store, BASE, [unit])
        assert set(done.indexed) == {uri("qualification", c) for c in ("K3071501", "K4073201")} | {
            uri("standard", "PSC01")
        }
        assert done.deleted == ()
        query = SearchQuery(text="metalų suvirinimas", filters={"type": ["qualification", "standard"]})
        found = {h.code for h in backend.search(query).hits}
        assert found == {"K3071501", "K4073201", "PSC01"}

    def test_unpublishing_a_programme_deletes_it_and_updates_its_qualification_and_modules(
        self, store, backend
    ):
        programme = uri("programme", "M44101301")
        store.drop_graph(next(entity_graph_name(r, BASE) for r in RECORDS if r.code == "M44101301"))
        done = refresh(backend, store, BASE, [programme])
        assert done.deleted == (programme,) and backend.get(programme) is None
        cook = backend.get(uri("qualification", "K4101301"))
        assert cook.modules == []
        assert backend.get(uri("module", SAFETY)).sector_codes == ["S05", "S06"]  # no longer catering
        assert [r.code for r in backend.related_in_other_sectors(uri("qualification", "K3101301"))] == []

    def test_publishing_a_new_qualification_indexes_it(self, store, backend):
        record = next(r for r in QUALIFICATIONS if r.code == "K4101202")
        new = changed(record, code="K4101203", title_lt="Manikiūrininkas")
        new.values["code"] = "K4101203"
        store.replace_graph(entity_graph_name(new, BASE), graph_of(new))
        done = refresh(backend, store, BASE, [uri("qualification", "K4101203")])
        assert done.indexed == (uri("qualification", "K4101203"),)
        assert [h.code for h in backend.search(SearchQuery(text="manikiurininkas")).hits] == ["K4101203"]

    def test_a_module_change_reaches_the_programmes_and_qualifications_listing_it(self, store, backend):
        record = changed(
            next(r for r in MODULES if r.code == SAFETY), title_lt="Darbuotojų sauga ir sveikata"
        )
        store.replace_graph(entity_graph_name(record, BASE), graph_of(record))
        refresh(backend, store, BASE, [uri("module", SAFETY)])
        found = {h.code for h in backend.search(SearchQuery(text="darbuotoju sauga", page_size=50)).hits}
        assert {"K4101301", "K4073201", "K4071301", "M44101301", SAFETY} <= found


def test_facet_labels_come_from_the_graph(register):
    labels = facet_labels(register, BASE)
    assert labels["sector"]["S05"] == {"lt": "Statybos", "en": "Construction"}
    assert labels["ltks_level"]["4"]["lt"] == "LTKS IV lygis"
    assert labels["eqf_level"]["4"] == {"lt": "EKS 4 lygis", "en": "Level 4"}
    assert set(labels["isced"]["0715"]) >= {"en"}
