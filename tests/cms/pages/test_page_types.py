"""Where each page type may go, and that LT/EN versions are linked translations."""

from __future__ import annotations

import pytest

from cms.activities.models import ActivityAreaPage
from cms.committees.models import CommitteePage, MeetingPage
from cms.news.models import EventPage, NewsPage
from cms.publications.models import PublicationPage
from cms.site.models import HomePage, InformationPage, SectionPage

from .builders import add

pytestmark = pytest.mark.django_db


def test_page_tree_rules(cms):
    home = cms["lt"]
    section, _ = add(home, SectionPage, "skyrius", {"title": "Skyrius"})
    assert not HomePage.can_create_at(home)
    for model in (SectionPage, InformationPage):
        assert model.can_create_at(home)
    for model in (NewsPage, EventPage, ActivityAreaPage, CommitteePage, PublicationPage, InformationPage):
        assert model.can_create_at(section), model
    assert not MeetingPage.can_create_at(section)  # meetings belong to a committee
    assert not NewsPage.can_create_at(home)


def test_translations_are_linked(cms):
    lt, en = add(cms["lt"], SectionPage, "skyrius", {"title": "Skyrius"}, {"title": "Section"})
    assert lt.translation_key == en.translation_key
    assert en.locale.language_code == "en" and en.get_parent().pk == cms["en"].pk
    assert lt.get_translation(en.locale).pk == en.pk


def test_pages_are_served_for_previews_and_plain_visits(client, cms):
    lt, en = add(cms["lt"], SectionPage, "skyrius", {"title": "Skyrius", "intro": "<p>Įvadas</p>"},
                 {"title": "Section"})
    # Each language under its own prefix, whatever the browser prefers.
    assert (lt.url, en.url) == ("/lt/skyrius/", "/en/section/")
    response = client.get(lt.url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and "Skyrius" in response.content.decode()
    english = client.get(en.url)
    assert english.status_code == 200 and "Section" in english.content.decode()
    # "/" sends the visitor to the home page in their language, Lithuanian by default.
    assert client.get("/").url == "/lt/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en").url == "/en/"
    assert client.get("/lt/").status_code == 200 and client.get("/en/").status_code == 200
    # An old unprefixed page link finds its page; API and linked-data 404s stay 404s.
    assert client.get("/skyrius/").url == "/lt/skyrius/"
    assert client.get("/api/cms/v2/pages/999999/").status_code == 404
    assert client.get("/api/cms/v2/nope/").status_code == 404
