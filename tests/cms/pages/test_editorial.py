"""The editorial tools work for our page types through the admin: scheduled publishing and
expiry, revisions compared and reverted, locking, comments."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision
from wagtail.test.utils.form_data import querydict_from_html

from cms.site.editorial.groups import EDITORS
from cms.site.models import SectionPage

from .builders import add, user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(cms):
    page, _ = add(cms["lt"], SectionPage, "apie", {"title": "Apie mus"})
    return page


def _edit_form(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return _with_empty_body(querydict_from_html(response.content.decode(), form_id="page-edit-form"))


def _with_empty_body(data):
    # The StreamField editor is drawn by JavaScript, so the HTML form has no body fields.
    data.setdefault("body-count", "0")
    return data


def _publish(client, page, data):
    data["action-publish"] = "action-publish"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_scheduled_publishing_then_expiry(client, admin_user, page):
    client.force_login(admin_user)
    data = _edit_form(client, page)
    data["title"] = "Apie mus (nuo rytojaus)"
    data["go_live_at"] = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    assert _publish(client, page, data).status_code == 302
    page.refresh_from_db()
    assert page.title == "Apie mus" and page.live  # the change waits for its time
    scheduled = Revision.page_revisions.get(object_id=str(page.pk), approved_go_live_at__isnull=False)

    past = timezone.now() - timedelta(minutes=1)  # the time has come: move the schedule back
    scheduled.approved_go_live_at = past
    scheduled.content["go_live_at"] = past.isoformat()
    scheduled.save()
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.title == "Apie mus (nuo rytojaus)"

    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live and page.expired


def test_revisions_compare_and_revert(client, admin_user, page):
    client.force_login(admin_user)
    first = page.get_latest_revision()
    data = _edit_form(client, page)
    data["title"] = "Apie KPMPC"
    assert _publish(client, page, data).status_code == 302
    page.refresh_from_db()
    second = page.get_latest_revision()

    compare = client.get(reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, second.pk]))
    assert compare.status_code == 200
    html = compare.content.decode()
    assert "deletion" in html and "addition" in html and "KPMPC" in html  # a word-level diff

    revert = client.get(reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first.pk]))
    data = _with_empty_body(querydict_from_html(revert.content.decode(), form_id="page-edit-form"))
    assert data["title"] == "Apie mus"
    assert _publish(client, page, data).status_code == 302
    page.refresh_from_db()
    assert page.title == "Apie mus"


def test_a_locked_page_cannot_be_saved_by_someone_else(client, admin_user, page):
    editor = user_in(EDITORS, "redaktore")
    client.force_login(admin_user)
    data = _edit_form(client, page)
    assert client.post(reverse("wagtailadmin_pages:lock", args=[page.pk])).status_code == 302

    client.force_login(editor)
    data["title"] = "Perrašyta"
    data["action-submit"] = ""
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.locked and page.title == "Apie mus"
    assert not page.revisions.filter(content__title="Perrašyta").exists()


def test_an_editor_comments_on_a_draft(client, admin_user, page):
    client.force_login(admin_user)
    data = _edit_form(client, page)
    data.update({
        "comments-TOTAL_FORMS": "1", "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0", "comments-MAX_NUM_FORMS": "1000",
        "comments-0-text": "Patikslinkite pavadinimą", "comments-0-contentpath": "title",
        "comments-0-position": "",
        "comments-0-replies-TOTAL_FORMS": "0", "comments-0-replies-INITIAL_FORMS": "0",
        "comments-0-replies-MIN_NUM_FORMS": "0", "comments-0-replies-MAX_NUM_FORMS": "1000",
    })
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302
    assert [c.text for c in page.wagtail_admin_comments.all()] == ["Patikslinkite pavadinimą"]
