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
    response = client.get(lt.url)
    assert response.status_code == 200 and "Skyrius" in response.content.decode()
    # Without i18n URL prefixes Wagtail picks the tree by the request's language.
    english = client.get(en.url, HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 200 and "Section" in english.content.decode()
    assert client.get("/").status_code == 200
