"""Published pages that reference registry entities are described in the graph, so partners
can find news and meetings about a qualification (`?page dcterms:subject <qualification>`).

Through the outbox like registry entities: a page event is keyed "page/<id>"; applying it
writes the page's current live state into `{BASE}/graph/page/<id>` (or drops it when the page
is unpublished, deleted, private or references nothing)."""

from __future__ import annotations

from django.db.models.signals import post_delete
from django.dispatch import receiver
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from cms.registry.graph_store import graph_store, linked_data_base
from cms.registry.models.outbox import OutboxEvent
from cms.registry.outbox import record_event
from cms.registry.services import SyncResult
from graph.uris import entity_uri

from .references import page_registry_references

SCHEMA = Namespace("https://schema.org/")
PAGE_TYPES = {"newspage": SCHEMA.NewsArticle, "eventpage": SCHEMA.Event}


def page_graph_name(page_id: str | int) -> URIRef:
    return URIRef(f"{linked_data_base()}/graph/page/{page_id}")


def page_description(page: Page) -> tuple[URIRef, Graph] | None:
    """The page as `schema:WebPage` (or NewsArticle/Event) `dcterms:subject` each entity."""
    references = page_registry_references(page)
    url = page.get_full_url()
    if not references or not url:
        return None
    g, uri, base = Graph(), URIRef(url), linked_data_base()
    g.add((uri, RDF.type, PAGE_TYPES.get(page._meta.model_name, SCHEMA.WebPage)))
    lang = page.locale.language_code[:2]
    g.add((uri, DCTERMS.title, Literal(page.title, lang=lang)))
    g.add((uri, DCTERMS.language, Literal(lang)))
    if page.last_published_at:
        g.add((uri, DCTERMS.modified, Literal(page.last_published_at.replace(microsecond=0))))
    for slug, code in references:
        target = entity_uri(base, slug, code)
        g.add((uri, DCTERMS.subject, target))
        g.add((uri, SCHEMA.about, target))
    return uri, g


def sync_page(code: str) -> SyncResult:
    page = Page.objects.live().public().filter(pk=code).specific().first()
    described = page_description(page) if page is not None else None
    name = page_graph_name(code)
    if described is None:
        if not graph_store().has_graph(name):
            return SyncResult("unchanged", str(name), None)  # a page about nothing: no graph
        graph_store().drop_graph(name)
        return SyncResult("removed", str(name), None)
    uri, graph = described
    graph_store().replace_graph(name, graph)
    return SyncResult("replaced", str(uri), graph)


def _record(page: Page, action: str) -> None:
    record_event(page, action, type_slug="page", code=str(page.pk))


@receiver(page_published)
def page_published_to_graph(sender, instance, **kwargs) -> None:
    _record(instance, OutboxEvent.PUBLISH)


@receiver(page_unpublished)
def page_unpublished_from_graph(sender, instance, **kwargs) -> None:
    _record(instance, OutboxEvent.UNPUBLISH)


@receiver(post_delete)
def page_deleted_from_graph(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) and type(instance) is not Page and instance.first_published_at:
        _record(instance, OutboxEvent.DELETE)
