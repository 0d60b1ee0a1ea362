"""Done-when of issue 7: a coordinator runs a committee's year end to end through the members'
area (meeting, materials, answers, attendance, minutes, a consultation on a draft standard and
its conclusion) and the members hear about it by one digest e-mail each, over real SMTP.

Everything goes through HTTP as people would do it; the only shortcuts are the registry
editors' draft standard and the editors' committee page (both made as those apps' tests do)
and one moved deadline standing in for a week passing."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cms.committees.models import CommitteePage, MeetingPage
from cms.registry.models import OccupationalStandard, Sector
from cms.site.editorial.tree import ensure_site_tree
from cms.site.models import SectionPage
from cms.spk.consultations.models import Consultation, Evaluation
from cms.spk.digests import tasks
from cms.spk.meetings.models import Meeting
from tests.cms.pages.builders import add

from .conftest import make_member, make_staff
from .smtp import text_and_html

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PUBLIC = "Komitetas pritarė metų veiklos ataskaitai."
PRIVATE = "Konfidencialu: diskusija apie narių asmenines aplinkybes."
DECISIONS = "Nutarta teikti virėjo standarto projektą konsultacijai."
DRAFT_NAME = "Virėjo profesinio standarto projektas"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def year(spk):
    """The SPK world plus what the year needs: a third S08 member (who will be late), an S09
    coordinator, the S08 public committee page and a draft standard in S08."""
    Sector.objects.filter(pk=spk.s08.pk).update(live=True)  # committee pages accept published sectors only
    section, _ = add(ensure_site_tree()["lt"], SectionPage, "komitetai", {"title": "Komitetai"})
    spk.page, _ = add(section, CommitteePage, "s08", {"title": "Apgyvendinimo SPK"}, sector=spk.s08)
    spk.late = make_member("Laura", "Vėlyvoji", spk.c08)
    spk.coordinator09 = make_staff("coordinator-s09", coordinates=[spk.c09])
    spk.draft = OccupationalStandard.objects.create(
        code="PSI07", name_lt=DRAFT_NAME, name_en="Cook occupational standard (draft)", sector=spk.s08, live=False)
    return spk


def local(delta: datetime.timedelta) -> str:
    return (timezone.localtime() + delta).strftime("%Y-%m-%dT%H:%M")


def schedule(client: Client, committee, title_lt: str, title_en: str, invited) -> Meeting:
    """A meeting that began an hour ago and lasts two more: answers and attendance both apply."""
    response = client.post(reverse("spk:meetings:create", args=[committee.pk]), {
        "title_lt": title_lt, "title_en": title_en, "place": "KPMPC, Vilnius", "agenda": "1. Metų ataskaita",
        "starts_at": local(-datetime.timedelta(hours=1)), "ends_at": local(datetime.timedelta(hours=2)),
        "invited": [member.pk for member in invited],
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = Meeting.objects.get(title_lt=title_lt)
    assert response["Location"] == reverse("spk:meetings:detail", args=[meeting.pk])
    return meeting


def meeting_url(name: str, meeting: Meeting, *args) -> str:
    return reverse(f"spk:meetings:{name}", args=[meeting.pk, *args])


def run_meeting(spk) -> Meeting:
    coordinator = spk.client_for(spk.coordinator)
    assert coordinator.get(reverse("spk:committee", args=[spk.c08.pk])).status_code == 200
    form = coordinator.get(reverse("spk:meetings:create", args=[spk.c08.pk])).content.decode()
    assert "Skelbiama viešame posėdžio puslapyje" in form  # she knows the agenda becomes public
    meeting = schedule(coordinator, spk.c08, "Metinis posėdis", "Annual meeting", [spk.chair, spk.member, spk.late])

    shared = coordinator.post(meeting_url("material_upload", meeting),
                              {"file": SimpleUploadedFile("ataskaita.pdf", PDF), "title": "Metų ataskaitos projektas"})
    assert shared.status_code == 302
    material = meeting.materials.get()

    member = spk.client_for(spk.member)
    page = member.get(meeting_url("detail", meeting)).content.decode()
    assert "Metinis posėdis" in page and "Metų ataskaitos projektas" in page
    download = member.get(meeting_url("material", meeting, material.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert member.post(meeting_url("respond", meeting), {"response": "accepted"}).status_code == 302
    assert spk.client_for(spk.chair).post(meeting_url("respond", meeting), {"response": "declined"}).status_code == 302
    answers = {i.member_id: i.response for i in meeting.invitations.all()}
    assert answers == {spk.member.pk: "accepted", spk.chair.pk: "declined", spk.late.pk: "none"}

    invitation = {i.member_id: i.pk for i in meeting.invitations.all()}
    attendance = coordinator.post(meeting_url("attendance", meeting), {
        f"attendance_{invitation[spk.member.pk]}": "present", f"attendance_{invitation[spk.chair.pk]}": "excused",
        f"attendance_{invitation[spk.late.pk]}": "absent"})
    assert attendance.status_code == 302
    assert {i.member_id: i.attendance for i in meeting.invitations.all()} == {
        spk.member.pk: "present", spk.chair.pk: "excused", spk.late.pk: "absent"}

    minutes = {"minutes_public": PUBLIC, "minutes_private": PRIVATE, "decisions": DECISIONS}
    assert coordinator.post(meeting_url("minutes", meeting), minutes).status_code == 302
    assert PRIVATE not in member.get(meeting_url("detail", meeting)).content.decode()  # a draft stays with her
    assert coordinator.post(meeting_url("minutes_approve", meeting)).status_code == 302
    assert PRIVATE in member.get(meeting_url("detail", meeting)).content.decode()
    assert coordinator.post(meeting_url("minutes_publish", meeting)).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.STATUS_HELD and meeting.minutes_status == Meeting.MINUTES_PUBLISHED
    return meeting


def check_public_meeting_page(spk, meeting: Meeting) -> None:
    anonymous = Client()
    listing = anonymous.get("/api/cms/v2/pages/", {"type": "cms_committees.MeetingPage", "fields": "*",
                                                   "child_of": spk.page.pk})
    assert listing.status_code == 200
    (item,) = listing.json()["items"]
    assert item["id"] == meeting.public_page_id
    text = listing.content.decode()
    assert PUBLIC in text and DECISIONS in text and item["place"] == "KPMPC, Vilnius"
    assert PRIVATE not in text and "Metų ataskaitos projektas" not in text
    for person in (spk.member, spk.chair, spk.late):
        assert person.email not in text and person.last_name not in text
    html = anonymous.get(MeetingPage.objects.get(pk=meeting.public_page_id).url, follow=True)
    assert html.status_code == 200 and PUBLIC in html.content.decode() and PRIVATE not in html.content.decode()


def evaluation_url(consultation) -> str:
    return reverse("spk:consultations:evaluate", args=[consultation.pk])


def run_consultation(spk) -> Consultation:
    coordinator = spk.client_for(spk.coordinator)
    opened = coordinator.post(reverse("spk:consultations:open", args=[spk.c08.pk]), {
        "draft": f"standard:{spk.draft.pk}", "title": "Virėjo standarto konsultacija",
        "deadline": local(datetime.timedelta(days=14))})
    assert opened.status_code == 302
    consultation = Consultation.objects.get()
    assert consultation.standard == spk.draft and consultation.is_open

    assert spk.client_for(spk.member).post(evaluation_url(consultation), {
        "verdict": "approve_with_remarks", "comment": "Papildyti desertų gaminimu."}).status_code == 302
    assert spk.client_for(spk.chair).post(evaluation_url(consultation), {"verdict": "approve"}).status_code == 302

    # Two weeks pass: the deadline is behind us when the third member finally answers.
    Consultation.objects.filter(pk=consultation.pk).update(deadline=timezone.now() - datetime.timedelta(minutes=1))
    late = spk.client_for(spk.late).post(evaluation_url(consultation), {"verdict": "reject", "comment": "Per vėlu."},
                                         follow=True)
    assert late.status_code == 200 and "praėjo: vertinimai nebepriimami" in late.content.decode()  # her language
    assert set(Evaluation.objects.values_list("member", flat=True)) == {spk.member.pk, spk.chair.pk}

    summary = coordinator.get(reverse("spk:consultations:summary", args=[consultation.pk]), **EN)
    assert summary.status_code == 200 and "Papildyti desertų gaminimu." in summary.content.decode()
    counts = {value: count for value, _label, count in summary.context["summary"].counts}
    assert counts == {"approve": 1, "approve_with_remarks": 1, "reject": 0}
    closed = coordinator.post(reverse("spk:consultations:close", args=[consultation.pk]), {
        "conclusion": "approve_with_remarks", "conclusion_text": "Pritarti, papildžius desertų gaminimu."})
    assert closed.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == Consultation.STATUS_CLOSED and consultation.conclusion == "approve_with_remarks"
    return consultation


def only_message(smtp, person):
    messages = smtp.to(person.email)
    assert len(messages) == 1, f"{person.email} received {len(messages)} digests"
    return messages[0], text_and_html(messages[0])


def test_a_committee_year_end_to_end_with_one_digest_per_member(year, smtp):
    spk = year
    meeting = run_meeting(spk)
    check_public_meeting_page(spk, meeting)
    consultation = run_consultation(spk)
    other_meeting = schedule(spk.client_for(spk.coordinator09), spk.c09, "IRT posėdis", "ICT meeting", [spk.other])

    first = tasks.send_digests.apply().get()
    assert first["failed"] == 0 and first["sent"] == 4  # chair, member, late (S08) and other (S09)
    assert smtp.to(spk.former.email) == []

    s08_links = [meeting_url("detail", meeting), reverse("spk:consultations:detail", args=[consultation.pk])]
    for person in (spk.chair, spk.member, spk.late):
        message, (text, html) = only_message(smtp, person)
        assert message["Content-Language"] == "lt" and "naujien" in message["Subject"]
        for expected in ("Paskirtas posėdis: Metinis posėdis", "Patvirtintas posėdžio protokolas: Metinis posėdis",
                         "Metų ataskaitos projektas", "Atverta konsultacija: Virėjo standarto konsultacija",
                         "Konsultacija baigta: Virėjo standarto konsultacija", *s08_links):
            assert expected in text and expected in html, (person.email, expected)
        assert "IRT posėdis" not in text and meeting_url("detail", other_meeting) not in text

    message, (text, html) = only_message(smtp, spk.other)
    assert message["Content-Language"] == "en" and message["Subject"] == "KPMPC SPK: 1 news item"
    assert "Meeting scheduled: ICT meeting" in text and meeting_url("detail", other_meeting) in html
    for s08_text in ("Annual meeting", "Metinis posėdis", "Virėjo standarto konsultacija", *s08_links):
        assert s08_text not in text and s08_text not in html

    smtp.clear()
    second = tasks.send_digests.apply().get()
    assert second == {"sent": 0, "items": 0, "failed": 0} and smtp.messages == []
