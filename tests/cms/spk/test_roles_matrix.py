"""Issue 7 point 8: who may see and do what, as one table of roles × actions → HTTP status.

Derived from cms/spk/roles.py: KPMPC staff (coordinators and admins included) read every
committee; only the committee's coordinator (or an admin) manages it; members see their
current committees only; members (not staff) evaluate, propose and keep an assessor entry;
staff search the bank; the chairs' committee and staff see initiatives across sectors.
Each write that is refused must also leave nothing behind; each allowed write must happen."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cms.registry.models import OccupationalStandard, Qualification
from cms.spk.assessors.models import AssessorEntry
from cms.spk.consultations import services as consultations
from cms.spk.consultations.models import Consultation, Evaluation
from cms.spk.initiatives.models import Initiative
from cms.spk.meetings.models import Meeting
from cms.spk.meetings.services import schedule_meeting, share_material
from cms.spk.models import Membership

from .conftest import LAST_YEAR, make_member, make_staff
from .test_privacy_surfaces import members_routes

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LOGIN = "login"  # a 302 to the members' login page

ROLES = ("anonymous", "member08", "member09", "former", "chair08", "chairs_member", "coordinator08",
         "coordinator09", "staff", "admin")
#                              anon   m08  m09  former chair08 chairs k08  k09  staff admin
MATRIX = {
    "view_committee_space":      (LOGIN, 200, 403, 403, 200, 403, 200, 200, 200, 200),
    "view_meeting_and_material": (LOGIN, 200, 403, 403, 200, 403, 200, 200, 200, 200),
    "schedule_meeting":          (LOGIN, 403, 403, 403, 403, 403, 302, 403, 403, 302),
    "approve_minutes":           (LOGIN, 403, 403, 403, 403, 403, 302, 403, 403, 302),
    "open_consultation":         (LOGIN, 403, 403, 403, 403, 403, 302, 403, 403, 302),
    "evaluate_consultation":     (LOGIN, 302, 403, 403, 302, 403, 403, 403, 403, 403),
    "view_consultation_summary": (LOGIN, 403, 403, 403, 403, 403, 200, 200, 200, 200),
    "propose_initiative":        (LOGIN, 302, 403, 403, 302, 403, 403, 403, 403, 403),
    "change_initiative_status":  (LOGIN, 403, 403, 403, 403, 403, 302, 403, 403, 302),
    "view_cross_sector":         (LOGIN, 403, 403, 403, 200, 200, 200, 200, 200, 200),
    "search_assessor_bank":      (LOGIN, 403, 403, 403, 403, 403, 200, 200, 200, 200),
    "edit_own_assessor_entry":   (LOGIN, 302, 302, 403, 302, 302, 403, 403, 403, 403),
    "view_other_assessor_entry": (LOGIN, 403, 403, 403, 403, 403, 200, 200, 200, 200),
}
CASES = [(role, action, row[i]) for action, row in MATRIX.items() for i, role in enumerate(ROLES)]


@pytest.fixture
def world(spk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    now = timezone.now()
    spk.chairs_member = make_member("Vida", "Komitetė", spk.c09, Membership.ROLE_CHAIR)  # S09's chair …
    Membership.objects.create(committee=spk.chairs, member=spk.chairs_member, term_start=LAST_YEAR)  # … on chairs'
    spk.coordinator09 = make_staff("coordinator-s09", coordinates=[spk.c09])
    spk.meeting = schedule_meeting(Meeting(
        committee=spk.c08, title_lt="Praėjęs posėdis", place="Vilnius", minutes_private="Juodraštis",
        starts_at=now - datetime.timedelta(days=2), ends_at=now - datetime.timedelta(days=2, hours=-2)),
        spk.coordinator)
    spk.material = share_material(spk.meeting, SimpleUploadedFile("m.pdf", PDF), "Medžiaga", spk.coordinator)
    spk.drafts = [OccupationalStandard.objects.create(code=f"PSI9{n}", name_lt=f"Projektas {n}", sector=spk.s08,
                                                      live=False) for n in (1, 2)]
    spk.consultation = consultations.open_consultation(spk.c08, spk.drafts[0], title="Konsultacija",
                                                       deadline=now + datetime.timedelta(days=7), user=spk.coordinator)
    spk.initiative = Initiative.objects.create(committee=spk.c08, kind=Initiative.KIND_NEW_QUALIFICATION,
                                               title="Nauja kvalifikacija", description="Reikia", proposed_by=spk.member)
    spk.qualification = Qualification.objects.create(code="K4101399", name_lt="Virėjas", name_en="Cook",
                                                     ltks_level=4, isced_f="1013", live=True)
    assessor = make_member("Aldona", "Vertintoja", spk.c08)
    spk.other_entry = AssessorEntry.objects.create(member=assessor, region="kaunas", consent_given_at=now)
    return spk


def client_for(spk, role: str) -> Client:
    people = {"member08": spk.member, "member09": spk.other, "former": spk.former, "chair08": spk.chair,
              "chairs_member": spk.chairs_member, "coordinator08": spk.coordinator,
              "coordinator09": spk.coordinator09, "staff": spk.staff, "admin": spk.admin}
    return Client() if role == "anonymous" else spk.client_for(people[role])


# Each action: (response, whether it changed something — None for reads).
def view_committee_space(spk, client):
    return client.get(reverse("spk:committee", args=[spk.c08.pk])), None


def view_meeting_and_material(spk, client):
    page = client.get(reverse("spk:meetings:detail", args=[spk.meeting.pk]))
    download = client.get(reverse("spk:meetings:material", args=[spk.meeting.pk, spk.material.pk]))
    assert download.status_code == page.status_code
    if download.status_code == 200:
        assert b"".join(download.streaming_content) == PDF
    return page, None


def schedule_meeting_(spk, client):
    response = client.post(reverse("spk:meetings:create", args=[spk.c08.pk]), {
        "title_lt": "Naujas posėdis", "starts_at": "2031-03-05T10:00", "ends_at": "2031-03-05T12:00",
        "place": "Vilnius", "invited": [spk.member.pk]})
    return response, Meeting.objects.filter(title_lt="Naujas posėdis").exists()


def approve_minutes(spk, client):
    response = client.post(reverse("spk:meetings:minutes_approve", args=[spk.meeting.pk]))
    spk.meeting.refresh_from_db()
    return response, spk.meeting.minutes_status == Meeting.MINUTES_APPROVED


def open_consultation(spk, client):
    deadline = (timezone.localtime() + datetime.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("spk:consultations:open", args=[spk.c08.pk]),
                           {"draft": f"standard:{spk.drafts[1].pk}", "deadline": deadline})
    return response, Consultation.objects.filter(standard=spk.drafts[1]).exists()


def evaluate_consultation(spk, client):
    response = client.post(reverse("spk:consultations:evaluate", args=[spk.consultation.pk]), {"verdict": "approve"})
    return response, Evaluation.objects.exists()


def view_consultation_summary(spk, client):
    return client.get(reverse("spk:consultations:summary", args=[spk.consultation.pk])), None


def propose_initiative(spk, client):
    response = client.post(reverse("spk:initiatives:propose", args=[spk.c08.pk]), {
        "kind": Initiative.KIND_NEW_QUALIFICATION, "title": "Kita iniciatyva", "description": "Aprašas"})
    return response, Initiative.objects.filter(title="Kita iniciatyva").exists()


def change_initiative_status(spk, client):
    response = client.post(reverse("spk:initiatives:change_status", args=[spk.initiative.pk]),
                           {"status": Initiative.STATUS_UNDER_REVIEW, "note": "Svarstome"})
    spk.initiative.refresh_from_db()
    return response, spk.initiative.status == Initiative.STATUS_UNDER_REVIEW


def view_cross_sector(spk, client):
    return client.get(reverse("spk:initiatives:cross_sector")), None


def search_assessor_bank(spk, client):
    return client.get(reverse("spk:assessors:bank"), {"region": "kaunas"}), None


def edit_own_assessor_entry(spk, client):
    before = AssessorEntry.objects.count()
    response = client.post(reverse("spk:assessors:me"), {
        "region": "vilnius", "qualification_codes": spk.qualification.code, "levels": ["4"], "languages": ["lt"],
        "consent": "on"})
    return response, AssessorEntry.objects.count() == before + 1


def view_other_assessor_entry(spk, client):
    return client.get(reverse("spk:assessors:detail", args=[spk.other_entry.pk])), None


ACTIONS = {name.rstrip("_"): function for name, function in globals().items()
           if callable(function) and name.rstrip("_") in MATRIX}


def test_the_matrix_names_every_action():
    assert set(ACTIONS) == set(MATRIX)


@pytest.mark.parametrize(("role", "action", "expected"), CASES, ids=[f"{r}-{a}" for r, a, _e in CASES])
def test_role_may_or_may_not(world, role, action, expected):
    response, changed = ACTIONS[action](world, client_for(world, role))
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith(reverse("spk:login"))
    else:
        assert response.status_code == expected, response.content.decode()[:1500]
        if expected == 302:
            assert not response["Location"].startswith(reverse("spk:login"))
    if changed is not None:
        assert changed == (expected == 302), f"{role} {action}: changed={changed}"


JUNK_QUERY = {"page": "abc", "level": "99", "available_on": "yesterday", "q": "x" * 500, "status": "zzz"}
JUNK_FORM = {"status": "zzz", "verdict": "maybe", "deadline": "soon", "draft": "standard:abc", "starts_at": "x",
             "levels": ["99"], "file": "not-a-file", "response": "zz", "conclusion": "zz", "kind": "zz", "rank": "-1"}


@pytest.mark.parametrize("role", ["member08", "former", "coordinator08", "admin"])
def test_no_members_url_answers_a_500_to_any_role_whatever_the_input(world, role):
    """Issue 7 point 10: bad ids and junk input end in a form error, 403 or 404, never a 500."""
    real = {"pk": None, "committee_pk": world.c08.pk, "material_pk": world.material.pk}
    pks = {"meetings": world.meeting.pk, "consultations": world.consultation.pk, "initiatives": world.initiative.pk,
           "assessors": world.other_entry.pk, "spk": world.c08.pk}
    client = client_for(world, role)
    for name, arguments in members_routes():
        if name == "spk:logout":
            continue  # would end this client's session for the routes after it
        app = name.split(":")[-2]
        for variant in ("real", "unknown"):
            kwargs = {}
            for argument, converter in arguments.items():
                if type(converter).__name__ != "IntConverter":
                    kwargs[argument] = "zz"
                else:
                    kwargs[argument] = 999999 if variant == "unknown" else (real[argument] or pks.get(app, 1))
            url = reverse(name, kwargs=kwargs)
            for response in (client.get(url, JUNK_QUERY), client.post(url, JUNK_FORM)):
                assert response.status_code < 500, (role, response.request["REQUEST_METHOD"], url)
