"""Meetings in the members' area: scheduling and invitations, who may see what, private
materials, calendar export."""

from __future__ import annotations

import datetime
import re

import icalendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction

from cms.spk.meetings.calendar import meeting_uid
from cms.spk.meetings.models import Meeting, MeetingInvitation
from cms.spk.meetings.services import schedule_meeting, share_material

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def at(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def make_meeting(spk, committee=None, days=14, **fields) -> Meeting:
    meeting = Meeting(committee=committee or spk.c08, title_lt=fields.pop("title_lt", "Eilinis posėdis"),
                      title_en=fields.pop("title_en", "Regular meeting"), starts_at=at(days),
                      ends_at=at(days, 12), place="KPMPC, Vilnius", agenda="1. Standartų peržiūra", **fields)
    return schedule_meeting(meeting, spk.coordinator)


def url(name: str, *args) -> str:
    return reverse(f"spk:meetings:{name}", args=args)


def test_coordinator_schedules_and_current_members_are_invited(spk):
    client = spk.client_for(spk.coordinator)
    form = client.get(url("create", spk.c08.pk), {"lang": "en"})
    assert form.status_code == 200 and "Jonas Narys" in form.content.decode()
    response = client.post(url("create", spk.c08.pk), {
        "title_lt": "Metinis posėdis", "title_en": "Annual meeting", "starts_at": "2031-03-05T10:00",
        "ends_at": "2031-03-05T12:30", "place": "Vilnius", "agenda": "1. Ataskaita",
        "invited": [m.pk for m in (spk.chair, spk.member)],
    })
    meeting = Meeting.objects.get(title_lt="Metinis posėdis")
    assert response.status_code == 302 and response["Location"] == url("detail", meeting.pk)
    assert meeting.created_by == spk.coordinator and meeting.status == Meeting.STATUS_SCHEDULED
    assert timezone.localtime(meeting.starts_at).hour == 10
    invited = set(meeting.invitations.values_list("member__last_name", flat=True))
    assert invited == {"Pirmininkaitė", "Narys"}  # the former member is not offered nor invited

    by_default = make_meeting(spk)
    assert set(by_default.invitations.values_list("member", flat=True)) == {spk.chair.pk, spk.member.pk}
    listing = spk.client_for(spk.member).get(url("list"))
    assert "Metinis posėdis" in listing.content.decode()
    dashboard = spk.client_for(spk.member).get(reverse("spk:dashboard"))
    assert "Metinis posėdis" in dashboard.content.decode()


def test_meeting_that_ends_before_it_starts_is_a_form_error(spk):
    client = spk.client_for(spk.coordinator)
    response = client.post(url("create", spk.c08.pk) + "?lang=en", {
        "title_lt": "Posėdis", "starts_at": "2031-03-05T12:00", "ends_at": "2031-03-05T10:00", "place": "Vilnius",
    })
    assert response.status_code == 200
    assert "The meeting must end after it starts." in response.content.decode()
    bad_date = client.post(url("create", spk.c08.pk) + "?lang=en", {
        "title_lt": "Posėdis", "starts_at": "kitą savaitę", "ends_at": "2031-03-05T10:00", "place": "Vilnius",
    })
    assert bad_date.status_code == 200 and "Enter a valid date/time." in bad_date.content.decode()
    assert not Meeting.objects.exists()


def test_members_and_other_committees_cannot_schedule(spk):
    for user in (spk.member.user, spk.other.user, spk.staff):
        response = spk.client_for(user).post(url("create", spk.c08.pk), {"title_lt": "X"})
        assert response.status_code == 403
    meeting = make_meeting(spk)
    assert spk.client_for(spk.chair).get(url("edit", meeting.pk)).status_code == 403
    assert spk.client_for(spk.coordinator).get(url("create", spk.c09.pk)).status_code == 403
    assert spk.client_for(spk.admin).get(url("edit", meeting.pk)).status_code == 200  # admins manage all
    staff = spk.client_for(spk.staff)
    assert staff.get(url("detail", meeting.pk)).status_code == 200  # KPMPC staff read every committee
    assert staff.post(url("edit", meeting.pk), {"title_lt": "X"}).status_code == 403


def test_coordinator_edits_invitations_and_cancels(spk):
    meeting = make_meeting(spk)
    MeetingInvitation.objects.filter(meeting=meeting, member=spk.member).update(response="accepted")
    client = spk.client_for(spk.coordinator)
    form = client.get(url("edit", meeting.pk))
    assert form.status_code == 200 and "Eilinis posėdis" in form.content.decode()
    response = client.post(url("edit", meeting.pk), {
        "title_lt": "Eilinis posėdis", "starts_at": "2031-03-05T10:00", "ends_at": "2031-03-05T12:00",
        "place": "", "online_url": "https://meet.example.test/spk08", "status": "cancelled",
        "invited": [spk.member.pk],
    })
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.STATUS_CANCELLED and meeting.online_url.endswith("/spk08")
    assert list(meeting.invitations.values_list("member", "response")) == [(spk.member.pk, "accepted")]
    ics = icalendar.Calendar.from_ical(spk.client_for(spk.member).get(url("ics", meeting.pk)).content)
    assert str(ics.walk("VEVENT")[0]["status"]) == "CANCELLED"
    late = spk.client_for(spk.member).post(url("respond", meeting.pk), {"response": "declined"})
    assert late.status_code == 302
    assert meeting.invitations.get().response == "accepted"  # a cancelled meeting takes no answers


def test_other_committee_gets_403_and_anonymous_goes_to_login(spk):
    meeting = make_meeting(spk)
    material = share_material(meeting, SimpleUploadedFile("darbotvarke.pdf", PDF), "Darbotvarkė", spk.coordinator)
    private = [url("detail", meeting.pk), url("material", meeting.pk, material.pk), url("ics", meeting.pk)]
    other = spk.client_for(spk.other)
    former = spk.client_for(spk.former)
    for address in private:
        assert other.get(address).status_code == 403
        assert former.get(address).status_code == 403
        anonymous = Client().get(address)
        assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("spk:login"))
    refused = other.get(url("detail", meeting.pk))
    assert "Eilinis posėdis" not in refused.content.decode()
    assert "Eilinis posėdis" not in other.get(url("list")).content.decode()
    assert other.get(url("detail", meeting.pk + 1000)).status_code == 404
    assert spk.client_for(spk.member).get(url("material", meeting.pk, material.pk + 1000)).status_code == 404
    assert Client().get(url("calendar")).status_code == 302


def test_material_is_private_to_wagtail_serving_and_downloadable_by_members(spk):
    meeting = make_meeting(spk)
    coordinator = spk.client_for(spk.coordinator)
    response = coordinator.post(url("material_upload", meeting.pk), {
        "title": "Standarto projektas", "file": SimpleUploadedFile("projektas.pdf", PDF, "application/pdf"),
    })
    assert response.status_code == 302
    material = meeting.materials.get()
    document = material.document
    assert document.collection.name == "SPK S08 — nariams"
    restriction = CollectionViewRestriction.objects.get(collection=document.collection)
    assert list(restriction.groups.values_list("name", flat=True)) == ["KPMPC darbuotojai"]

    wagtail_url = document.url
    assert wagtail_url.startswith("/documents/")
    for client in (Client(), spk.client_for(spk.member)):
        served = client.get(wagtail_url)
        assert served.status_code in (302, 403)
        assert not b"".join(getattr(served, "streaming_content", [served.content])).startswith(b"%PDF")

    detail = spk.client_for(spk.member).get(url("detail", meeting.pk))
    assert "Standarto projektas" in detail.content.decode()  # shared before the meeting
    download = spk.client_for(spk.member).get(url("material", meeting.pk, material.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]


def test_bad_uploads_get_clear_messages(spk, settings):
    meeting = make_meeting(spk)
    coordinator = spk.client_for(spk.coordinator)
    exe = coordinator.post(url("material_upload", meeting.pk) + "?lang=en",
                           {"file": SimpleUploadedFile("setup.exe", b"MZ\x90\x00")})
    assert exe.status_code == 400
    text = exe.content.decode()
    assert "Files of type “.exe” cannot be shared." in text and ".pdf" in text
    renamed = coordinator.post(url("material_upload", meeting.pk) + "?lang=en",
                               {"file": SimpleUploadedFile("setup.pdf", b"MZ\x90\x00")})
    assert renamed.status_code == 400 and "is not PDF" in renamed.content.decode()
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10
    big = coordinator.post(url("material_upload", meeting.pk) + "?lang=en",
                           {"file": SimpleUploadedFile("big.pdf", PDF)})
    assert big.status_code == 400 and "The file is too large" in big.content.decode()
    member = spk.client_for(spk.member).post(url("material_upload", meeting.pk),
                                             {"file": SimpleUploadedFile("a.pdf", PDF)})
    assert member.status_code == 403
    assert not meeting.materials.exists() and not get_document_model().objects.exists()


def test_member_answers_invitation_until_the_meeting_is_over(spk):
    meeting = make_meeting(spk)
    member = spk.client_for(spk.member)
    assert member.post(url("respond", meeting.pk), {"response": "accepted"}).status_code == 302
    invitation = MeetingInvitation.objects.get(meeting=meeting, member=spk.member)
    assert invitation.response == "accepted" and invitation.responded_at
    assert member.post(url("respond", meeting.pk), {"response": "maybe"}).status_code == 400
    assert spk.client_for(spk.coordinator).post(url("respond", meeting.pk), {"response": "accepted"}).status_code == 404
    past = make_meeting(spk, days=-3)
    late = member.post(url("respond", past.pk) + "?lang=en", {"response": "declined"}, follow=True)
    assert "can no longer be changed" in late.content.decode()
    assert MeetingInvitation.objects.get(meeting=past, member=spk.member).response == "none"


def test_coordinator_records_attendance_after_the_meeting_starts(spk):
    upcoming = make_meeting(spk)
    coordinator = spk.client_for(spk.coordinator)
    invitation = upcoming.invitations.get(member=spk.member)
    early = coordinator.post(url("attendance", upcoming.pk) + "?lang=en",
                             {f"attendance_{invitation.pk}": "present"}, follow=True)
    assert "only once the meeting has started" in early.content.decode()
    held = make_meeting(spk, days=-1)
    rows = {i.member_id: i for i in held.invitations.all()}
    data = {f"attendance_{rows[spk.member.pk].pk}": "present", f"attendance_{rows[spk.chair.pk].pk}": "excused"}
    assert spk.client_for(spk.member).post(url("attendance", held.pk), data).status_code == 403
    assert coordinator.post(url("attendance", held.pk), data).status_code == 302
    held.refresh_from_db()
    assert held.status == Meeting.STATUS_HELD
    assert dict(held.invitations.values_list("member_id", "attendance")) == {
        spk.member.pk: "present", spk.chair.pk: "excused"}
    bad = coordinator.post(url("attendance", held.pk), {f"attendance_{rows[spk.member.pk].pk}": "asleep"})
    assert bad.status_code == 400


def test_ics_parses_back_with_the_right_time_and_language(spk):
    meeting = make_meeting(spk)
    member = spk.client_for(spk.member)
    response = member.get(url("ics", meeting.pk))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == meeting.starts_at
    assert event["dtstart"].params["TZID"] == "Europe/Vilnius"
    assert event.decoded("dtend") == meeting.ends_at
    assert str(event["summary"]).startswith("Eilinis posėdis")
    assert str(event["location"]) == "KPMPC, Vilnius"
    assert str(event["url"]).endswith(url("detail", meeting.pk))
    english = icalendar.Calendar.from_ical(member.get(url("ics", meeting.pk), {"lang": "en"}).content)
    (english_event,) = english.walk("VEVENT")
    assert str(english_event["summary"]).startswith("Regular meeting")
    assert english_event["uid"] == event["uid"]  # stable: re-import updates, never duplicates


def test_personal_feed_has_only_my_committees(spk):
    mine = make_meeting(spk)
    theirs = make_meeting(spk, committee=spk.c09, title_lt="Kito komiteto posėdis")
    feed = icalendar.Calendar.from_ical(spk.client_for(spk.member).get(url("calendar")).content)
    uids = {str(event["uid"]) for event in feed.walk("VEVENT")}
    assert uids == {meeting_uid(mine)}
    staff_feed = icalendar.Calendar.from_ical(spk.client_for(spk.staff).get(url("calendar")).content)
    assert {str(event["uid"]) for event in staff_feed.walk("VEVENT")} == {meeting_uid(mine), meeting_uid(theirs)}


def test_secret_feed_address_works_without_login_and_follows_the_membership(spk):
    from django.test import Client

    mine = make_meeting(spk)
    make_meeting(spk, committee=spk.c09, title_lt="Kito komiteto posėdis")
    listing = spk.client_for(spk.member).get(url("list")).content.decode()
    address = re.search(r'value="(http[^"]+/calendar/[^"]+\.ics)"', listing).group(1)
    path = address.split("testserver", 1)[1]
    feed = icalendar.Calendar.from_ical(Client().get(path).content)
    assert {str(event["uid"]) for event in feed.walk("VEVENT")} == {meeting_uid(mine)}
    assert Client().get(path.replace(".ics", "x.ics")).status_code == 404  # tampered token
    assert Client().get(f"/members/meetings/calendar/{spk.other.user.pk}-{path.rsplit('-', 1)[1]}").status_code == 404
    spk.member.memberships.update(term_end=timezone.localdate() - datetime.timedelta(days=1))
    emptied = icalendar.Calendar.from_ical(Client().get(path).content)
    assert list(emptied.walk("VEVENT")) == []
    spk.member.user.set_password("a-new-password-9")
    spk.member.user.save()
    assert Client().get(path).status_code == 404  # a new password retires a leaked address


def test_a_new_member_is_invited_to_upcoming_meetings_only(spk):
    from cms.spk.models import Membership

    from .conftest import make_member

    upcoming = make_meeting(spk)
    past = make_meeting(spk, days=-3)
    newcomer = make_member("Nauja", "Narė", spk.c08, start=timezone.localdate())
    assert upcoming.invitations.filter(member=newcomer).exists()
    assert not past.invitations.filter(member=newcomer).exists()
    Membership.objects.create(committee=spk.c09, member=newcomer, term_start=timezone.localdate())
    assert newcomer.meeting_invitations.count() == 1  # S09 has nothing upcoming
