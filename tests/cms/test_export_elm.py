"""The ELM export of the whole demo registry against the official QDR artefacts, the
`export_elm` command and the stable dataset URLs.

The official LOQ shapes, loq.xsd and the EU code lists are read in place from
``../shared/reference`` next to the repository (never copied into it). Tests that need them
skip when it is absent, and fail instead when ``CI`` is set.
"""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.urls import include, path
from lxml import etree
from pyshacl import validate
from rdflib import Graph, URIRef

from cms.registry.demo.loader import remove_demo
from cms.registry.graph_store import use_graph_store
from cms.registry.models import Qualification, Sector
from graph.elm import FILE_NAMES, export_elm
from graph.elm.vocabulary import ELM_AP as ELM
from graph.stores.oxigraph import OxigraphStore
from graph.vocabularies import load_reference_vocabularies

from .factories import qualification as draft_qualification

pytestmark = [
    pytest.mark.django_db,
    # A regex in the official LOQ shapes; harmless for Python's re.
    pytest.mark.filterwarnings("ignore:Possible nested set:FutureWarning"),
]

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference"
LOQ_SHAPES = ("elm/rdf/ap/loq/LOQ-constraints.pyshacl-patched.ttl", "elm/rdf/ap/loq/LOQ-constraints-mdr.ttl")
EU_VOCABULARY = "vocab/skos-derived-from-loq-xsd.ttl"
LOQ_XSD = "elm/xsd/loq/loq.xsd"

# The dataset URLs, mounted here as cms/config/urls.py mounts them (``datasets/``).
urlpatterns = [path("datasets/", include("cms.linked_data.urls"))]


def official(relative: str) -> Path:
    """An official artefact under shared/reference: skip without it (fail on CI)."""
    found = REFERENCE / relative
    if not found.is_file():
        message = f"Official ELM/QDR artefact not found: {found} (shared/reference is read in place)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture(scope="module")
def demo_snapshot(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module (as in test_demo_and_commands), as N-Quads."""
    store = OxigraphStore(None)
    load_reference_vocabularies(store, base=settings.LINKED_DATA_BASE)
    use_graph_store(store)
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)
    snapshot = io.BytesIO()
    store.dump("nquads", snapshot)
    use_graph_store(None)
    yield snapshot.getvalue()
    use_graph_store(OxigraphStore(None))
    with django_db_blocker.unblock():
        remove_demo()
    use_graph_store(None)


@pytest.fixture
def demo(demo_snapshot):
    store = OxigraphStore(None)
    store.bulk_load_nquads(demo_snapshot)
    use_graph_store(store)
    cache.clear()  # the dataset views cache the export
    yield store
    use_graph_store(None)
    cache.clear()


def _published_valid_codes() -> set[str]:
    return set(Qualification.objects.filter(live=True, status="valid").values_list("code", flat=True))


def _violations(data: Graph) -> tuple[bool, str]:
    shapes = Graph()
    for relative in LOQ_SHAPES:
        shapes.parse(official(relative))
    # Pitfall 2 (eu-standards.md §3): the MDR shapes look for skos:inScheme in the data graph.
    data.parse(official(EU_VOCABULARY))
    conforms, _, text = validate(data, shacl_graph=shapes, inference="none")
    return conforms, text


def test_demo_export_conforms_to_the_official_loq_shapes(demo):
    export = export_elm(demo, settings.LINKED_DATA_BASE)
    assert {q.code for q in export.dataset.qualifications} == _published_valid_codes()
    assert export.dataset.skipped == ()

    started = time.perf_counter()
    conforms, text = _violations(Graph().parse(data=export.turtle, format="turtle"))
    elapsed = time.perf_counter() - started
    print(f"pySHACL over {len(export.dataset.qualifications)} qualifications: {elapsed:.1f} s")
    assert conforms, text
    assert elapsed < 60


def test_the_official_shapes_do_reject_a_broken_export(demo):
    """Control: the check above can fail (a missing NQF level, an internal term on an ELM node)."""
    data = Graph().parse(data=export_elm(demo, settings.LINKED_DATA_BASE).turtle, format="turtle")
    first = sorted(data.subjects(ELM.NQFLevel, None))[0]
    data.remove((first, ELM.NQFLevel, None))
    data.add((first, URIRef("https://data.kpmpc.lt/ontology/sector"), URIRef("urn:x")))
    conforms, text = _violations(data)
    assert not conforms
    assert "NQFLevel" in text and "closed" in text.lower()


def test_demo_export_xml_validates_against_loq_xsd(demo):
    schema = etree.XMLSchema(etree.parse(str(official(LOQ_XSD))))
    export = export_elm(demo, settings.LINKED_DATA_BASE)
    document = etree.fromstring(export.xml)
    assert schema.validate(document), "\n".join(str(e) for e in list(schema.error_log)[:20])
    ids = {e.get("id") for e in document.iter("{*}qualification")}
    assert len(ids) == len(export.dataset.qualifications) == len(_published_valid_codes())


def test_export_elm_writes_both_files_and_reports_counts(demo, tmp_path):
    target = tmp_path / "new" / "dir"
    out = io.StringIO()
    call_command("export_elm", "--output", str(target), stdout=out)
    expected = len(_published_valid_codes())
    assert f"Qualifications: {expected} exported, 0 skipped" in out.getvalue()
    turtle = Graph().parse(target / FILE_NAMES["ttl"], format="turtle")
    assert len(set(turtle.subjects(predicate=ELM.EQFLevel))) == expected
    xml = etree.parse(str(target / FILE_NAMES["xml"])).getroot()
    assert xml.get("xsdVersion") == "3.1.0"
    assert len(list(xml.iter("{*}qualification"))) == expected
    assert not [p.name for p in target.iterdir() if p.name.startswith(".")]  # no temporary left


def test_export_elm_refuses_an_unwritable_directory(demo, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(CommandError, match="Cannot"):
        call_command("export_elm", "--output", str(blocker / "out"))


def test_drafts_are_not_exported(demo):
    live = Qualification.objects.filter(live=True, status="valid").order_by("code").first()
    live.name_lt = "JUODRAŠTIS"
    live.save_revision()  # an unpublished edit of a live qualification
    draft_qualification(Sector.objects.filter(live=True)[:1], code="K4999901", live=False)

    export = export_elm(demo, settings.LINKED_DATA_BASE)
    assert "K4999901" not in {q.code for q in export.dataset.qualifications}
    assert "JUODRAŠTIS".encode() not in export.turtle and "JUODRAŠTIS".encode() not in export.xml


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(("fmt", "media_type"), [("ttl", "text/turtle"), ("xml", "application/xml")])
def test_dataset_urls_serve_the_export_with_an_etag(demo, client, fmt, media_type):
    response = client.get(f"/datasets/elm/qualifications.{fmt}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(media_type)
    assert response.content == export_elm(demo, settings.LINKED_DATA_BASE).content(fmt)
    again = client.get(f"/datasets/elm/qualifications.{fmt}", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert client.post(f"/datasets/elm/qualifications.{fmt}").status_code == 405
