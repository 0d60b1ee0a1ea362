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
DENIED = "Atsiprašome, jūs neturite leidimo"  # Wagtail's refusal message; the admin speaks Lithuanian


def _refused(client, url, method="get", data=None):
    """Wagtail's admin answers a refused browser request with a redirect to the dashboard and
    an error message, and a script (XHR) request with 403; never a 500."""
    response = getattr(client, method)(url, data or {})
    scripted = getattr(client, method)(url, data or {}, **XHR)
    followed = client.get(response.url) if response.status_code == 302 else None
    return (
        response.status_code == 302
        and response.url == reverse("wagtailadmin_home")
        and DENIED in followed.content.decode()
        and scripted.status_code == 403
    )


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

    for page in (committees["s09"], committees["s09_en"], committees["section"]):
        assert _refused(client, _edit(page))
        assert _refused(client, _edit(page), "post", {"title": "Perimta"})
    assert _refused(client, _add_meeting(committees["s09"]))
    assert _refused(client, reverse("cms_preview_token", args=[committees["s09"].pk]))
    committees["s09"].refresh_from_db()
    assert committees["s09"].title == "s09 komitetas"


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
    assert _refused(client, reverse("wagtaildocs:edit", args=[foreign.pk]))
    assert _refused(client, reverse("wagtaildocs:delete", args=[foreign.pk]), "post")
    assert Document.objects.filter(pk=foreign.pk).exists()


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
    assert _refused(client, approve, "post", {"comment": "Ne mano"})
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
