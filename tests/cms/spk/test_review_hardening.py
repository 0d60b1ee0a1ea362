"""Regression tests from the adversarial review of the SPK platform: each test pins one hole
that was found (a 500 on crafted input, a formula in the CSV export) or one access rule a
crafted id must not get round."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.registry.models import OccupationalStandard
from cms.spk.assessors.exports import cell
from cms.spk.consultations import services as consultations
from cms.spk.consultations.models import Consultation, Evaluation, SectionRemark
from cms.spk.digests.models import Subscription
from cms.spk.digests.subscriptions import member_subscriptions
from cms.spk.initiatives.models import PriorityVote
from cms.spk.meetings.models import Meeting

from .test_privacy_surfaces import members_routes
from .test_roles_matrix import client_for, world  # noqa: F401  (world is a fixture)

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def management(total: int, initial: int) -> dict:
    return {"form-TOTAL_FORMS": str(total), "form-INITIAL_FORMS": str(initial),
            "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000"}


# --- subscriptions formset ---------------------------------------------------------------

def test_extra_forms_in_the_subscriptions_post_create_nothing_and_do_not_fail(spk):
    """Was a 500 (IntegrityError): raising TOTAL_FORMS made the formset create a row with no
    member and no committee."""
    own = member_subscriptions(spk.member).get()
    before = Subscription.objects.count()
    response = spk.client_for(spk.member).post(reverse("spk:digests:subscriptions"), {
        **management(2, 1), "form-0-id": own.pk, "form-0-active": "on", "form-0-frequency": "daily",
        "form-1-id": "", "form-1-active": "on", "form-1-frequency": "daily"})
    assert response.status_code == 302
    assert Subscription.objects.count() == before
    own.refresh_from_db()
    assert own.frequency == "daily"


def test_another_members_subscription_id_cannot_be_edited(spk):
    theirs = member_subscriptions(spk.other).get()
    before = (theirs.active, theirs.frequency, theirs.news)
    assert before == (True, Subscription.DAILY, True)
    response = spk.client_for(spk.member).post(reverse("spk:digests:subscriptions"), {
        **management(1, 1), "form-0-id": theirs.pk, "form-0-frequency": Subscription.WEEKLY})
    assert response.status_code < 500  # Django's formset ignores a row outside the member's own queryset
    theirs.refresh_from_db()
    assert (theirs.active, theirs.frequency, theirs.news) == before


# --- dates out of range ------------------------------------------------------------------

@pytest.mark.parametrize("starts, ends", [("0001-01-01T00:00", "0001-01-01T05:00"),
                                          ("9999-12-31T20:00", "9999-12-31T23:59")])
def test_a_meeting_in_year_1_or_9999_is_a_form_error_not_a_500(spk, starts, ends):
    """Was a 500 (OverflowError): Vilnius time of year 1 has no UTC equivalent."""
    response = spk.client_for(spk.coordinator).post(
        reverse("spk:meetings:create", args=[spk.c08.pk]),
        {"title_lt": "Posėdis", "starts_at": starts, "ends_at": ends, "place": "Vilnius"}, **ENGLISH)
    assert response.status_code == 200
    assert "Enter a date between the years 2000 and 2100." in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.fixture
def draft(spk):
    return OccupationalStandard.objects.create(code="PSI91", name_lt="Projektas", sector=spk.s08, live=False)


@pytest.mark.parametrize("deadline", ["0001-01-01T00:00", "9999-12-31T23:59"])
def test_a_consultation_deadline_out_of_range_is_a_form_error(spk, draft, deadline):
    response = spk.client_for(spk.coordinator).post(
        reverse("spk:consultations:open", args=[spk.c08.pk]),
        {"draft": f"standard:{draft.pk}", "deadline": deadline}, **ENGLISH)
    assert response.status_code == 400
    assert "Enter a date between the years 2000 and 2100." in response.content.decode()
    assert not Consultation.objects.exists()


@pytest.mark.parametrize("value", ["standard:²", "standard:١", "standard:99999999999999999999", "programme:-1"])
def test_a_non_ascii_or_huge_draft_id_is_a_form_error(spk, draft, value):
    """'²'.isdigit() is True in Python: the id reached the query and failed there (a 500)."""
    response = spk.client_for(spk.coordinator).post(
        reverse("spk:consultations:open", args=[spk.c08.pk]), {"draft": value, "deadline": "2030-01-01T10:00"},
        **ENGLISH)
    assert response.status_code == 400
    assert "Choose a draft standard or programme from the list." in response.content.decode()


def test_a_deadline_typed_as_23_59_is_23_59_vilnius_time(spk, draft):
    year = timezone.localdate().year + 1
    spk.client_for(spk.coordinator).post(reverse("spk:consultations:open", args=[spk.c08.pk]),
                                         {"draft": f"standard:{draft.pk}", "deadline": f"{year}-07-15T23:59"})
    consultation = Consultation.objects.get()
    assert consultation.deadline == datetime.datetime(year, 7, 15, 20, 59, tzinfo=datetime.UTC)  # summer: UTC+3
    page = spk.client_for(spk.member).get(reverse("spk:consultations:detail", args=[consultation.pk]))
    assert "23:59" in page.content.decode()


# --- IDOR: ids of another committee's objects -------------------------------------------

def test_remarks_on_another_consultations_sections_are_dropped(spk, draft):
    deadline = timezone.now() + datetime.timedelta(days=7)
    ours = consultations.open_consultation(spk.c08, draft, title="Mūsų", deadline=deadline, user=spk.coordinator)
    other_draft = OccupationalStandard.objects.create(code="PSI92", name_lt="Kitas", sector=spk.s09, live=False)
    theirs = consultations.open_consultation(spk.c09, other_draft, title="Jų", deadline=deadline, user=spk.admin)
    foreign = theirs.sections.first()
    response = spk.client_for(spk.member).post(reverse("spk:consultations:evaluate", args=[ours.pk]), {
        "verdict": "approve", f"remark_{foreign.pk}": "Įsiterpiu"})
    assert response.status_code == 302
    assert Evaluation.objects.filter(consultation=ours).count() == 1
    assert not SectionRemark.objects.filter(section=foreign).exists()


def test_ranking_a_standard_of_another_sector_is_ignored(spk):
    ours = OccupationalStandard.objects.create(code="PSI81", name_lt="Mūsų", sector=spk.s08, live=True)
    theirs = OccupationalStandard.objects.create(code="PSI82", name_lt="Jų", sector=spk.s09, live=True)
    response = spk.client_for(spk.member).post(
        reverse("spk:initiatives:ranking", args=[spk.c08.pk]), {f"rank_{ours.pk}": "1", f"rank_{theirs.pk}": "1"})
    assert response.status_code == 302
    assert list(PriorityVote.objects.values_list("standard_id", flat=True)) == [ours.pk]


def test_a_material_id_of_another_meeting_is_a_404(world):  # noqa: F811
    from cms.spk.meetings.services import schedule_meeting

    now = timezone.now()
    second = schedule_meeting(Meeting(committee=world.c08, title_lt="Antras", place="Kaunas",
                                      starts_at=now + datetime.timedelta(days=3),
                                      ends_at=now + datetime.timedelta(days=3, hours=2)), world.coordinator)
    url = reverse("spk:meetings:material", args=[second.pk, world.material.pk])
    assert client_for(world, "member08").get(url).status_code == 404
    # … and under another committee's meeting it is refused before the id is even looked at.
    assert client_for(world, "member09").get(
        reverse("spk:meetings:material", args=[world.meeting.pk, world.material.pk])).status_code == 403


# --- CSV export ----------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://x\")", " =1+1", "\u00a0@SUM(A1)", "\n=1", "-2", "+370 600"])
def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(value):
    assert cell(value).startswith("'")


@pytest.mark.parametrize("value", ["Vilnius", "K4101301", "", "2026-01-01", "a=b"])
def test_ordinary_csv_cells_are_left_alone(value):
    assert cell(value) == value


# --- the no-500 sweep with the inputs the first sweep did not send ------------------------

EXTREME_QUERY = {"page": "99999999999999999999", "committee": "²", "level": "١", "sector": "-1",
                 "available_on": "0001-01-01", "lang": "xx", "kind": "\x00", "qualification": "x" * 5000}
EXTREME_FORM = {
    "starts_at": "0001-01-01T00:00", "ends_at": "9999-12-31T23:59", "deadline": "0001-01-01T00:00",
    "draft": "standard:²", "title_lt": "x" * 100_000, "title": "x" * 100_000, "place": "\x00",
    "description": "x" * 100_000, "body": "\x00", "comment": "\x00", "verdict": "approve", "note": "x" * 10_000,
    "available_from": "0001-01-01", "available_until": "9999-12-31", "qualification_codes": "²,=1,\x00",
    "levels": ["١"], "languages": ["\x00"], "region": "x" * 300, "invited": ["²", "-1"], "status": "held",
    **management(7, 0), "form-0-id": "²", "rank_1": "²", "attendance_1": "present",
}


@pytest.mark.parametrize("role", ["member08", "coordinator08"])
def test_no_members_url_answers_a_500_to_extreme_input(world, role):  # noqa: F811
    pks = {"meetings": world.meeting.pk, "consultations": world.consultation.pk, "initiatives": world.initiative.pk,
           "assessors": world.other_entry.pk, "spk": world.c08.pk}
    client = client_for(world, role)
    for name, arguments in members_routes():
        if name == "spk:logout":
            continue
        app = name.split(":")[-2]
        kwargs = {argument: (pks.get(app, 1) if argument == "pk" else world.c08.pk if argument == "committee_pk"
                             else world.material.pk if argument == "material_pk" else "zz")
                  for argument in arguments}
        url = reverse(name, kwargs=kwargs)
        for response in (client.get(url, EXTREME_QUERY), client.post(url, EXTREME_FORM)):
            assert response.status_code < 500, (role, response.request["REQUEST_METHOD"], url)
