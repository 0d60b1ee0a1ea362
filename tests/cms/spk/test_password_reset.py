"""A member created by staff has no password yet: they choose one through the reset e-mail,
which arrives at a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from cms.spk.models import Member, Membership

from .conftest import LAST_YEAR
from .smtp import text_and_html

LINK = re.compile(r"https?://[^/\s]+(/members/password-reset/[^/\s]+/[^/\s]+/)")


@pytest.fixture
def newcomer(spk):
    member = Member.objects.create(first_name="Nauja", last_name="Narė", email="Nauja.Nare@Example.test")
    Membership.objects.create(committee=spk.c08, member=member, term_start=LAST_YEAR)
    assert not member.user.has_usable_password()
    return member


def test_a_new_member_sets_a_password_through_the_emailed_link_and_logs_in(newcomer, smtp):
    client = Client()
    asked = client.post("/members/password-reset/", {"email": "nauja.nare@example.test"})
    assert asked.status_code == 302 and asked.url == "/members/password-reset/sent/"

    (message,) = smtp.to("nauja.nare@example.test")
    text, _html = text_and_html(message)
    path = LINK.search(text).group(1)

    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200 and "new_password1" in form_page.content.decode()
    done = client.post(form_page.redirect_chain[-1][0],
                       {"new_password1": "Kaštonas-Žalias-42", "new_password2": "Kaštonas-Žalias-42"})
    assert done.status_code == 302 and done.url == "/members/password-reset/done/"

    fresh = Client()
    login = fresh.post("/members/login/", {"username": "nauja.nare@example.test", "password": "Kaštonas-Žalias-42"})
    assert login.status_code == 302
    assert fresh.get("/members/").status_code == 200
    assert client.get(path, follow=True).context["validlink"] is False  # the link works once


def test_an_unknown_address_gets_the_same_page_and_no_email(newcomer, smtp):
    client = Client()
    unknown = client.post("/members/password-reset/", {"email": "niekas@example.test"})
    known = client.post("/members/password-reset/", {"email": newcomer.email})
    assert unknown.status_code == known.status_code == 302 and unknown.url == known.url
    assert [r.rcpt_tos for r in smtp.received] == [(newcomer.email,)]


def test_an_invalid_address_is_a_form_error(db, smtp):
    response = Client().post("/members/password-reset/?lang=en", {"email": "not-an-address"})
    assert response.status_code == 200 and "Enter a valid email address." in response.content.decode()
    assert smtp.messages == []
