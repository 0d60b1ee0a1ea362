"""Review of a coordinator's reach in the admin (issue 6): the ways to another committee's
pages besides the editor (explorer, move destination, bulk actions, revisions, reports,
choosers, users) refuse or leave it out, never a 500 and never its draft title."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import Collection

from cms.site.demo.files import demo_document
from cms.site.editorial.groups import EDITORS, MODERATORS, committee_collection_name

from . import test_permissions
from .builders import user_in
from .test_permissions import _refused

committees = test_permissions.committees  # the two committees and the S08 coordinator's login
coordinator = test_permissions.coordinator

pytestmark = pytest.mark.django_db(transaction=True)
DRAFT_TITLE = "S09 juodraštis"


@pytest.fixture
def foreign_draft(committees):
    """Another committee's page with a draft in review (its title is not public)."""
    other = committees["s09"]
    other.title = DRAFT_TITLE
    revision = other.save_revision(user=user_in(EDITORS, "redaktore"))
    other.get_workflow().start(other, revision.user)
    return other, revision


def _hidden(client, url):
    response = client.get(url)
    return response.status_code < 500 and DRAFT_TITLE not in response.content.decode()


def test_explorer_move_and_bulk_actions_refuse_another_committee(client, coordinator, committees, foreign_draft):
    other, _revision = foreign_draft
    own, meeting = committees["s08"], committees["meeting"]
    assert _refused(client, reverse("wagtailadmin_explore", args=[other.pk]))
    for explorable in (committees["section"], own, own.get_parent().get_parent()):
        assert client.get(reverse("wagtailadmin_explore", args=[explorable.pk])).status_code == 200
    assert _hidden(client, reverse("wagtailadmin_explore", args=[committees["section"].pk]))

    into_other = reverse("wagtailadmin_pages:move_confirm", args=[meeting.pk, other.pk])
    assert _refused(client, into_other) and _refused(client, into_other, "post")
    meeting.refresh_from_db()
    assert meeting.get_parent().pk == own.pk
    assert client.get(reverse("wagtailadmin_pages:move_confirm", args=[meeting.pk, own.pk])).status_code == 200

    for action in ("delete", "unpublish", "move"):
        url = f"/admin/bulk/wagtailcore/page/{action}/?id={other.pk}&id={meeting.pk}"
        assert _refused(client, url) and _refused(client, url, "post"), action
    other.refresh_from_db()
    assert other.live and other.get_parent().pk == committees["section"].pk
    assert client.get(f"/admin/bulk/wagtailcore/page/unpublish/?id={meeting.pk}").status_code == 200


def test_revisions_reports_and_choosers_keep_another_committees_drafts(client, coordinator, committees, foreign_draft):
    other, revision = foreign_draft
    first = other.revisions.order_by("pk").first()
    for url in (
        reverse("wagtailadmin_pages:revisions_view", args=[other.pk, revision.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[other.pk, first.pk, revision.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[other.pk, "live", revision.pk]),
        reverse("wagtailadmin_pages:history", args=[other.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[other.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[other.pk]),
        "/admin/reports/locked/", "/admin/reports/site-history/", "/admin/reports/aging-pages/",
        "/admin/reports/workflow/", "/admin/reports/workflow_tasks/", "/admin/pages/search/?q=S09",
        "/admin/users/", "/admin/groups/", "/admin/workflows/list/",
    ):
        assert _hidden(client, url), url
    assert _refused(client, reverse("wagtailadmin_pages:revisions_revert", args=[other.pk, first.pk]))
    # The page types report names each type's last edited page: only for site-wide editors.
    assert _refused(client, "/admin/reports/page-types-usage/")
    client.force_login(user_in(MODERATORS, "moderatorius"))
    assert client.get("/admin/reports/page-types-usage/").status_code == 200


def test_choosers_list_only_the_own_collections_files(client, coordinator, committees):
    own = Collection.objects.get(name=committee_collection_name("S08"))
    other = Collection.objects.get(name=committee_collection_name("S09"))
    demo_document("S08 darbotvarkė", "s08.pdf", ["agenda"], own)
    demo_document("S09 darbotvarkė", "s09.pdf", ["agenda"], other)
    listed = client.get(reverse("wagtaildocs_chooser:choose")).json()["html"]
    assert "S08 darbotvarkė" in listed and "S09 darbotvarkė" not in listed
    searched = client.get(reverse("wagtaildocs_chooser:choose_results"), {"q": "darbotvarkė"}).content.decode()
    assert "S08 darbotvark" in searched
    assert "S09 darbotvark" not in searched
    foreign = Document.objects.get(title="S09 darbotvarkė")
    chosen = client.get(reverse("wagtaildocs_chooser:chosen", args=[foreign.pk]))
    assert chosen.status_code < 500
    assert chosen.status_code in (403, 404) or "S09 darbotvark" not in chosen.content.decode(), chosen.content[:300]


@pytest.mark.parametrize(
    "url",
    ["/admin/bulk/wagtailcore/page/publish/?id=%00", "/admin/bulk/wagtaildocs/document/add_tags/?id=1%00",
     "/admin/bulk/wagtailimages/image/add_to_collection/?id=%00", "/admin/pages/usage/cms_site/sectionpage/?locale=%00",
     "/admin/pages/search/?q=a%00b"],
)
def test_a_null_character_in_an_admin_query_is_a_400(client, coordinator, committees, url):
    # Wagtail passes these to PostgreSQL, which refuses NUL in text (a 500 without the check).
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "null character" in response.content.decode()


@pytest.mark.parametrize("query", ["id=", "id=abc", "id=1.5", "id=99999999999999999999", "id=all&childOf=x",
                                   "id=%D9%A1", "id=1&id=-2"])
@pytest.mark.parametrize("action", ["wagtailcore/page/publish", "wagtaildocs/document/add_tags",
                                    "wagtailimages/image/add_to_collection"])
def test_a_bulk_action_on_something_not_an_item_number_is_a_400(client, coordinator, committees, action, query):
    # Wagtail's bulk views call int() on these (a ValueError: a 500 without the check).
    response = client.get(f"/admin/bulk/{action}/?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "?id=<number>" in response.content.decode()
    own = committees["meeting"].pk if action.startswith("wagtailcore") else 1
    assert client.get(f"/admin/bulk/{action}/?id={own}").status_code < 500
