"""Draft preview for the front end: a signed, expiring token minted in the admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cms.site.editorial.groups import EDITORS
from cms.site.models import SectionPage

from .builders import add, user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(cms):
    page, _ = add(cms["lt"], SectionPage, "apie", {"title": "Apie mus", "intro": "<p>Vieša</p>"})
    page.title = "Apie mus (juodraštis)"
    page.intro = f'<p>Juodraštis su <a linktype="page" id="{cms["lt"].pk}">nuoroda</a></p>'
    page.save_revision()
    return page


def _mint(client, page):
    response = client.get(reverse("cms_preview_token", args=[page.pk]))
    assert response.status_code == 200, response.content
    return response.json()


def test_editor_mints_a_token_and_the_front_end_sees_the_draft(client, admin_user, page):
    client.force_login(admin_user)
    minted = _mint(client, page)
    client.logout()

    preview = client.get(minted["preview_url"].replace("http://testserver", ""))
    assert preview.status_code == 200
    assert preview["Cache-Control"] == "private, no-store"
    data = preview.json()
    assert data["title"] == "Apie mus (juodraštis)"
    assert "linktype" not in data["intro"] and 'href="/lt/"' in data["intro"]  # the LT home
    assert data["meta"]["preview"]["is_latest"] is True
    assert data["meta"]["preview"]["revision_id"] == minted["revision"]
    assert [c["title"] for c in data["meta"]["breadcrumbs"]][-1] == "Apie mus (juodraštis)"
    # the public API still shows the published version
    assert client.get(f"/api/cms/v2/pages/{page.pk}/").json()["title"] == "Apie mus"


def test_the_page_menu_offers_the_preview_link(client, admin_user, page):
    client.force_login(admin_user)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert reverse("cms_preview_token", args=[page.pk]) in edit.content.decode()


def test_a_later_draft_makes_the_token_stale_not_wrong(client, admin_user, page):
    client.force_login(admin_user)
    minted = _mint(client, page)
    page.title = "Dar naujesnis"
    page.save_revision()
    data = client.get("/api/cms/v2/preview/", {"token": minted["token"]}).json()
    assert data["title"] == "Apie mus (juodraštis)"
    assert data["meta"]["preview"]["is_latest"] is False


def test_bad_tokens_are_refused_with_a_message(client, admin_user, page, settings):
    client.force_login(admin_user)
    token = _mint(client, page)["token"]
    client.logout()

    missing = client.get("/api/cms/v2/preview/")
    assert missing.status_code == 400 and "token" in missing.json()["message"]

    value, timestamp, signature = token.rsplit(":", 2)
    for tampered in (f"{value}x:{timestamp}:{signature}", f"{value}:{timestamp}:{signature[:-2]}", "garbage"):
        response = client.get("/api/cms/v2/preview/", {"token": tampered})
        assert response.status_code == 403 and response.json()["message"]

    page.delete()
    gone = client.get("/api/cms/v2/preview/", {"token": token})
    assert gone.status_code == 404 and gone.json()["message"]

    settings.CMS_PREVIEW_TOKEN_MAX_AGE = -1  # every token is now older than allowed
    expired = client.get("/api/cms/v2/preview/", {"token": token}, HTTP_ACCEPT_LANGUAGE="en")
    assert expired.status_code == 403 and "expired" in expired.json()["message"]
    in_lt = client.get("/api/cms/v2/preview/", {"token": token}, HTTP_ACCEPT_LANGUAGE="lt")
    assert in_lt.json()["message"] != expired.json()["message"]  # Lithuanian by default


def test_only_users_who_may_edit_the_page_can_mint(client, django_user_model, page):
    url = reverse("cms_preview_token", args=[page.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    nobody = django_user_model.objects.create_user("nobody", "n@example.test", "pw")
    client.force_login(nobody)
    assert client.get(url).status_code in (302, 403)  # no admin access at all
    client.force_login(user_in(EDITORS, "redaktore"))
    assert client.get(url).status_code == 200  # editors may edit (and preview) any page
    assert client.get(reverse("cms_preview_token", args=[999999])).status_code == 404
