"""Published pages that reference registry entities are described in the graph."""

from __future__ import annotations

import pytest
from django.conf import settings
from rdflib import URIRef
from rdflib.namespace import DCTERMS

from cms.news.models import NewsPage
from cms.registry.models import EntityVersion
from cms.site.graph_link import SCHEMA, page_graph_name
from cms.site.models import SectionPage

from .builders import add

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_news_page_about_a_qualification_is_in_the_graph_until_unpublished(cms, registry, graph):
    section, _ = add(cms["lt"], SectionPage, "naujienos", {"title": "Naujienos"})
    news, _ = add(section, NewsPage, "naujiena", {
        "title": "Virėjo kvalifikacija atnaujinta",
        "body": [("registry_reference", [("qualification", registry["qualification"])])],
    })
    q_uri = URIRef(f"{settings.LINKED_DATA_BASE}/id/qualification/{registry['qualification'].code}")
    rows = graph.select(f"SELECT ?page ?type WHERE {{ ?page <{DCTERMS.subject}> <{q_uri}> ; a ?type }}")
    assert [(str(r["page"]), r["type"]) for r in rows] == [(news.get_full_url(), SCHEMA.NewsArticle)]
    assert graph.has_graph(page_graph_name(news.pk))
    assert not graph.has_graph(page_graph_name(section.pk))  # references nothing: not described
    assert not EntityVersion.objects.filter(entity_key__startswith="page/").exists()

    NewsPage.objects.get(pk=news.pk).unpublish()
    assert not graph.has_graph(page_graph_name(news.pk))
    assert graph.select(f"SELECT ?page WHERE {{ ?page <{DCTERMS.subject}> <{q_uri}> }}") == []
