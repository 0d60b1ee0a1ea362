"""Committees, members, terms and the members' area shell."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from cms.spk import roles
from cms.spk.models import Committee, Member, Membership

from .conftest import LAST_YEAR, TODAY, make_member


def test_member_record_owns_a_login_without_a_usable_password(spk):
    person = Member.objects.create(first_name="Lina", last_name="Nauja", email=" Lina.Nauja@Example.TEST ")
    assert person.email == "lina.nauja@example.test"
    assert person.user.username == "lina.nauja@example.test"
    assert not person.user.has_usable_password()
    person.email = "lina@example.test"
    person.save()
    person.user.refresh_from_db()
    assert person.user.email == "lina@example.test"


def test_history_answers_who_was_a_member_when(spk):
    then = TODAY - datetime.timedelta(days=60)
    on_then = set(spk.c08.memberships.active_on(then).values_list("member__last_name", flat=True))
    now = set(spk.c08.current_memberships().values_list("member__last_name", flat=True))
    assert "Buvęs" in on_then and "Buvęs" not in now
    assert {"Pirmininkaitė", "Narys"} <= now


def test_overlapping_terms_and_second_chair_are_refused(spk):
    again = Membership(committee=spk.c08, member=spk.member, term_start=TODAY)
    with pytest.raises(ValidationError):
        again.full_clean()
    second_chair = Membership(committee=spk.c08, member=spk.other, role=Membership.ROLE_CHAIR, term_start=TODAY)
    with pytest.raises(ValidationError) as refused:
        second_chair.full_clean()
    assert "role" in refused.value.message_dict
    backwards = Membership(committee=spk.c09, member=spk.member, term_start=TODAY, term_end=LAST_YEAR)
    with pytest.raises(ValidationError):
        backwards.full_clean()


def test_chairs_committee_is_drawn_from_chairs(spk):
    not_a_chair = Membership(committee=spk.chairs, member=spk.member, term_start=TODAY)
    with pytest.raises(ValidationError):
        not_a_chair.full_clean()
    assert spk.chairs.current_memberships().filter(member=spk.chair).exists()


def test_only_one_chairs_committee(spk):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Committee.objects.create(kind=Committee.KIND_CHAIRS, name_lt="Antras")


def test_roles_of_each_kind_of_user(spk):
    assert roles.role_names(spk.admin) == ["admin", "staff"]
    assert roles.role_names(spk.staff) == ["staff"]
    assert roles.role_names(spk.coordinator) == ["staff", "coordinator"]
    assert roles.role_names(spk.chair.user) == ["chair", "member"]
    assert roles.role_names(spk.member.user) == ["member"]
    assert roles.role_names(spk.former.user) == []


@pytest.mark.parametrize("who, committee, status", [
    ("member", "c08", 200), ("member", "c09", 403), ("other", "c08", 403), ("former", "c08", 403),
    ("chair", "chairs", 200), ("member", "chairs", 403), ("coordinator", "c08", 200),
    ("coordinator", "c09", 200), ("staff", "c09", 200), ("admin", "chairs", 200),
])
def test_committee_space_access_matrix(spk, who, committee, status):
    target = getattr(spk, committee)
    response = spk.client_for(getattr(spk, who)).get(f"/members/committees/{target.pk}/?lang=en")
    assert response.status_code == status
    if status == 403:
        assert b"another committee" in response.content
        assert b"Narys" not in response.content


def test_anonymous_visitors_are_sent_to_login(spk):
    response = Client().get(f"/members/committees/{spk.c08.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/members/login/")
    assert Client().get("/members/").status_code == 302


def test_member_sees_fellow_members_but_not_history(spk):
    page = spk.client_for(spk.member).get(f"/members/committees/{spk.c08.pk}/?lang=en").content.decode()
    assert "Ona Pirmininkaitė" in page and "jonas.narys@example.test" in page
    assert "Membership history" not in page
    staff_page = spk.client_for(spk.coordinator).get(f"/members/committees/{spk.c08.pk}/?lang=en").content.decode()
    assert "Membership history" in staff_page and "Petras Buvęs" in staff_page


def test_members_area_speaks_the_members_language(spk):
    lithuanian = spk.client_for(spk.member).get("/members/").content.decode()
    assert "Mano komitetai" in lithuanian
    english = spk.client_for(spk.other).get("/members/").content.decode()
    assert "My committees" in english


def test_profile_records_consent_to_be_named(spk):
    client = spk.client_for(spk.member)
    response = client.post("/members/profile/", {
        "organisation": "Nauja org.", "phone": "", "preferred_language": "en", "listed_publicly": "on",
    })
    assert response.status_code == 302
    spk.member.refresh_from_db()
    assert spk.member.listed_publicly and spk.member.listed_publicly_since is not None
    client.post("/members/profile/", {"organisation": "Nauja org.", "preferred_language": "en"})
    spk.member.refresh_from_db()
    assert not spk.member.listed_publicly and spk.member.listed_publicly_since is None


def test_staff_without_member_record_has_no_profile(spk):
    assert spk.client_for(spk.staff).get("/members/profile/").status_code == 404


def test_public_committee_member_list_names_only_consenting_members(spk):
    from types import SimpleNamespace

    from cms.committees.members import committee_members

    listed = committee_members(SimpleNamespace(sector_id=spk.s08.pk))
    assert [row["name"] for row in listed] == ["Ona Pirmininkaitė"]
    assert set(listed[0]) == {"name", "role", "role_label", "organisation"}
    make_member("Vida", "Sutikusi", spk.c08, listed_publicly=True, end=TODAY - datetime.timedelta(days=1))
    assert len(committee_members(SimpleNamespace(sector_id=spk.s08.pk))) == 1  # past terms are not listed


@pytest.mark.parametrize("address", ["not-an-address", "jonė@example.test", "a@b"])
def test_invalid_or_undeliverable_email_is_refused(spk, address):
    person = Member(first_name="X", last_name="Y", email=address)
    with pytest.raises(ValidationError) as refused:
        person.full_clean()
    assert "email" in refused.value.message_dict


def test_staff_keep_member_records_in_the_admin_and_members_cannot(spk):
    staff = spk.client_for(spk.staff)  # the group's rights come from migrate (post_migrate), nothing else
    listing = staff.get("/admin/spk_members/?lang=en")
    assert listing.status_code == 200 and "Narys" in listing.content.decode()
    response = staff.post("/admin/spk_members/new/", {
        "first_name": "Lina", "last_name": "Naujokė", "email": "lina.naujoke@example.test", "phone": "",
        "organisation": "Demo", "preferred_language": "lt",
        "memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-committee": str(spk.c09.pk), "memberships-0-role": "member",
        "memberships-0-delegating_organisation": "Asociacija", "memberships-0-term_start": str(TODAY),
        "memberships-0-term_end": "", "memberships-0-ORDER": "0", "memberships-0-id": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Member.objects.get(email="lina.naujoke@example.test")
    assert created.memberships.get().committee == spk.c09
    assert not created.user.has_usable_password()  # the member sets it through the e-mail link
    bad = staff.post("/admin/spk_members/new/", {
        "first_name": "X", "last_name": "Y", "email": "not-an-address", "preferred_language": "lt",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000",
    })
    assert bad.status_code == 200 and not Member.objects.filter(first_name="X").exists()
    assert spk.client_for(spk.member).get("/admin/spk_members/").status_code in (302, 403)
