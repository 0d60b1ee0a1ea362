"""Fixtures for the editorial CMS tests: the page tree (made when a flushed database lacks
it), a throwaway media directory, and small published registries built through the gate."""

from __future__ import annotations

import pytest

from cms.site.editorial import setup_cms
from cms.site.editorial.tree import ensure_site_tree
from tests.cms import factories


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def homes(db):
    return ensure_site_tree()


@pytest.fixture
def cms(homes):
    setup_cms()
    return homes


@pytest.fixture
def registry(graph):
    """Two sectors with a standard; S08 also has a qualification and a draft qualification.
    Needs pytest.mark.django_db(transaction=True): the graph is written after commit."""
    s08 = factories.sector()
    s09 = factories.sector(
        "S09", name_lt="Informacinių ir ryšių technologijų", name_en="ICT", nace_sections="J"
    )
    standard = factories.standard(s08)
    qualification = factories.qualification([s08], standard)
    draft = factories.qualification([s08], standard, code="K4101302", live=False)
    return {"s08": s08, "s09": s09, "standard": standard, "qualification": qualification, "draft": draft}
