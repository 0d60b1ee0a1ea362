"""Which registry entities a page points at, and which pages point at an entity.

The first feeds the graph link (issue 6 point 7); the second lets the registry refuse to
unpublish or delete an entity that pages still use (link integrity)."""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.contenttypes.models import ContentType
from modelcluster.models import get_all_child_relations
from wagtail.fields import StreamField
from wagtail.models import Page, ReferenceIndex

from cms.registry.models import RegistryEntity

from .registry_refs import type_slug


def _targets(obj) -> Iterator[tuple[type, object]]:
    """(model, pk) of everything `obj` points at: StreamField choosers, foreign keys, and the
    foreign keys of its inline (child) rows such as sector tags."""
    for field in obj._meta.get_fields():
        if isinstance(field, StreamField):
            for model, pk, _model_path, _content_path in field.extract_references(field.value_from_object(obj)):
                yield model, pk
        elif field.many_to_one and field.concrete and field.related_model is not None:
            pk = getattr(obj, field.attname)
            if pk is not None:
                yield field.related_model, pk
    for relation in get_all_child_relations(type(obj)):
        for child in getattr(obj, relation.get_accessor_name()).all():
            yield from _targets(child)


def page_registry_references(page: Page) -> list[tuple[str, str]]:
    """[(type_slug, code)] of the published entities the page's current content references,
    deduplicated in order of appearance. Call it with the live page (or a revision object)."""
    page = page.specific if isinstance(page, Page) and type(page) is Page else page
    wanted: dict[tuple[type, str], None] = {}
    for model, pk in _targets(page):
        if issubclass(model, RegistryEntity):
            wanted.setdefault((model, str(pk)), None)
    found: list[tuple[str, str]] = []
    for model, pk in wanted:
        entity = model.objects.filter(pk=pk, live=True).first()
        if entity is not None and (type_slug(entity), entity.code) not in found:
            found.append((type_slug(entity), entity.code))
    return found


def pages_referencing(obj, *, include_drafts: bool = False) -> list[Page]:
    """Pages that reference `obj` (a registry entity, document, image or page), from Wagtail's
    reference index. Live pages only by default (what the public sees); with include_drafts
    also unpublished pages and pages whose newest draft references it."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = {
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    }
    pages = Page.objects.filter(pk__in=ids)
    if not include_drafts:
        pages = pages.live()
    found = {page.pk: page for page in pages.specific()}
    if include_drafts:
        target = (type(obj)._meta.concrete_model, str(obj.pk))
        for page in Page.objects.filter(has_unpublished_changes=True).exclude(pk__in=found):
            draft = page.get_latest_revision_as_object()
            if any((model._meta.concrete_model, str(pk)) == target for model, pk in _targets(draft)):
                found[page.pk] = draft
    return sorted(found.values(), key=lambda p: (p.title, p.pk))
