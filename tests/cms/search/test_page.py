"""The staff search page /search/: staff only, LT and EN, facets, highlights, cross-sector panel."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser("staff", "staff@example.test", "pw")
    client.force_login(user)
    return user


def test_anonymous_and_non_staff_are_sent_to_the_admin_login(client, register):
    response = client.get("/search/", {"q": "virejas"})
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    client.force_login(get_user_model().objects.create_user("someone", "s@example.test", "pw"))
    assert client.get("/search/").status_code == 302


def test_search_with_facets_and_highlights(client, register, staff):
    page = client.get("/search/", {"q": "virejas", "type": "qualification"}).content.decode()
    assert '<html lang="lt">' in page
    assert "<mark>Virėjas</mark>" in page
    assert re.search(r'name="type" value="qualification" checked>\s*\S.*\(\d+\)', page)
    assert 'name="sector" value="S08"' in page
    assert 'role="combobox"' in page and 'aria-controls="q-suggestions"' in page
    english = client.get("/search/", {"q": "welder", "lang": "en"}).content.decode()
    assert '<html lang="en">' in english and "<mark>Welder</mark>" in english


def test_cross_sector_panel_lists_what_is_shared(client, register, staff):
    page = client.get("/search/", {"q": "santechnikas", "related": "K4073201"}).content.decode()
    panel = page[page.index('id="related"') :]
    assert "Suvirintojas" in panel and "Suvirinimo darbai" in panel and "PSC01-V01" in panel
    missing = client.get("/search/", {"related": "K0000000"}).content.decode()
    assert 'id="related"' in missing and "Suvirintojas" not in missing[missing.index('id="related"') :]


def test_bad_parameters_render_a_400_page_naming_them(client, register, staff):
    response = client.get("/search/", {"page": "0", "sort": "x" * 50, "q": '" * ( AND ~'})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode() and "page" in response.content.decode()
    assert client.get("/search/", {"q": "a" * 10_000}).status_code == 200
