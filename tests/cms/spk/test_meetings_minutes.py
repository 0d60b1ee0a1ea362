"""Minutes: drafted and approved by the coordinator, read by members, the public part published
as a Wagtail meeting page; and the meetings' digest source."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cms.committees.models import CommitteePage, MeetingPage
from cms.registry.models import Sector
from cms.site.editorial.tree import ensure_site_tree
from cms.site.models import SectionPage
from cms.spk.feeds import TOPIC_MEETINGS, items_since
from cms.spk.meetings.digest import meeting_items
from cms.spk.meetings.models import Meeting
from cms.spk.meetings.services import share_material
from tests.cms.pages.builders import add

from .test_meetings import PDF, make_meeting, media_root, url  # noqa: F401  (media_root: autouse fixture)

PUBLIC = "Pritarta atnaujinto virėjo standarto projektui."
PRIVATE = "Konfidencialu: diskusija apie biudžetą ir asmeninės pastabos."
DECISIONS = "Nutarta teikti standartą tvirtinti."


@pytest.fixture
def committee_page(spk):
    """The S08 committee's public page, as editors build it: home → section → committee page."""
    Sector.objects.filter(pk=spk.s08.pk).update(live=True)  # registry pages accept published sectors only
    homes = ensure_site_tree()
    section, _ = add(homes["lt"], SectionPage, "komitetai", {"title": "Komitetai"})
    page, _ = add(section, CommitteePage, "s08", {"title": "Apgyvendinimo SPK"}, sector=spk.s08)
    return page


def write_minutes(spk, meeting):
    return spk.client_for(spk.coordinator).post(url("minutes", meeting.pk), {
        "minutes_public": PUBLIC, "minutes_private": PRIVATE, "decisions": DECISIONS,
    })


def test_only_the_coordinator_approves_and_members_read_approved_minutes(spk):
    meeting = make_meeting(spk, days=-2)
    assert spk.client_for(spk.member).post(url("minutes", meeting.pk), {"minutes_public": "x"}).status_code == 403
    assert write_minutes(spk, meeting).status_code == 302
    member = spk.client_for(spk.member)
    assert PRIVATE not in member.get(url("detail", meeting.pk)).content.decode()  # a draft is not shown

    for user in (spk.member.user, spk.chair.user, spk.staff, spk.other.user):
        assert spk.client_for(user).post(url("minutes_approve", meeting.pk)).status_code == 403
        assert spk.client_for(user).post(url("minutes_publish", meeting.pk)).status_code == 403
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.MINUTES_DRAFT

    assert spk.client_for(spk.coordinator).post(url("minutes_approve", meeting.pk)).status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.MINUTES_APPROVED
    assert meeting.minutes_approved_by == spk.coordinator and meeting.minutes_approved_at
    page = member.get(url("detail", meeting.pk)).content.decode()
    assert PRIVATE in page and PUBLIC in page
    assert "Protokolas" in page  # Lithuanian by default

    write_minutes(spk, meeting)  # unchanged text keeps the approval
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.MINUTES_APPROVED
    spk.client_for(spk.coordinator).post(url("minutes", meeting.pk), {"minutes_public": PUBLIC + " Pataisyta."})
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.MINUTES_DRAFT and meeting.minutes_approved_at is None


def test_minutes_of_a_future_meeting_cannot_be_approved(spk):
    meeting = make_meeting(spk, days=5)
    write_minutes(spk, meeting)
    response = spk.client_for(spk.coordinator).post(url("minutes_approve", meeting.pk) + "?lang=en", follow=True)
    assert "only after the meeting has taken place" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.MINUTES_DRAFT


def test_publishing_without_a_committee_page_is_refused_with_a_message(spk):
    meeting = make_meeting(spk, days=-2)
    write_minutes(spk, meeting)
    coordinator = spk.client_for(spk.coordinator)
    early = coordinator.post(url("minutes_publish", meeting.pk) + "?lang=en", follow=True)
    assert "Only approved minutes can be published." in early.content.decode()
    coordinator.post(url("minutes_approve", meeting.pk))
    response = coordinator.post(url("minutes_publish", meeting.pk) + "?lang=en", follow=True)
    assert response.status_code == 200
    assert "The committee has no published public page" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.MINUTES_APPROVED and meeting.public_page is None
    assert not MeetingPage.objects.exists()


def test_published_meeting_page_carries_only_the_public_part(spk, committee_page, client):
    meeting = make_meeting(spk, days=-2)
    held = {i.member_id: i for i in meeting.invitations.all()}
    coordinator = spk.client_for(spk.coordinator)
    coordinator.post(url("attendance", meeting.pk), {f"attendance_{held[spk.member.pk].pk}": "present",
                                                     f"attendance_{held[spk.chair.pk].pk}": "absent"})
    write_minutes(spk, meeting)
    coordinator.post(url("minutes_approve", meeting.pk))
    assert coordinator.post(url("minutes_publish", meeting.pk)).status_code == 302

    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.MINUTES_PUBLISHED
    page = MeetingPage.objects.get(pk=meeting.public_page_id)
    assert page.live and page.get_parent().pk == committee_page.pk and page.locale.language_code == "lt"

    response = client.get(f"/api/cms/v2/pages/{page.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    data = response.json()
    assert data["title"] == "Eilinis posėdis" and data["place"] == "KPMPC, Vilnius"
    assert PUBLIC in text and DECISIONS in data["decisions"] and "Standartų peržiūra" in data["agenda"]
    assert PRIVATE not in text
    for person in (spk.member, spk.chair, spk.former):
        assert person.last_name not in text and person.email not in text
    assert datetime.datetime.fromisoformat(data["starts_at"]) == meeting.starts_at

    # Publishing again (after corrected minutes) updates the same page.
    coordinator.post(url("minutes", meeting.pk), {"minutes_public": "Patikslinta vieša dalis.",
                                                  "minutes_private": PRIVATE, "decisions": DECISIONS})
    coordinator.post(url("minutes_approve", meeting.pk))
    coordinator.post(url("minutes_publish", meeting.pk))
    assert MeetingPage.objects.count() == 1
    again = client.get(f"/api/cms/v2/pages/{page.pk}/").content.decode()
    assert "Patikslinta vieša dalis." in again and PUBLIC not in again


def test_digest_source_yields_stable_keys_for_the_committee_only(spk):
    before = timezone.now() - datetime.timedelta(seconds=1)
    meeting = make_meeting(spk, days=-1)
    make_meeting(spk, committee=spk.c09, title_lt="Kito komiteto posėdis")
    cancelled = make_meeting(spk, title_lt="Atšauktas")
    Meeting.objects.filter(pk=cancelled.pk).update(status=Meeting.STATUS_CANCELLED)

    items = meeting_items([spk.c08], before)
    assert [item.key for item in items] == [f"meeting:{meeting.pk}:scheduled"]
    item = items[0]
    assert item.topic == TOPIC_MEETINGS and item.committee_id == spk.c08.pk
    assert item.url == url("detail", meeting.pk)
    assert "Eilinis posėdis" in item.title_lt and "Regular meeting" in item.title_en
    assert item.title_lt != item.title_en

    write_minutes(spk, meeting)
    spk.client_for(spk.coordinator).post(url("minutes_approve", meeting.pk))
    keys = [item.key for item in items_since([spk.c08], before) if item.key.startswith("meeting:")]
    assert keys == [f"meeting:{meeting.pk}:scheduled", f"meeting:{meeting.pk}:minutes"]
    assert [item.key for item in meeting_items([spk.c08], before)] == [
        f"meeting:{meeting.pk}:scheduled", f"meeting:{meeting.pk}:minutes"]  # same keys when asked again
    later = timezone.now()
    assert meeting_items([spk.c08], later) == []
    material = share_material(meeting, SimpleUploadedFile("a.pdf", PDF), "Pranešimo skaidrės", spk.coordinator)
    (shared,) = meeting_items([spk.c08], later)
    assert shared.key == f"meeting:{meeting.pk}:materials:{material.pk}" and shared.summary_en == "Pranešimo skaidrės"
    theirs = meeting_items([spk.c09], before)
    assert [item.committee_id for item in theirs] == [spk.c09.pk]  # only the other committee's own meeting
