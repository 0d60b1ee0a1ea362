"""/api/v1/search over the realistic register, through real HTTP (Django test client)."""

from __future__ import annotations

import pytest

from tests.cms.pages.builders import add

pytestmark = pytest.mark.django_db


def search(client, **params):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 200, response.content
    return response.json()


def codes(found):
    return [h["code"] for h in found["hits"]]


@pytest.mark.parametrize(
    "q, code",
    [("virejas", "K4101301"), ("suvirinimo", "K3071501"), ("welder", "K3071501"), ("kirpeja", "K4101201")],
)
def test_typed_words_find_the_right_qualification_first(client, register, q, code):
    found = search(client, q=q, type="qualification")
    assert codes(found)[0] == code


def test_hit_has_highlight_uri_and_dereferenceable_url(client, register):
    hit = search(client, q="virejas", type="qualification")["hits"][0]
    assert "<mark>Virėjas</mark>" in hit["highlights"]["name_lt"][0]
    assert hit["uri"] == "https://data.kpmpc.lt/id/qualification/K4101301"
    assert hit["url"] == "http://testserver/id/qualification/K4101301"
    assert client.get("/id/qualification/K4101301", HTTP_ACCEPT="text/turtle").status_code == 200


def test_facets_combine_count_and_label_in_both_languages(client, register):
    every = search(client, type="qualification", ltks_level="4", page_size=100)
    both = search(client, type="qualification", ltks_level="4", sector=["S05", "S06"], page_size=100)
    in_05_06 = [h for h in every["hits"] if {"S05", "S06"} & set(h["sectors"])]
    assert both["total"] == len(in_05_06) > 0
    sectors = {f["value"]: f for f in both["facets"]["sector"]}
    # Counted under every filter but its own: the other sectors stay choosable with their counts.
    assert sectors["S08"]["count"] == sum("S08" in h["sectors"] for h in every["hits"])
    assert sectors["S05"]["selected"] and not sectors["S08"]["selected"]
    assert sectors["S05"]["labels"]["lt"] != sectors["S05"]["labels"]["en"]
    assert sectors["S05"]["label"] == sectors["S05"]["labels"]["lt"]
    english = search(client, type="qualification", sector="S05", lang="en")
    assert {f["value"]: f["label"] for f in english["facets"]["sector"]}["S05"] == sectors["S05"]["labels"][
        "en"
    ]


def test_selected_value_without_matches_is_shown_with_zero(client, register):
    found = search(client, q="virejas", sector="S99")
    assert found["total"] == 0 and found["hits"] == []
    sectors = {f["value"]: f for f in found["facets"]["sector"]}
    assert sectors["S99"]["count"] == 0 and sectors["S99"]["selected"] and sectors["S99"]["label"] == "S99"
    assert sectors["S08"]["count"] > 0  # what the other sectors would give stays listed


def test_multi_sector_keeps_documents_in_two_sectors(client, register):
    found = search(client, multi_sector="true", type="qualification")
    assert codes(found) == ["K4071301"]  # the electrician: construction and energy


def test_pages_are_searched_with_wagtail_and_counted_in_the_type_facet(client, register):
    from cms.site.editorial.tree import ensure_site_tree
    from cms.site.models import InformationPage

    homes = ensure_site_tree()
    add(homes["lt"], InformationPage, "virejo-karjera", {"title": "Virėjo karjeros galimybės"})
    found = search(client, q="virėjo")
    types = {f["value"]: f["count"] for f in found["facets"]["type"]}
    assert types["page"] == 1
    kinds = [h["type"] for h in found["hits"]]
    assert kinds[-1] == "page" and "qualification" in kinds  # registry first, then pages
    assert found["total"] == sum(types.values())
    page = found["hits"][-1]
    assert (
        page["name_lt"] == "Virėjo karjeros galimybės"
        and "<mark>Virėjo</mark>" in page["highlights"]["name_lt"][0]
    )
    only = search(client, q="virėjo", type="page")
    assert [h["type"] for h in only["hits"]] == ["page"] and only["total"] == 1
    none = search(client, q="virėjo", type="qualification")
    assert "page" not in [h["type"] for h in none["hits"]]
    assert {f["value"]: f["count"] for f in none["facets"]["type"]}["page"] == 1  # still choosable
    assert "page" not in [h["type"] for h in search(client, q="virėjo", sector="S08")["hits"]]


def test_pagination_runs_over_registry_hits_then_pages(client, register):
    first = search(client, page_size=5)
    total = first["total"]
    seen = []
    for page in range(1, first["pages"] + 1):
        seen += [h["id"] for h in search(client, page_size=5, page=page)["hits"]]
    assert len(seen) == len(set(seen)) == total
    beyond = search(client, page_size=5, page=first["pages"] + 1)
    assert beyond["hits"] == [] and beyond["total"] == total


def test_autocomplete_and_related(client, register):
    found = client.get("/api/v1/search/autocomplete", {"q": "vir"}).json()["suggestions"]
    assert "K4101301" in [s["code"] for s in found]
    related = client.get("/api/v1/search/related", {"code": "K4073201"}).json()["related"]
    welder = next(r for r in related if r["code"] == "K3071501")  # plumber takes the welding unit
    assert welder["overlap"] == len(welder["shared"]) > 0
    assert any(s["kind"] == "unit" and s["code"] == "PSC01-V01" for s in welder["shared"])
    assert client.get("/api/v1/search/related", {"code": "K0000000"}).status_code == 404
    assert client.get("/api/v1/search/related").status_code == 400


def test_openapi_documents_the_search_parameters(client, register):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    params = {p["name"] for p in schema["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert {
        "q",
        "type",
        "sector",
        "ltks_level",
        "eqf_level",
        "status",
        "isced",
        "multi_sector",
        "sort",
        "page",
        "page_size",
        "lang",
    } <= params
    assert "/api/v1/search/autocomplete" in schema["paths"] and "/api/v1/search/related" in schema["paths"]
