"""load_demo_pages: every page type in both languages, real facts, idempotent."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page

from cms.activities.models import ActivityAreaPage
from cms.committees.models import CommitteePage, MeetingPage
from cms.news.models import EventPage, NewsPage
from cms.publications.models import PublicationPage
from cms.site.models import HomePage, InformationPage, SectionPage

pytestmark = pytest.mark.django_db(transaction=True)
PAGE_TYPES = (HomePage, SectionPage, InformationPage, NewsPage, EventPage, ActivityAreaPage,
              CommitteePage, MeetingPage, PublicationPage)


def test_demo_pages_cover_every_type_in_both_languages_and_load_once(client, registry):
    call_command("load_demo_pages", stdout=io.StringIO())

    for model in PAGE_TYPES:
        for language in ("lt", "en"):
            assert model.objects.live().filter(locale__language_code=language).exists(), (model, language)
    for page in Page.objects.filter(depth__gt=1, locale__language_code="lt"):
        assert page.get_translations().filter(locale__language_code="en").exists(), page

    areas = ActivityAreaPage.objects.filter(locale__language_code="lt").order_by("number")
    assert [a.title for a in areas][:2] == [
        "Lietuvos kvalifikacijų sistemos formavimas ir profesinio mokymo turinio kūrimas",
        "Profesinio mokymo kokybės užtikrinimas",
    ]
    assert areas.count() == 6 and len(areas.last().sub_activities) == 4  # Atstovavimas

    meeting = MeetingPage.objects.filter(locale__language_code="lt").first()
    assert meeting.minutes is not None and len(meeting.materials) == 2 and meeting.decisions
    tagged = {tag.sector.code for news in NewsPage.objects.all() for tag in news.sector_tags.all()}
    assert tagged == {"S08", "S09"}

    api = client.get("/api/cms/v2/pages/", {"type": "cms_committees.CommitteePage", "locale": "en",
                                            "fields": "sector,standards"}).json()
    assert {p["sector"]["code"] for p in api["items"]} == {"S08", "S09"}

    before = Page.objects.count()
    out = io.StringIO()
    call_command("load_demo_pages", stdout=out)
    assert Page.objects.count() == before
    assert "Demo pages loaded" in out.getvalue()
