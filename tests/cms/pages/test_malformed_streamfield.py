"""A garbled page-editor POST (a forged form, a broken script, a stale tab) gets the form back
with a message, never a 500, and the page stays as it was."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from cms.site.editorial.groups import MODERATORS
from cms.site.models import SectionPage

from .builders import add, user_in

pytestmark = pytest.mark.django_db

BODY = [("heading", "Apie"), ("paragraph", "<p>Tekstas</p>")]


@pytest.fixture
def page(client, cms):
    client.force_login(user_in(MODERATORS, "moderatorius"))
    page, _ = add(cms["lt"], SectionPage, "apie", {"title": "Apie", "body": BODY})
    return page


def _form(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # The StreamField widget is built by the admin's script: send what it would send.
    data.update({
        "title": "Pakeista", "action-publish": "action-publish", "body-count": "2",
        "body-0-type": "heading", "body-0-value": "Apie", "body-0-deleted": "", "body-0-order": "0",
        "body-0-id": "", "body-1-type": "paragraph", "body-1-value": _contentstate("Tekstas"),
        "body-1-deleted": "", "body-1-order": "1", "body-1-id": "",
    })
    return data


def _contentstate(text: str) -> str:
    return json.dumps({"blocks": [{"key": "a1", "type": "unstyled", "depth": 0, "text": text,
                                   "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}})


def _registry_reference(data, child_type, value):
    data.update({
        "body-count": "1", "body-0-type": "registry_reference", "body-0-deleted": "", "body-0-order": "0",
        "body-0-id": "", "body-0-value-count": "1", "body-0-value-0-type": child_type,
        "body-0-value-0-deleted": "", "body-0-value-0-order": "0", "body-0-value-0-id": "",
        "body-0-value-0-value": value,
    })


# case → (garble the POST, the field whose error the editor sees)
MALFORMED = {
    "unknown block type": (lambda d: d.update({"body-0-type": "virusas"}), "body"),
    "count not a number": (lambda d: d.update({"body-count": "daug"}), "body"),
    "count beyond the blocks sent": (lambda d: d.update({"body-count": "7"}), "body"),
    "order not a number": (lambda d: d.update({"body-0-order": "pirmas"}), "body"),
    "rich text not JSON": (lambda d: d.update({"body-1-value": "{not json"}), "body"),
    "rich text JSON of the wrong shape": (lambda d: d.update({"body-1-value": "[1, 2, 3]"}), "body"),
    "intro not JSON": (lambda d: d.update({"intro": "{not json"}), "intro"),
    "registry entry that does not exist": (lambda d: _registry_reference(d, "qualification", "999999"), "body"),
    "registry entry id not a number": (lambda d: _registry_reference(d, "qualification", "K4101301"), "body"),
    "unknown registry type": (lambda d: _registry_reference(d, "kosmosas", "1"), "body"),
    "nested count not a number": (lambda d: (_registry_reference(d, "qualification", "1"),
                                             d.update({"body-0-value-count": "x"})), "body"),
}
UNREADABLE_EN = "This field could not be read"


@pytest.mark.parametrize(("garble", "field"), MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_body_is_a_form_error_and_the_page_is_unchanged(client, page, garble, field):
    revisions = page.revisions.count()
    data = _form(client, page)
    garble(data)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    assert response.status_code == 200  # the editor again, not a 500 and not a redirect
    assert set(response.context["form"].errors) == {field}  # the message sits on the broken field
    page.refresh_from_db()
    assert page.title == "Apie" and [b.block_type for b in page.body] == ["heading", "paragraph"]
    assert page.revisions.count() == revisions


def test_a_well_formed_post_still_publishes(client, page):
    data = _form(client, page)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Pakeista" and [b.block_type for b in page.body] == ["heading", "paragraph"]


def test_the_message_says_to_reload_and_retry(client, page):
    data = _form(client, page)
    data["body-count"] = "daug"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert any(UNREADABLE_EN in message for message in response.context["form"].errors["body"])
