"""Local roles: an SPK's coordinators edit and approve only their committee's pages and
documents; moderators approve everywhere; setup_cms can run any number of times."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    TaskState,
    Workflow,
    WorkflowPage,
)
from wagtail.users.models import UserProfile

from cms.committees.models import CommitteePage, MeetingPage
from cms.site.demo.files import demo_document, pdf_bytes
from cms.site.editorial import setup_cms
from cms.site.editorial.groups import EDITORS, MODERATORS, committee_collection_name, coordinators_group_name
from cms.site.models import SectionPage

from .builders import add, user_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def committees(cms, registry):
    section, _ = add(cms["lt"], SectionPage, "spk", {"title": "SPK"}, {"title": "SPK"})
    pages = {}
    for key in ("s08", "s09"):
        pages[key], pages[f"{key}_en"] = add(
            section, CommitteePage, key, {"title": f"{key} komitetas"}, {"title": f"{key} committee"},
            sector=registry[key],
        )
    pages["meeting"], _ = add(pages["s08"], MeetingPage, "posedis", {"title": "Posėdis"},
                              starts_at=timezone.now() - timedelta(days=7))
    pages["section"] = section
    return pages


@pytest.fixture
def coordinator(client, committees):
    user = user_in(coordinators_group_name("S08"), "koordinatorius")
    client.force_login(user)
    return user


XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
DENIED = "Atsiprašome, jūs neturite leidimo"  # the refusal message; the admin speaks Lithuanian
DENIED_EN = "Sorry, you do not have permission to access this area."


def _refused(client, url, method="get", data=None, denied=DENIED):
    """Another committee's page or file: a browser request and a script (XHR) request both get
    a literal 403, the browser's with the explanation page; never a redirect, never a 500."""
    response = getattr(client, method)(url, data or {})
    scripted = getattr(client, method)(url, data or {}, **XHR)
    return response.status_code == 403 and denied in response.content.decode() and scripted.status_code == 403


def _redirected_by_wagtail(client, url, method="get", data=None):
    """Refusals inside a workflow keep Wagtail's own answer: the dashboard with a message
    (a script request gets 403)."""
    response = getattr(client, method)(url, data or {})
    scripted = getattr(client, method)(url, data or {}, **XHR)
    followed = client.get(response.url) if response.status_code == 302 else None
    return (
        response.status_code == 302
        and response.url == reverse("wagtailadmin_home")
        and DENIED in followed.content.decode()
        and scripted.status_code == 403
    )


def _page_action(name, page):
    return reverse(f"wagtailadmin_pages:{name}", args=[page.pk])


def _edit(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _add_meeting(parent):
    return reverse("wagtailadmin_pages:add", args=("cms_committees", "meetingpage", parent.pk))


def test_setup_is_idempotent(committees):
    models = (Group, GroupPagePermission, GroupCollectionPermission, Workflow, WorkflowPage, Collection)
    before = {m: m.objects.count() for m in models}
    setup_cms()
    setup_cms()
    assert {m: m.objects.count() for m in models} == before
    assert Group.objects.filter(name__in=[coordinators_group_name("S08"), coordinators_group_name("S09")]).count() == 2


def test_coordinator_edits_own_committee_only(client, coordinator, committees):
    assert client.get(_edit(committees["s08"])).status_code == 200
    assert client.get(_edit(committees["s08_en"])).status_code == 200  # the translation too
    assert client.get(_edit(committees["meeting"])).status_code == 200
    assert client.get(_add_meeting(committees["s08"])).status_code == 200

    takeover = {"title": "Perimta", "slug": "perimta", "body-count": "0", "action-publish": "action-publish"}
    for page in (committees["s09"], committees["s09_en"], committees["section"]):
        assert _refused(client, _edit(page))
        assert _refused(client, _edit(page), "post", takeover)
    other = committees["s09"]
    revisions = other.revisions.count()
    for action in ("delete", "unpublish", "copy", "move", "lock"):
        assert _refused(client, _page_action(action, other)), action
        assert _refused(client, _page_action(action, other), "post", {"new_title": "Kopija"}), action
    assert _refused(client, _add_meeting(other))
    assert _refused(client, _add_meeting(other), "post", {"title": "Svetimas posėdis", "slug": "svetimas"})
    assert _refused(client, reverse("wagtailadmin_pages:add_subpage", args=[other.pk]))
    assert _refused(client, reverse("cms_preview_token", args=[other.pk]))

    other.refresh_from_db()
    assert (other.title, other.slug, other.live, other.locked) == ("s09 komitetas", "s09", True, False)
    assert other.revisions.count() == revisions and other.get_children().count() == 0
    assert not CommitteePage.objects.filter(title="s09 komitetas").exclude(pk=other.pk).exclude(
        pk=committees["s09_en"].pk).exists()  # no copy was made


def test_the_refusal_speaks_the_users_admin_language(client, coordinator, committees):
    lithuanian = client.get(_edit(committees["s09"]))
    assert lithuanian.status_code == 403 and '<html lang="lt"' in lithuanian.content.decode()
    UserProfile.objects.update_or_create(user=coordinator, defaults={"preferred_language": "en"})
    english = client.get(_edit(committees["s09"]))
    assert english.status_code == 403 and '<html lang="en"' in english.content.decode()
    assert DENIED_EN in english.content.decode()
    assert english["Cache-Control"] == "private, no-store"


def test_coordinator_manages_own_documents_collection_only(client, coordinator, committees):
    own = Collection.objects.get(name=committee_collection_name("S08"))
    other = Collection.objects.get(name=committee_collection_name("S09"))

    def upload(collection, title):
        return client.post(reverse("wagtaildocs:add"), {
            "title": title, "collection": collection.pk, "tags": "",
            "file": SimpleUploadedFile(f"{title}.pdf", pdf_bytes(["minutes"]), "application/pdf"),
        })

    assert upload(own, "protokolas").status_code == 302
    assert Document.objects.get(title="protokolas").collection == own
    # With one permitted collection Wagtail drops the field: the file lands in the own one.
    upload(other, "svetimas")
    assert not Document.objects.filter(collection=other).exists()

    foreign = demo_document("S09 protokolas", "s09.pdf", ["minutes"], other)
    mine = Document.objects.get(title="protokolas")
    assert client.get(reverse("wagtaildocs:edit", args=[mine.pk])).status_code == 200
    assert _refused(client, reverse("wagtaildocs:edit", args=[foreign.pk]))
    assert _refused(client, reverse("wagtaildocs:edit", args=[foreign.pk]), "post",
                    {"title": "Perimta", "collection": own.pk, "tags": ""})
    assert _refused(client, reverse("wagtaildocs:delete", args=[foreign.pk]))
    assert _refused(client, reverse("wagtaildocs:delete", args=[foreign.pk]), "post")
    foreign.refresh_from_db()
    assert (foreign.title, foreign.collection) == ("S09 protokolas", other)


def test_review_by_the_committees_coordinator_with_a_comment(client, committees):
    editor = user_in(EDITORS, "redaktore")
    meeting = committees["meeting"]
    meeting.title = "Posėdis (pataisyta)"
    revision = meeting.save_revision(user=editor)
    workflow = meeting.get_workflow()
    assert workflow.name == "SPK S08 peržiūra"
    workflow.start(meeting, editor)
    task_state = TaskState.objects.get(revision=revision)

    approve = reverse("wagtailadmin_pages:workflow_action", args=(meeting.pk, "approve", task_state.pk))
    client.force_login(user_in(coordinators_group_name("S09"), "kitas"))
    assert _redirected_by_wagtail(client, approve, "post", {"comment": "Ne mano"})
    client.force_login(user_in(coordinators_group_name("S08"), "koordinatorius"))
    assert client.post(approve, {"comment": "Pritariu"}).status_code == 302

    meeting.refresh_from_db()
    task_state.refresh_from_db()
    assert meeting.live and meeting.title == "Posėdis (pataisyta)"
    assert task_state.status == TaskState.STATUS_APPROVED and task_state.comment == "Pritariu"


def test_moderators_approve_anywhere_editors_cannot_publish(committees):
    moderator = user_in(MODERATORS, "moderatorius")
    editor = user_in(EDITORS, "redaktore2")
    for page in (committees["s08"], committees["s09"], committees["section"]):
        assert page.permissions_for_user(moderator).can_publish()
        assert page.permissions_for_user(editor).can_edit()
        assert not page.permissions_for_user(editor).can_publish()
