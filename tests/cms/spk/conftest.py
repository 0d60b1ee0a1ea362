"""A small SPK world for the platform tests: two sector committees (S08, S09) and the chairs'
committee; one user per role. `spk.client_for(user)` logs a test client in as that user."""

from __future__ import annotations

import datetime
import unicodedata
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from cms.registry.models import Sector
from cms.spk.models import Committee, Member, Membership
from cms.spk.roles import STAFF_GROUP

TODAY = datetime.date.today()
LAST_YEAR = TODAY - datetime.timedelta(days=365)


def make_sector(code: str, name_lt: str, name_en: str) -> Sector:
    return Sector.objects.create(
        code=code, name_lt=name_lt, name_en=name_en, nace_sections="I",
        committee_name_lt=f"{name_lt} sektorinis profesinis komitetas",
        committee_name_en=f"{name_en} sectoral professional committee",
    )


def ascii_email(first: str, last: str) -> str:
    local = unicodedata.normalize("NFKD", f"{first}.{last}").encode("ascii", "ignore").decode()
    return f"{local}@example.test".lower()


def make_member(first: str, last: str, committee: Committee | None = None, role=Membership.ROLE_MEMBER,
                start=LAST_YEAR, end=None, **fields) -> Member:
    member = Member.objects.create(
        first_name=first, last_name=last, email=ascii_email(first, last),
        organisation=fields.pop("organisation", "Pavyzdinė organizacija"), **fields,
    )
    if committee is not None:
        Membership.objects.create(committee=committee, member=member, role=role, term_start=start, term_end=end)
    return member


def make_staff(username: str, *, superuser=False, coordinates=()) -> User:
    user = User.objects.create_user(username, f"{username}@kpmpc.example.test", "pw-for-tests-1",
                                    is_superuser=superuser, is_staff=superuser)
    user.groups.add(Group.objects.get_or_create(name=STAFF_GROUP)[0])
    for committee in coordinates:
        committee.coordinators.add(user)
    return user


@pytest.fixture
def smtp(settings):
    """A real SMTP server (aiosmtpd) on a free loopback port; Django's SMTP backend points at it."""
    from .smtp import smtp_server

    with smtp_server(settings) as server:
        yield server


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Seven accounts per test: the production hasher's deliberate slowness only costs time here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def spk(db):
    s08 = make_sector("S08", "Apgyvendinimo, maitinimo ir turizmo paslaugų", "Accommodation, catering and tourism")
    s09 = make_sector("S09", "Informacinių ir ryšių technologijų", "Information and communication technologies")
    c08 = Committee.objects.create(sector=s08, name_lt=s08.committee_name_lt, name_en=s08.committee_name_en)
    c09 = Committee.objects.create(sector=s09, name_lt=s09.committee_name_lt, name_en=s09.committee_name_en)
    chairs = Committee.objects.create(kind=Committee.KIND_CHAIRS, name_lt="SPK pirmininkų komitetas",
                                      name_en="Committee of SPK chairs")
    chair = make_member("Ona", "Pirmininkaitė", c08, Membership.ROLE_CHAIR, listed_publicly=True)
    Membership.objects.create(committee=chairs, member=chair, role=Membership.ROLE_MEMBER, term_start=LAST_YEAR)
    member = make_member("Jonas", "Narys", c08, phone="+37060000001")
    other = make_member("Rūta", "Kitaitė", c09, preferred_language="en")
    former = make_member("Petras", "Buvęs", c08, end=TODAY - datetime.timedelta(days=30))
    world = SimpleNamespace(
        s08=s08, s09=s09, c08=c08, c09=c09, chairs=chairs,
        chair=chair, member=member, other=other, former=former,
        admin=make_staff("admin-user", superuser=True),
        staff=make_staff("staff-user"),
        coordinator=make_staff("coordinator-user", coordinates=[c08]),
    )
    for person in (chair, member, other, former):
        person.user.set_password("pw-for-tests-1")
        person.user.save()

    def client_for(user_or_member) -> Client:
        user = getattr(user_or_member, "user", None) or user_or_member
        client = Client()
        client.force_login(user)
        return client

    world.client_for = client_for
    return world
