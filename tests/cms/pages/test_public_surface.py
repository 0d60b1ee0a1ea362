"""What a separate front end and the public see: a URL per language, CORS for the API only
(never with credentials), and no file of a restricted collection."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction

from cms.site.demo.files import demo_document
from cms.site.editorial.groups import EDITORS
from cms.site.models import SectionPage

from .builders import add, user_in

pytestmark = pytest.mark.django_db
API = "/api/cms/v2"
FRONT_END = "https://www.kpmpc.example"


def _path(url: str) -> str:
    return urlsplit(url).path


def test_a_page_and_its_translation_have_their_own_public_urls(client, cms):
    section, _ = add(cms["lt"], SectionPage, "apie", {"title": "Apie mus"}, {"title": "About us"})
    lt_page, en_page = add(section, SectionPage, "kontaktai", {"title": "Kontaktai"}, {"title": "Contacts"})
    lt = client.get(f"{API}/pages/{lt_page.pk}/").json()["meta"]
    en = client.get(f"{API}/pages/{en_page.pk}/").json()["meta"]

    assert _path(lt["html_url"]) == "/lt/apie/kontaktai/"
    assert _path(en["html_url"]) == "/en/about-us/contacts/"
    assert [_path(t["html_url"]) for t in lt["translations"]] == [_path(en["html_url"])]
    # Each URL serves its own language, whatever the browser prefers.
    lt_html = client.get(_path(lt["html_url"]), HTTP_ACCEPT_LANGUAGE="en")
    en_html = client.get(_path(en["html_url"]))
    assert lt_html.status_code == 200 and "Kontaktai" in lt_html.content.decode()
    assert en_html.status_code == 200 and "Contacts" in en_html.content.decode()
    # Breadcrumbs and the menu carry the same per-language URLs.
    assert [_path(c["html_url"]) for c in en["breadcrumbs"]] == ["/en/", "/en/about-us/", "/en/about-us/contacts/"]


def test_non_page_routes_are_not_prefixed(client, cms):
    assert client.get("/healthz").status_code == 200
    assert client.get("/lt/healthz/").status_code == 404  # no page of that name
    # A 404 of the API stays a JSON 404 instead of a redirect to a page URL.
    missing = client.get(f"{API}/pages/999999/")
    assert missing.status_code == 404 and missing.json()["message"]


@pytest.fixture
def front_end_origin(settings):
    settings.CORS_ALLOWED_ORIGINS = [FRONT_END]
    return FRONT_END


def test_the_pages_api_answers_a_front_end_on_another_origin(client, cms, front_end_origin):
    response = client.get(f"{API}/pages/", HTTP_ORIGIN=FRONT_END)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == FRONT_END
    assert "Access-Control-Allow-Credentials" not in response

    preflight = client.options(f"{API}/pages/", HTTP_ORIGIN=FRONT_END,
                               HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == FRONT_END
    assert set(preflight["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_cors_never_allows_credentials_nor_strangers(client, cms, front_end_origin):
    # The preview carries drafts: a browser may call it only without cookies.
    preview = client.options(f"{API}/preview/", HTTP_ORIGIN=FRONT_END, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert preview["Access-Control-Allow-Origin"] == FRONT_END
    assert "Access-Control-Allow-Credentials" not in preview
    stranger = client.get(f"{API}/pages/", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in stranger
    # Pages, the admin and linked data pages are not opened to other origins.
    assert "Access-Control-Allow-Origin" not in client.get("/healthz", HTTP_ORIGIN=FRONT_END)
    assert "Access-Control-Allow-Origin" not in client.get("/lt/", HTTP_ORIGIN=FRONT_END)


def test_without_configured_origins_no_cross_origin_access(client, cms):
    response = client.get(f"{API}/pages/", HTTP_ORIGIN=FRONT_END)
    assert response.status_code == 200 and "Access-Control-Allow-Origin" not in response


def test_documents_of_a_restricted_collection_stay_private(client, cms):
    members = Group.objects.get_or_create(name="SPK S08 nariai")[0]
    private = Collection.get_first_root_node().add_child(name="SPK S08 privatūs")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(members)
    secret = demo_document("Slaptas protokolas", "slaptas.pdf", ["confidential"], private)
    public = demo_document("Viešas protokolas", "viesas.pdf", ["public"])
    page, _ = add(cms["lt"], SectionPage, "posedis", {
        "title": "Posėdis", "body": [("document", secret), ("document", public)],
    })

    listing = client.get(f"{API}/documents/").json()
    assert [d["id"] for d in listing["items"]] == [public.pk]
    assert client.get(f"{API}/documents/{secret.pk}/").status_code == 404

    detail = client.get(f"{API}/pages/{page.pk}/")
    assert [b["value"]["id"] for b in detail.json()["body"]] == [public.pk]
    assert "slaptas" not in detail.content.decode().lower()

    assert client.get(secret.url).status_code == 302  # to the login, not the file
    assert client.get(public.url).status_code == 200
    client.force_login(user_in(EDITORS, "redaktore"))
    assert client.get(secret.url).status_code == 302  # staff, but not in the committee's group
    client.force_login(member := user_in(EDITORS, "narys"))
    member.groups.add(members)
    download = client.get(secret.url)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF-")
