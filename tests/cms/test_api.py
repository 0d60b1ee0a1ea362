"""The public REST API (/api/v1/) over HTTP: published data only, filters, paging, JSON-LD,
languages, the OpenAPI schema, read-only methods and bad input.

A small register is published once for the module through the real publish gate (as the
demo fixtures do); tests that publish or edit themselves are transactional and build their own.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.api.jsonld import jsonld_context, jsonld_context_url
from cms.registry.graph_store import use_graph_store
from cms.registry.models import Qualification, QualificationOutcome
from graph.stores.oxigraph import OxigraphStore
from graph.uris import entity_uri, graph_name
from graph.vocabularies import load_reference_vocabularies
from ontology.namespaces import ELM

from . import factories

API = "/api/v1"
BASE = settings.LINKED_DATA_BASE


def make_qualification(code, level, isced, sectors, standard=None, units=(), *, name_lt, name_en="",
                       status="valid", live=True):
    obj = Qualification(code=code, name_lt=name_lt, name_en=name_en, ltks_level=level, isced_f=isced,
                        standard=standard, status=status)
    obj.sectors = list(sectors)
    obj.units = list(units)
    obj.outcomes = [QualificationOutcome(text_lt=f"{name_lt}: rezultatas", text_en="An outcome")]
    obj.save()
    return factories.publish(obj) if live else obj


def build_register() -> None:
    """Two sectors, two standards and units, three live qualifications (one withdrawn, one
    without an English name), one draft-only qualification, four modules and a programme."""
    s08 = factories.sector("S08")
    s05 = factories.sector("S05", name_lt="Statybos", name_en="Construction", nace_sections="F")
    psi = factories.standard(s08, "PSI01")
    psf = factories.standard(s05, "PSF01")
    cook_unit = factories.unit(psi, "PSI01-V01", level=4)
    build_unit = factories.unit(psf, "PSF01-V01", level=5)
    cook = make_qualification("K4101301", 4, "1013", [s08], psi, [cook_unit], name_lt="Virėjas", name_en="Cook")
    make_qualification("K5073201", 5, "0732", [s05], psf, [build_unit], name_lt="Statybininkas", name_en="Builder")
    make_qualification("K4101501", 4, "1015", [s08], name_lt="Gidas", status="withdrawn")
    make_qualification("K3101302", 3, "1013", [s08], name_lt="Juodraštis", live=False)
    modules = {
        "intro": factories.module("4000006", 2, name_lt="Įvadas į profesiją", name_en="Introduction"),
        "cook": factories.module("4101301", 40, name_lt="Patiekalų gaminimas", name_en="Preparing dishes"),
        "bakery": factories.module("4101302", 5, name_lt="Kepinių gaminimas", name_en="Baking"),
        "final": factories.module("4000002", 5, name_lt="Įvadas į darbo rinką", name_en="Into the labour market"),
    }
    links = [(modules["intro"], "introductory"), (modules["cook"], "competence"),
             (modules["bakery"], "optional"), (modules["final"], "final")]
    factories.publish(factories.programme(cook, links, credits=52, optional_credits=5))
    # Known publish times for updated_since (the graph is not the point here).
    for code, when in [("K4101301", "2024-01-10T12:00:00"), ("K5073201", "2025-06-01T00:00:00"),
                       ("K4101501", "2025-06-02T00:00:00")]:
        Qualification.objects.filter(code=code).update(last_published_at=datetime.fromisoformat(when).replace(tzinfo=UTC))


def remove_register() -> None:
    """Leave the database as other modules expect it: no entities, events, versions or logs."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    from cms.registry.demo.loader import remove_demo
    from cms.registry.models import REGISTRY_MODELS, EntityVersion, OutboxEvent

    remove_demo()
    OutboxEvent.objects.all().delete()
    EntityVersion.objects.all().delete()
    ModelLogEntry.objects.filter(content_type__in=[ContentType.objects.get_for_model(m) for m in REGISTRY_MODELS]).delete()


@pytest.fixture(scope="module")
def register_snapshot(django_db_setup, django_db_blocker):
    store = OxigraphStore(None)
    load_reference_vocabularies(store, base=BASE)
    use_graph_store(store)
    with django_db_blocker.unblock():
        build_register()
    snapshot = io.BytesIO()
    store.dump("nquads", snapshot)
    use_graph_store(None)
    yield snapshot.getvalue()
    use_graph_store(OxigraphStore(None))
    with django_db_blocker.unblock():
        remove_register()
    use_graph_store(None)


@pytest.fixture
def register(register_snapshot, db):
    """The published register, with its graph store installed for this test."""
    store = OxigraphStore(None)
    store.bulk_load_nquads(register_snapshot)
    use_graph_store(store)
    yield store
    use_graph_store(None)


def get(client, path, params=None, **headers):
    return client.get(path, params or {}, headers=headers)


def codes(response) -> list[str]:
    assert response.status_code == 200, response.content[:500]
    return [item["code"] for item in response.json()["results"]]


# --- lists and filters ---------------------------------------------------------------------


def test_lists_show_published_entities_only(client, register):
    assert codes(get(client, f"{API}/qualifications/")) == ["K4101301", "K4101501", "K5073201"]
    assert codes(get(client, f"{API}/sectors/")) == ["S05", "S08"]
    assert codes(get(client, f"{API}/standards/")) == ["PSF01", "PSI01"]
    assert codes(get(client, f"{API}/units/")) == ["PSF01-V01", "PSI01-V01"]
    assert codes(get(client, f"{API}/programmes/")) == ["M44101301"]
    assert codes(get(client, f"{API}/modules/")) == ["4000002", "4000006", "4101301", "4101302"]
    assert codes(get(client, f"{API}/levels/")) == [str(n) for n in range(1, 9)]


@pytest.mark.parametrize(
    ("path", "params", "expected"),
    [
        ("qualifications", {"sector": "S08"}, ["K4101301", "K4101501"]),
        ("qualifications", {"ltks_level": "5"}, ["K5073201"]),
        ("qualifications", {"eqf_level": "4"}, ["K4101301", "K4101501"]),
        ("qualifications", {"isced": "1013"}, ["K4101301"]),
        ("qualifications", {"isced": "101"}, ["K4101301", "K4101501"]),  # narrow field: prefix
        ("qualifications", {"isced": "10"}, ["K4101301", "K4101501"]),  # broad field
        ("qualifications", {"isced": "07"}, ["K5073201"]),
        ("qualifications", {"status": "withdrawn"}, ["K4101501"]),
        ("qualifications", {"status": "valid", "sector": "S08"}, ["K4101301"]),
        ("qualifications", {"sector": "S08", "ltks_level": "4", "isced": "1015"}, ["K4101501"]),
        ("qualifications", {"ltks_level": "4", "eqf_level": "5"}, []),
        ("qualifications", {"updated_since": "2025-01-01"}, ["K4101501", "K5073201"]),
        ("qualifications", {"updated_since": "2025-06-01T00:00:00Z"}, ["K4101501", "K5073201"]),
        ("qualifications", {"updated_since": "2025-06-01T03:00:00+03:00"}, ["K4101501", "K5073201"]),
        ("qualifications", {"updated_since": "2025-06-01T00:00:01"}, ["K4101501"]),  # naive = UTC
        ("qualifications", {"standard": "PSF01"}, ["K5073201"]),
        ("qualifications", {"unknown_parameter": "x"}, ["K4101301", "K4101501", "K5073201"]),
        ("standards", {"sector": "S05"}, ["PSF01"]),
        ("standards", {"status": "withdrawn"}, []),
        ("units", {"ltks_level": "4"}, ["PSI01-V01"]),
        ("units", {"sector": "S05"}, ["PSF01-V01"]),
        ("programmes", {"sector": "S08", "isced": "10", "eqf_level": "4"}, ["M44101301"]),
        ("programmes", {"sector": "S05"}, []),
        ("programmes", {"module": "4101302"}, ["M44101301"]),
        ("programmes", {"qualification": "K4101301", "kind": "initial"}, ["M44101301"]),
        ("modules", {"programme": "M44101301", "ltks_level": "4"}, ["4000002", "4000006", "4101301", "4101302"]),
        ("modules", {"eqf_level": "5"}, []),
    ],
)
def test_filters(client, register, path, params, expected):
    assert codes(get(client, f"{API}/{path}/", params)) == expected


@pytest.mark.parametrize(
    ("path", "param", "value"),
    [
        ("qualifications", "sector", "S99"),
        ("qualifications", "sector", "not a code"),
        ("qualifications", "ltks_level", "9"),
        ("qualifications", "ltks_level", "four"),
        ("qualifications", "eqf_level", "0"),
        ("qualifications", "isced", "1"),
        ("qualifications", "isced", "1999"),
        ("qualifications", "status", "expired"),
        ("qualifications", "updated_since", "yesterday"),
        ("qualifications", "updated_since", "2025-13-01"),
        ("qualifications", "updated_since", "0001-01-01T00:00:00+01:00"),
        ("qualifications", "standard", "PSZ99"),
        ("qualifications", "qualification_type", "hobby"),
        ("programmes", "qualification", "K3101302"),  # a draft is not a published code
        ("programmes", "kind", "evening"),
        ("modules", "programme", "M00000000"),
        ("units", "standard", "x"),
        ("standards", "status", "1"),
        ("sectors", "updated_since", "2025-02-30"),
        ("qualifications", "page", "0"),
        ("qualifications", "page", "two"),
        ("qualifications", "page_size", "-5"),
        ("qualifications", "lang", "fr"),
        ("qualifications", "format", "xml"),
        ("qualifications/K4101301", "lang", "de"),
        ("qualifications/K4101301", "format", "turtle"),
    ],
)
def test_invalid_values_are_a_400_naming_the_parameter(client, register, path, param, value):
    response = get(client, f"{API}/{path}/", {param: value})
    assert response.status_code == 400, response.content[:300]
    body = response.json()
    assert list(body) == [param]
    assert body[param] and all(isinstance(message, str) and message for message in body[param])


# --- paging --------------------------------------------------------------------------------


def test_pages_have_totals_and_links(client, register):
    first = get(client, f"{API}/modules/", {"page_size": 3, "ltks_level": 4})
    body = first.json()
    assert body["count"] == 4 and len(body["results"]) == 3 and body["previous"] is None
    assert "page=2" in body["next"] and "ltks_level=4" in body["next"] and "page_size=3" in body["next"]
    assert first["Link"] == f'<{body["next"]}>; rel="next"'

    second = client.get(body["next"])
    assert [m["code"] for m in second.json()["results"]] == ["4101302"]
    assert second.json()["next"] is None and second.json()["previous"]
    assert 'rel="prev"' in second["Link"]


def test_page_past_the_end_is_a_404_and_oversized_pages_are_capped(client, register):
    assert get(client, f"{API}/qualifications/", {"page": 9}).status_code == 404
    assert get(client, f"{API}/qualifications/", {"page": "last"}).status_code == 200
    assert len(get(client, f"{API}/levels/", {"page_size": 100000}).json()["results"]) == 8


# --- detail --------------------------------------------------------------------------------


def test_qualification_detail_by_code_nests_related_entities(client, register):
    response = get(client, f"{API}/qualifications/K4101301/")
    assert response.status_code == 200
    q = response.json()
    uri = str(entity_uri(BASE, "qualification", "K4101301"))
    assert (q["code"], q["uri"], q["url"]) == ("K4101301", uri, f"http://testserver{API}/qualifications/K4101301/")
    assert (q["name"], q["names"]) == ("Virėjas", {"lt": "Virėjas", "en": "Cook"})
    assert (q["ltks_level"], q["eqf_level"], q["status"]) == (4, 4, "valid")
    assert q["modified"] == "2024-01-10T12:00:00Z"  # the publish time, in UTC
    assert q["level"]["uri"] == f"{BASE}/id/level/4" and q["level"]["eqf_uri"] == "http://data.europa.eu/snb/eqf/4"
    assert q["isced"]["code"] == "1013" and q["isced"]["uri"] == "http://data.europa.eu/snb/isced-f/1013"
    assert [s["uri"] for s in q["sectors"]] == [f"{BASE}/id/sector/S08"]
    assert q["sectors"][0]["url"] == f"http://testserver{API}/sectors/S08/"
    assert q["standard"]["code"] == "PSI01" and q["standard"]["url"].endswith("/standards/PSI01/")
    assert q["units"][0]["code"] == "PSI01-V01"
    assert q["units"][0]["competences"][0]["uri"] == f"{BASE}/id/competence/PSI01-V01-K1"
    assert q["outcomes"] == [{"position": 1, "uri": f"{uri}/outcome/1", "text": "Virėjas: rezultatas",
                              "texts": {"lt": "Virėjas: rezultatas", "en": "An outcome"}}]
    assert [p["code"] for p in q["programmes"]] == ["M44101301"]
    # Every URL given can be followed.
    for url in (q["url"], q["level"]["url"], q["sectors"][0]["url"], q["standard"]["url"], q["units"][0]["url"]):
        assert client.get(url).status_code == 200, url


def test_list_filters_do_not_apply_to_a_detail(client, register):
    assert get(client, f"{API}/qualifications/K4101301/", {"ltks_level": "5", "sector": "S99"}).status_code == 200


def test_programme_detail_lists_modules_with_role_and_credits(client, register):
    p = get(client, f"{API}/programmes/M44101301/", lang="en").json()
    assert p["qualification"]["code"] == "K4101301" and p["credits"] == 52
    assert [(m["position"], m["code"], m["role"], m["credits"]) for m in p["modules"]] == [
        (1, "4000006", "introductory", 2), (2, "4101301", "competence", 40),
        (3, "4101302", "optional", 5), (4, "4000002", "final", 5),
    ]
    assert p["modules"][0]["uri"] == f"{BASE}/id/module/4000006"
    module = client.get(p["modules"][1]["url"]).json()
    assert [x["code"] for x in module["programmes"]] == ["M44101301"] and module["credits"] == 40


def test_sector_standard_unit_and_level_details(client, register):
    sector = get(client, f"{API}/sectors/S05/").json()
    assert sector["committee"]["uri"] == f"{BASE}/id/committee/S05" and sector["nace_sections"] == ["F"]
    assert codes(client.get(sector["qualifications_url"])) == ["K5073201"]
    standard = get(client, f"{API}/standards/PSF01/").json()
    assert standard["sector"]["code"] == "S05" and [u["code"] for u in standard["units"]] == ["PSF01-V01"]
    unit = get(client, f"{API}/units/PSF01-V01/").json()
    assert unit["level"]["number"] == 5 and [q["code"] for q in unit["qualifications"]] == ["K5073201"]
    level = get(client, f"{API}/levels/6/", {"lang": "en"}).json()
    assert (level["uri"], level["eqf_level"], level["roman"]) == (f"{BASE}/id/level/6", 6, "VI")
    assert level["name"] == "LTQF level 6" and level["qdr_uri"] == "http://data.europa.eu/snb/qdr/c_caa3091a"


@pytest.mark.parametrize(
    "path",
    ["qualifications/K9999999", "qualifications/K3101302", "sectors/S16", "levels/9", "levels/0",
     "modules/9999999", "qualifications/K4101301/extra", "nothing-here"],
)
def test_unknown_or_draft_only_codes_are_a_404(client, register, path):
    response = get(client, f"{API}/{path}/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json") and response.json()["detail"]


# --- JSON-LD -------------------------------------------------------------------------------


def parse_jsonld(response) -> Graph:
    """Parse with rdflib, the published context supplied locally (no network)."""
    assert response["Content-Type"].startswith("application/ld+json")
    document = json.loads(response.content)
    assert document["@context"] == jsonld_context_url() == f"{BASE}/ns/context/v1.jsonld"
    document["@context"] = jsonld_context()["@context"]
    return Graph().parse(data=json.dumps(document), format="json-ld")


@pytest.mark.parametrize("how", ["format", "accept"])
def test_jsonld_detail_matches_the_store(client, register, how):
    path = f"{API}/qualifications/K4101301/"
    response = get(client, path, {"format": "jsonld"}) if how == "format" else get(
        client, path, accept="application/ld+json")
    parsed = parse_jsonld(response)
    uri = entity_uri(BASE, "qualification", "K4101301")
    stored = register.get_graph(graph_name(BASE, "qualification", "K4101301"))
    assert set(parsed.objects(uri, DCTERMS.title)) == set(stored.objects(uri, DCTERMS.title)) == {
        Literal("Virėjas", lang="lt"), Literal("Cook", lang="en")}
    assert parsed.value(uri, ELM.NQFLevel) == stored.value(uri, ELM.NQFLevel) == URIRef(f"{BASE}/id/level/4")
    assert set(parsed.objects(uri, ELM.EQFLevel)) == set(stored.objects(uri, ELM.EQFLevel))
    assert (uri, None, None) in parsed and set(parsed.objects(uri, URIRef(str(DCTERMS.identifier))))
    # Everything stored about the entity is there, plus labels of what it points at.
    assert set(stored) <= set(parsed)
    document = json.loads(response.content)
    node = next(n for n in document["@graph"] if n["@id"] == str(uri))
    assert node["@type"] == "Qualification"


def test_jsonld_list_page_is_a_hydra_collection(client, register):
    response = get(client, f"{API}/qualifications/", {"format": "jsonld", "sector": "S08", "page_size": 1})
    parsed = parse_jsonld(response)
    hydra = "http://www.w3.org/ns/hydra/core#"
    collection = next(parsed.subjects(URIRef(hydra + "totalItems"), None))
    assert parsed.value(collection, URIRef(hydra + "totalItems")).toPython() == 2
    assert set(parsed.objects(collection, URIRef(hydra + "member"))) == {entity_uri(BASE, "qualification", "K4101301")}
    view = parsed.value(collection, URIRef(hydra + "view"))
    assert "page=2" in str(parsed.value(view, URIRef(hydra + "next")))
    assert 'rel="next"' in response["Link"]
    level = parse_jsonld(get(client, f"{API}/levels/4/", {"format": "jsonld"}))
    assert Literal("LTQF level 4", lang="en") in set(level.objects(URIRef(f"{BASE}/id/level/4"), None))


def test_jsonld_of_an_entity_not_yet_in_the_graph_is_a_503(client, register):
    """Live in the database but not projected yet (outbox pending): retry later, not a 404 or 500."""
    register.drop_graph(graph_name(BASE, "qualification", "K4101301"))
    response = get(client, f"{API}/qualifications/K4101301/", {"format": "jsonld"})
    assert response.status_code == 503 and json.loads(response.content)["detail"]
    assert get(client, f"{API}/qualifications/K4101301/").status_code == 200


# --- language ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "headers", "name", "language"),
    [
        ({}, {}, "Virėjas", "lt"),
        ({"lang": "en"}, {}, "Cook", "en"),
        ({"lang": "EN"}, {}, "Cook", "en"),
        ({}, {"accept_language": "en-GB,en;q=0.8"}, "Cook", "en"),
        ({}, {"accept_language": "fr,de;q=0.9"}, "Virėjas", "lt"),  # unsupported preference: fallback
        ({"lang": "lt"}, {"accept_language": "en"}, "Virėjas", "lt"),  # the parameter wins
    ],
)
def test_language_selects_name(client, register, params, headers, name, language):
    response = get(client, f"{API}/qualifications/K4101301/", params, **headers)
    assert response.json()["name"] == name and response["Content-Language"] == language
    assert response.json()["names"] == {"lt": "Virėjas", "en": "Cook"}


def test_missing_english_falls_back_to_lithuanian(client, register):
    item = get(client, f"{API}/qualifications/K4101501/", {"lang": "en"}).json()
    assert item["name"] == "Gidas" and item["names"] == {"lt": "Gidas", "en": None}


def test_error_messages_follow_the_language(client, register):
    lt = get(client, f"{API}/qualifications/", {"ltks_level": "9"}).json()["ltks_level"][0]
    en = get(client, f"{API}/qualifications/", {"ltks_level": "9", "lang": "en"}).json()["ltks_level"][0]
    assert en.startswith("Select a valid choice") and lt != en


# --- protocol ------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["qualifications/", "qualifications/K4101301/", "levels/4/"])
def test_writes_are_405(client, register, method, path):
    response = getattr(client, method)(f"{API}/{path}", data={"code": "K4101301"}, content_type="application/json")
    assert response.status_code == 405
    assert "GET" in response["Allow"] and "POST" not in response["Allow"]


def test_head_options_and_cors(client, register):
    assert client.head(f"{API}/qualifications/").status_code == 200
    assert client.options(f"{API}/qualifications/").status_code == 200
    for response in (get(client, f"{API}/qualifications/"), get(client, f"{API}/qualifications/", {"isced": "x"}),
                     get(client, f"{API}/qualifications/K9999999/"), get(client, f"{API}/qualifications/",
                                                                             {"format": "jsonld"})):
        assert response["Access-Control-Allow-Origin"] == "*"


def test_browsable_html_for_people(client, register):
    response = client.get(f"{API}/qualifications/", {"sector": "S08"}, headers={"accept": "text/html"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "K4101301" in response.content.decode()


def test_query_count_does_not_grow_with_the_page(client, register, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # count, page, sectors
        assert len(get(client, f"{API}/qualifications/").json()["results"]) == 3
    with django_assert_max_num_queries(7):  # row+standard, sectors, units, competences, outcomes, programmes
        assert get(client, f"{API}/qualifications/K4101301/").status_code == 200


@pytest.mark.parametrize("path", ["qualifications", "programmes", "modules", "units", "standards", "sectors", "levels"])
def test_garbage_parameters_never_cause_a_server_error(client, register, path):
    garbage = ["", " ", "\x00", "K4101301\x00", "' OR 1=1 --", "9" * 5000, "-1", "1e9", "4.0", "ą", "[]",
               "null", "%", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "2025-06-01T25:00"]
    params = ["sector", "ltks_level", "eqf_level", "isced", "status", "updated_since", "standard",
              "qualification", "programme", "module", "kind", "qualification_type", "page", "page_size",
              "lang", "format"]
    for value in garbage:
        for param in params:
            response = get(client, f"{API}/{path}/", {param: value})
            assert response.status_code in (200, 400, 404), (param, value, response.status_code)
        response = client.get(f"{API}/{path}/{value[:100]}/")
        assert response.status_code in (200, 404), (value, response.status_code)


# --- schema --------------------------------------------------------------------------------


def test_openapi_schema_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target),
                 "--custom-settings", "cms.api.schema.SCHEMA_SETTINGS")
    assert "/api/v1/qualifications/{code}/" in target.read_text()


def test_schema_and_docs_are_served_without_a_cdn(client, db):
    schema = client.get("/api/schema/", {"format": "json"})
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/programmes/{code}/" in paths and all(p.startswith("/api/v1/") for p in paths)
    docs = client.get(reverse("api:docs"))
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")


# --- drafts ---------------------------------------------------------------------------------


def _edit_form(obj, **changes):
    outcome = obj.outcomes.get()
    data = {
        "code": obj.code, "ltks_level": str(obj.ltks_level), "status": obj.status,
        "name_lt": obj.name_lt, "name_en": obj.name_en, "description_lt": "", "description_en": "",
        "standard": obj.standard_id or "", "isced_f": obj.isced_f,
        "qualification_type": obj.qualification_type, "registered_on": "", "valid_until": "",
        "outcomes": inline_formset([{"id": outcome.pk, "text_lt": outcome.text_lt, "text_en": outcome.text_en}],
                                   initial=1),
    }
    data.update(changes)
    form = nested_form_data(data)
    # Multiple-choice fields are lists of values (nested_form_data would number them).
    form["sectors"] = [str(s.pk) for s in obj.sectors.all()]
    form["units"] = [str(u.pk) for u in obj.units.all()]
    return form


def test_draft_changes_of_a_live_entity_are_not_visible(client, django_user_model, register):
    """An editor saves a draft in the admin (no publish): the API keeps showing the published
    version, in JSON and JSON-LD, in lists and filters, until the draft is published."""
    qualification = Qualification.objects.get(code="K4101301")
    before = client.get(f"{API}/qualifications/K4101301/").json()
    client.force_login(django_user_model.objects.create_superuser("editor", "e@example.test", "pw"))
    edit = reverse("wagtailsnippets_registry_qualification:edit", args=[qualification.pk])

    response = client.post(edit, _edit_form(qualification, name_lt="Virėjas (juodraštis)", name_en="Cook draft",
                                            ltks_level="5"))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    qualification.refresh_from_db()
    assert qualification.has_unpublished_changes  # the draft was saved, as a revision
    draft = qualification.latest_revision.as_object()
    assert (draft.name_lt, draft.ltks_level) == ("Virėjas (juodraštis)", 5)

    client.logout()
    detail = client.get(f"{API}/qualifications/K4101301/").json()
    assert detail == before
    assert "K4101301" in codes(client.get(f"{API}/qualifications/", {"ltks_level": "4"}))
    assert "K4101301" not in codes(client.get(f"{API}/qualifications/", {"ltks_level": "5"}))
    jsonld = parse_jsonld(client.get(f"{API}/qualifications/K4101301/", {"format": "jsonld"}))
    titles = set(jsonld.objects(entity_uri(BASE, "qualification", "K4101301"), DCTERMS.title))
    assert titles == {Literal("Virėjas", lang="lt"), Literal("Cook", lang="en")}

    # Publishing the draft (through the gate) is what makes it visible.
    qualification.latest_revision.publish()
    after = client.get(f"{API}/qualifications/K4101301/").json()
    assert (after["name"], after["ltks_level"]) == ("Virėjas (juodraštis)", 5)


def test_draft_only_entities_are_invisible(client, register):
    assert not Qualification.objects.get(code="K3101302").live
    assert get(client, f"{API}/qualifications/K3101302/", {"format": "jsonld"}).status_code == 404
    assert "K3101302" not in codes(get(client, f"{API}/qualifications/", {"ltks_level": "3"}))
    assert "K3101302" not in json.dumps(get(client, f"{API}/sectors/S08/").json())
