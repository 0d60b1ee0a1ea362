"""The rebuild's fast path (values() rows → N-Quads → bulk load) gives exactly what publishing gives."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.conf import settings
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from cms.registry import fast_records, rebuild
from cms.registry.fast_records import live_records
from cms.registry.models import (
    REGISTRY_MODELS,
    Competence,
    Module,
    ModuleOutcome,
    OccupationalStandard,
    ProgrammeModule,
    Qualification,
    QualificationOutcome,
    QualificationUnit,
    Sector,
    VetProgramme,
)
from cms.registry.rebuild import BatchLoader, graph_rebuild
from cms.registry.records import record_for
from cms.registry.services import entity_project
from graph.stores.base import StoreError
from graph.stores.oxigraph import OxigraphStore
from graph.uris import graph_name
from graph.vocabularies import load_reference_vocabularies

pytestmark = pytest.mark.django_db

BASE = "https://data.kpmpc.lt"


def _live(model, **fields):
    """A live row written straight to the database (as generate_synthetic does): no gate here,
    the rebuild projects whatever is live."""
    return model.objects.create(live=True, **fields)


@pytest.fixture
def registry(graph):
    """Live entities of every type with their children, and drafts in between (same pk ranges)."""
    s8 = _live(Sector, code="S08", name_lt="Apgyvendinimo", name_en="Accommodation", nace_sections="i, N ",
               committee_name_lt="Komitetas", committee_name_en="")  # fmt: skip
    s5 = _live(Sector, code="S05", name_lt="Statybos", nace_sections="F", committee_name_lt="SPK",
               description_lt="Aprašas „kabutės“ \"ir\"\nnauja eilutė")  # fmt: skip
    std = _live(OccupationalStandard, code="PSI01", name_lt="Standartas", sector=s8, approval_order="V-1",
                approved_on=dt.date(2019, 7, 12))  # fmt: skip
    OccupationalStandard.objects.create(code="PSF01", name_lt="Juodraštis", sector=s5)  # a draft
    _live(OccupationalStandard, code="PSF02", name_lt="Kitas", sector=s5, status="withdrawn")
    units = []
    for n, level in ((1, 4), (2, 3)):
        unit = _live(QualificationUnit, code=f"PSI01-V0{n}", name_lt=f"Vienetas {n}", standard=std,
                     ltks_level=level, specialisation=n == 2)  # fmt: skip
        for k in (2, 1):  # created out of order: sort_order decides
            Competence.objects.create(unit=unit, sort_order=k, code=f"PSI01-V0{n}-K{k}", name_lt=f"Kompetencija {k}",
                                      boundary_lt="Ribos" if k == 1 else "")  # fmt: skip
        units.append(unit)
    quals = []
    for n in range(1, 6):
        live = n != 3  # a draft with children between live qualifications
        q = Qualification.objects.create(
            code=f"K4101{n:03d}", name_lt=f"Kvalifikacija {n}", name_en="" if n == 2 else f"Qualification {n}",
            ltks_level=4, isced_f="1013", standard=std if n % 2 else None, live=live,
            registered_on=dt.date(2020, 1, n), valid_until=dt.date(2030, 1, 1) if n == 4 else None,
            last_published_at=dt.datetime(2024, 5, n, 12, 30, tzinfo=dt.UTC) if live else None,
            qualification_type="learning" if n == 5 else "work",
        )  # fmt: skip
        q.sectors.set([s8, s5][: 1 + n % 2])
        q.units.set(units[: n % 3])
        for k, sort_order in enumerate((None, 2, 1)[: n % 4]):  # a row without sort_order sorts last
            QualificationOutcome.objects.create(qualification=q, sort_order=sort_order, text_lt=f"Rezultatas {k}",
                                                text_en="" if k else f"Outcome {k}")  # fmt: skip
        quals.append(q)
    modules = []
    for n in range(1, 5):
        m = _live(Module, code=f"410220{n}", name_lt=f"Modulis {n}", ltks_level=4, credits=5 * n)
        m.competences.set(Competence.objects.filter(code__endswith=f"K{1 + n % 2}")[: n % 3])
        ModuleOutcome.objects.create(module=m, sort_order=0, text_lt="Apibūdinti", criteria_lt="Apibūdinta",
                                     criteria_en="Described" if n == 1 else "")  # fmt: skip
        modules.append(m)
    for n, q in enumerate(quals[:2], 1):
        p = _live(VetProgramme, code=f"M4410130{n}", name_lt=f"Programa {n}", qualification=q, ltks_level=4,
                  credits=30, required_optional_credits=5 * (n - 1), kind="continuing" if n == 2 else "initial")  # fmt: skip
        for k, (m, role) in enumerate(zip(modules, ("introductory", "competence", "optional", "final"), strict=True)):
            ProgrammeModule.objects.create(programme=p, module=m, role=role, sort_order=3 - k)
    return graph


def _published(base: str) -> OxigraphStore:
    """What publishing every live entity one by one leaves in a store (entity_sync_graph's write)."""
    store = OxigraphStore()
    load_reference_vocabularies(store, base=base)
    for model in REGISTRY_MODELS:
        for obj in model.objects.filter(live=True):
            projection = entity_project(obj=obj)
            store.replace_graph(projection.graph_name, projection.graph)
    return store


@pytest.fixture
def small_batches(monkeypatch):
    """Chunks of 2 rows and batches of a few graphs: every boundary is crossed."""
    monkeypatch.setattr(fast_records, "CHUNK_ROWS", 2)
    monkeypatch.setattr(rebuild, "FIRST_BATCH_BYTES", 2_000)
    monkeypatch.setattr(rebuild, "MAX_BATCH_BYTES", 8_000)


def _assert_same_graphs(actual: OxigraphStore, expected: OxigraphStore) -> None:
    names = expected.graph_names()
    assert actual.graph_names() == names
    different = [n for n in names if not isomorphic(actual.get_graph(n), expected.get_graph(n))]
    assert not different, f"{len(different)} graphs differ, e.g. {different[:3]}"


def test_rebuild_gives_graph_for_graph_what_publishing_gives(registry, small_batches):
    registry.clear()
    graph_rebuild()
    published = _published(settings.LINKED_DATA_BASE)
    assert len(published.graph_names()) == 5 + 2 + 2 + 2 + 4 + 4 + 2  # vocabularies + entities
    _assert_same_graphs(registry, published)


def test_rebuild_replaces_changed_graphs_drops_stale_ones_and_reports(registry, small_batches):
    base = settings.LINKED_DATA_BASE
    wrong = Graph()
    wrong.add((URIRef("urn:x"), URIRef("urn:y"), URIRef("urn:z")))
    registry.replace_graph(graph_name(base, "qualification", "K4101001"), wrong)  # live: replaced
    registry.replace_graph(graph_name(base, "qualification", "K4101003"), wrong)  # a draft: dropped
    calls = []

    def progress(items, total, label):
        calls.append((str(label), total))
        return items

    counts = graph_rebuild(progress=progress)
    assert counts == {"vocabularies": 5, "sector": 2, "standard": 2, "unit": 2, "qualification": 4,
                      "module": 4, "programme": 2, "dropped": 1}  # fmt: skip
    assert [total for _, total in calls] == [2, 2, 2, 4, 4, 2]
    _assert_same_graphs(registry, _published(base))
    assert graph_rebuild(progress=progress) == {**counts, "dropped": 0}  # idempotent
    _assert_same_graphs(registry, _published(base))


def test_light_rows_give_the_records_of_model_instances(registry, caplog):
    caplog.set_level(logging.WARNING, logger="cms.registry.fast_records")
    for model in REGISTRY_MODELS:
        expected = [record_for(obj) for obj in model.objects.filter(live=True).order_by("pk")]
        assert list(live_records(model, chunk_rows=3)) == expected, model.__name__
        assert list(fast_records._instance_records(model, 3)) == expected, model.__name__
    assert not caplog.records, "a registry model fell back to model instances"


class _FailingStore(OxigraphStore):
    def load_nquads_graphs(self, names, data):
        raise StoreError("disk full")


def test_a_failed_background_load_is_raised_to_the_caller():
    loader = BatchLoader(_FailingStore(), first_bytes=10, max_bytes=10)
    with pytest.raises(StoreError, match="disk full"):
        with loader:
            for n in range(3):
                loader.add(f"{BASE}/graph/qualification/K{n}", f"<urn:a> <urn:b> <urn:c{n}> .\n")
