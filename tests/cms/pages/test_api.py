"""The headless API gives a front end everything a page needs in one call."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.storage import default_storage

from cms.committees.models import CommitteePage
from cms.news.models import NewsPage, NewsSector
from cms.site.demo.files import demo_document, demo_image
from cms.site.models import SectionPage
from graph.uris import entity_uri

from .builders import add

pytestmark = pytest.mark.django_db(transaction=True)
API = "/api/cms/v2"


@pytest.fixture
def site(cms, registry):
    home = cms["lt"]
    section, _ = add(home, SectionPage, "naujienos", {"title": "Naujienos"}, {"title": "News"},
                     show_in_menus=True)
    hidden, _ = add(home, SectionPage, "archyvas", {"title": "Archyvas"}, {"title": "Archive"})
    image = demo_image("Reklamjuostė", "banner.png")
    document = demo_document("Protokolas", "protokolas.pdf", ["Minutes"])
    body = [
        ("heading", "Apie standartą"),
        ("paragraph", f'<p>Žr. <a linktype="page" id="{hidden.pk}">archyvą</a>.'
                      "<script>alert(1)</script></p>"),
        ("image", {"image": image, "caption": "KPMPC"}),
        ("document", document),
        ("embed", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        ("quote", {"text": "Kvalifikacijos – darbo rinkai.", "attribution": "SPK"}),
        ("registry_reference", [("qualification", registry["qualification"]),
                                ("qualification", registry["draft"]),
                                ("standard", registry["standard"])]),
    ]
    news, news_en = add(
        section, NewsPage, "standartas",
        {"title": "Atnaujintas standartas", "intro": f'<p>Plačiau <a linktype="page" id="{hidden.pk}">čia</a></p>',
         "body": body},
        {"title": "Standard updated", "body": body},
        sector_tags=[NewsSector(sector=registry["s08"])],
    )
    return {"home": home, "section": section, "hidden": hidden, "news": news, "news_en": news_en,
            "document": document, **registry}


def test_page_detail_is_complete_and_clean(client, site):
    response = client.get(f"{API}/pages/{site['news'].pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "linktype" not in text and "<script" not in text
    data = response.json()

    hidden_url = site["hidden"].get_url()
    assert f'href="{hidden_url}"' in data["intro"]
    blocks = {block["type"]: block["value"] for block in data["body"]}
    assert f'href="{hidden_url}"' in blocks["paragraph"]
    assert blocks["heading"] == "Apie standartą"
    assert blocks["quote"] == {"text": "Kvalifikacijos – darbo rinkai.", "attribution": "SPK"}
    assert blocks["embed"] == {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"}

    image = blocks["image"]["image"]
    assert image["alt"] and set(image["renditions"]) == {"thumbnail", "medium", "large"}
    for rendition in image["renditions"].values():
        path = rendition["url"].split(settings.MEDIA_URL, 1)[1]
        assert default_storage.exists(path)

    download = client.get(blocks["document"]["url"].replace("http://testserver", ""))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")

    base = settings.LINKED_DATA_BASE
    assert blocks["registry_reference"] == [
        {"type": "qualification", "code": "K4101301", "uri": str(entity_uri(base, "qualification", "K4101301")),
         "label": {"lt": "Virėjas", "en": "Cook"}},
        {"type": "standard", "code": "PSI01", "uri": str(entity_uri(base, "standard", "PSI01")),
         "label": {"lt": site["standard"].name_lt, "en": site["standard"].name_en}},
    ]  # the draft qualification K4101302 is left out
    assert [s["code"] for s in data["sectors"]] == ["S08"]

    meta = data["meta"]
    assert meta["locale"] == "lt" and meta["path"] == "/naujienos/standartas/"
    assert [(t["id"], t["locale"]) for t in meta["translations"]] == [(site["news_en"].pk, "en")]
    assert [c["title"] for c in meta["breadcrumbs"]] == [site["home"].title, "Naujienos", "Atnaujintas standartas"]


def test_listing_filters_by_locale_translation_and_sector(client, site):
    en = client.get(f"{API}/pages/", {"locale": "en", "type": "cms_news.NewsPage"}).json()
    assert [p["id"] for p in en["items"]] == [site["news_en"].pk]
    assert en["items"][0]["meta"]["locale"] == "en"

    translations = client.get(f"{API}/pages/", {"translation_of": site["news_en"].pk}).json()
    assert [p["id"] for p in translations["items"]] == [site["news"].pk]

    by_sector = client.get(f"{API}/pages/", {"sector": "S08"}).json()
    assert {p["id"] for p in by_sector["items"]} == {site["news"].pk, site["news_en"].pk}
    assert client.get(f"{API}/pages/", {"sector": "S09"}).json()["items"] == []


@pytest.mark.parametrize(
    "query",
    [{"locale": "xx"}, {"rich_text_format": "bogus"}, {"colour": "red"}, {"type": "nope.Nope"},
     {"fields": "((("}, {"limit": "-1"}],
)
def test_bad_queries_get_a_message_not_a_500(client, site, query):
    response = client.get(f"{API}/pages/", query)
    assert 400 <= response.status_code < 500
    assert response.json()["message"]


def test_committee_page_lists_live_registry_entities(client, site):
    committee, _ = add(site["section"], CommitteePage, "s08", {"title": "Apgyvendinimo SPK"},
                       {"title": "Accommodation SPK"}, sector=site["s08"], chair_name="Rasa Pavyzdienė",
                       coordinator_name="Tomas Pavyzdys")
    data = client.get(f"{API}/pages/{committee.pk}/").json()
    assert data["sector"]["code"] == "S08" and data["sector"]["committee"]["lt"]
    assert [s["code"] for s in data["standards"]] == ["PSI01"]
    assert [q["code"] for q in data["qualifications"]] == ["K4101301"]  # not the draft K4101302
    assert data["programmes"] == [] and data["members"] == []
    assert (data["chair_name"], data["coordinator_name"]) == ("Rasa Pavyzdienė", "Tomas Pavyzdys")


def test_navigation_tree(client, site):
    data = client.get(f"{API}/navigation/", {"locale": "en", "depth": "1"}).json()
    assert data["root"]["locale"] == "en"
    assert [c["title"] for c in data["root"]["children"]] == ["News"]  # "Archive" is not in menus
    assert client.get(f"{API}/navigation/").json()["root"]["id"] == site["home"].pk
    for query in ({"depth": "9"}, {"depth": "x"}, {"locale": "de"}, {"foo": "1"}):
        response = client.get(f"{API}/navigation/", query)
        assert response.status_code == 400 and response.json()["message"]


def test_drafts_never_reach_the_public_api(client, site):
    news = site["news"]
    news.title = "Slaptas juodraštis"
    news.save_revision()
    assert client.get(f"{API}/pages/{news.pk}/").json()["title"] == "Atnaujintas standartas"
    draft_only, _ = add(site["section"], NewsPage, "juodrastis", {"title": "Juodraštis"})
    draft_only.unpublish()
    assert client.get(f"{API}/pages/{draft_only.pk}/").status_code == 404
    assert "Slaptas" not in client.get(f"{API}/pages/", {"limit": 100}).content.decode()


def test_documents_endpoint_lists_only_files_of_published_pages(client, site):
    unused = demo_document("Nenaudojamas", "nenaudojamas.pdf", ["draft"])
    ids = [d["id"] for d in client.get(f"{API}/documents/").json()["items"]]
    assert site["document"].pk in ids and unused.pk not in ids
    assert client.get(f"{API}/documents/{unused.pk}/").status_code == 404
