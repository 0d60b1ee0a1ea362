"""Review of the public surfaces (issue 6): bad query values answer 400, files of private pages
and restricted collections are not listed, preview answers are never cacheable, language
prefixes resolve only to pages that exist."""

from __future__ import annotations

import pytest
from django.core import signing
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from cms.cms_api.tokens import SALT, mint_preview_token
from cms.site.demo.files import demo_document
from cms.site.models import SectionPage

from .builders import add

pytestmark = pytest.mark.django_db
API = "/api/cms/v2"


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_an_unknown_search_operator_is_a_400_not_a_500(client, cms, endpoint):
    response = client.get(f"{API}/{endpoint}/", {"search": "a", "search_operator": "xor"})
    assert response.status_code == 400
    assert "search_operator" in response.json()["message"]
    assert client.get(f"{API}/{endpoint}/", {"search": "a", "search_operator": "or"}).status_code == 200


@pytest.mark.parametrize(
    "url",
    ["pages/?sector=%00", "pages/?search=%00", "pages/?site=%00", "pages/?locale=%00", "navigation/?site=%00",
     "documents/?search=a%00", "images/?search=%00", "preview/?token=%00", "pages/?%00=1"],
)
def test_a_null_character_in_the_query_is_a_400_on_every_database(client, cms, url):
    # PostgreSQL refuses NUL in text comparisons: it must not get that far.
    response = client.get(f"{API}/{url}")
    assert response.status_code in (400, 403) and response.json()["message"]


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents", "navigation"])
@pytest.mark.parametrize("value", ["99999999999999999999", "2147483648", "9" * 5000])
def test_an_offset_or_limit_past_any_page_is_a_400_on_every_database(client, cms, endpoint, value):
    # PostgreSQL's OFFSET stops at 2**63 - 1 (a DataError: a 500); 5,000 digits overflow int() itself.
    for name in ("offset", "limit"):
        response = client.get(f"{API}/{endpoint}/", {name: value})
        assert response.status_code == 400 and name in response.json()["message"]
    if endpoint != "navigation":  # (navigation answers a site's menu, not pages of a list)
        far = client.get(f"{API}/{endpoint}/", {"offset": "2147483647"})
        assert far.status_code == 200 and far.json()["items"] == []


def test_files_of_private_pages_and_restricted_collections_are_not_listed(client, cms):
    private_collection = Collection.get_first_root_node().add_child(name="SPK S08 privatūs")
    CollectionViewRestriction.objects.create(collection=private_collection, restriction_type="login")
    inner = private_collection.add_child(name="2026")  # restrictions are inherited
    secret = demo_document("Slaptas protokolas", "slaptas.pdf", ["confidential"], inner)
    members_only = demo_document("Narių protokolas", "nariu.pdf", ["members"])
    public = demo_document("Viešas protokolas", "viesas.pdf", ["public"])
    add(cms["lt"], SectionPage, "posedis", {"title": "Posėdis", "body": [("document", secret), ("document", public)]})
    closed, _ = add(cms["lt"], SectionPage, "nariams", {"title": "Nariams", "body": [("document", members_only)]})
    PageViewRestriction.objects.create(page=closed, restriction_type="login")

    listing = client.get(f"{API}/documents/", {"fields": "*"})
    assert listing.status_code == 200
    assert [item["title"] for item in listing.json()["items"]] == ["Viešas protokolas"]
    assert client.get(f"{API}/documents/{secret.pk}/").status_code == 404
    assert client.get(f"{API}/documents/{members_only.pk}/").status_code == 404


@pytest.fixture
def two_drafts(cms):
    first, _ = add(cms["lt"], SectionPage, "pirmas", {"title": "Pirmas"})
    second, _ = add(cms["lt"], SectionPage, "antras", {"title": "Antras"})
    for page in (first, second):
        page.title = f"{page.title} (juodraštis)"
        page.save_revision()
    return first, second


def _preview(client, token):
    return client.get(f"{API}/preview/", {"token": token} if token is not None else {})


def test_every_preview_answer_is_private_and_not_cacheable(client, two_drafts, settings):
    first, second = two_drafts
    valid = mint_preview_token(first.pk, first.get_latest_revision().pk)
    # A token naming page B with page A's draft: the draft is bound to its own page.
    crossed = mint_preview_token(second.pk, first.get_latest_revision().pk)
    tampered = signing.TimestampSigner(salt=SALT).sign_object({"page": second.pk, "revision": 1})[:-2] + "xx"
    settings.CMS_PREVIEW_TOKEN_MAX_AGE = -1  # every token is older than that
    answers = {"expired": (_preview(client, valid), 403)}
    settings.CMS_PREVIEW_TOKEN_MAX_AGE = 3600
    answers |= {
        "none": (_preview(client, None), 400),
        "tampered": (_preview(client, tampered), 403),
        "garbage": (_preview(client, "a:b:c"), 403),
        "null": (_preview(client, "a\x00"), 400),
        "crossed": (_preview(client, crossed), 404),
    }
    answers["bad fields"] = (client.get(f"{API}/preview/", {"token": valid, "fields": "__proto__"}), 400)
    answers["valid"] = (_preview(client, valid), 200)
    for name, (response, status) in answers.items():
        assert response.status_code == status, name
        assert response["Cache-Control"] == "private, no-store", name
        assert "juodraštis" not in response.content.decode() or name == "valid", name
    assert answers["valid"][0].json()["title"] == "Pirmas (juodraštis)"


def test_language_prefixes_lead_only_to_existing_pages(client, cms):
    add(cms["lt"], SectionPage, "apie", {"title": "Apie mus"}, {"title": "About us"})
    add(cms["lt"], SectionPage, "tik-lietuviskai", {"title": "Tik lietuviškai"})
    assert client.get("/xx/").status_code == 404  # no language "xx" and no page "xx"
    assert client.get("/xx/apie/", HTTP_ACCEPT_LANGUAGE="lt").status_code == 404
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="lt")["Location"] == "/lt/"
    # An old unprefixed link to a page still finds it in the visitor's language.
    assert client.get("/apie/", HTTP_ACCEPT_LANGUAGE="lt")["Location"] == "/lt/apie/"
    assert client.get("/about-us/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/en/about-us/"
    assert client.get("/en/tik-lietuviskai/").status_code == 404  # the LT page is not served under /en/
    # One slash redirect, then the page: no loop.
    slash = client.get("/lt/apie")
    assert slash.status_code == 301 and client.get(slash["Location"]).status_code == 200
    for weird in ("/lt/%00/", "/%00/", "/lt//apie/", "/lt/" + "a/" * 300):
        assert client.get(weird).status_code == 404, weird


def test_editors_redirects_work_with_and_without_a_prefix(client, cms):
    page, _ = add(cms["lt"], SectionPage, "apie", {"title": "Apie mus"})
    Redirect.objects.create(old_path="/senas-puslapis", redirect_page=page)
    Redirect.objects.create(old_path="/lt/senas", redirect_link="/lt/apie/")
    assert client.get("/senas-puslapis/")["Location"].endswith("/lt/apie/")
    assert client.get("/lt/senas/")["Location"] == "/lt/apie/"
