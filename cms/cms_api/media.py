"""Images and documents endpoints that list only files a published, public page uses: a file
uploaded for a draft (say, minutes not yet approved) or only used on a private page is not
enumerable through the API, and neither is a file of a view-restricted (private SPK)
collection, even when a public page links it: its title and file name stay private."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction, Page, ReferenceIndex

from .filters import SafeQueryParamsMixin, SearchOperatorCheck


def restricted_collection_ids() -> set[int]:
    """Collections under a view restriction, their sub-collections included (restrictions
    are inherited, as Collection.get_view_restrictions reads them)."""
    restricted = Collection.objects.filter(pk__in=CollectionViewRestriction.objects.values("collection"))
    ids: set[int] = set()
    for collection in restricted:
        ids.update(collection.get_descendants(inclusive=True).values_list("pk", flat=True))
    return ids


def used_by_live_pages(queryset):
    model = queryset.model
    public_page_ids = Page.objects.live().public().annotate(key=Cast("pk", CharField())).values("key")
    used = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(model),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=public_page_ids,
    ).values_list("to_object_id", flat=True)
    return queryset.filter(pk__in=[int(pk) for pk in used]).exclude(collection_id__in=restricted_collection_ids())


class PublishedImagesAPIViewSet(SafeQueryParamsMixin, ImagesAPIViewSet):
    filter_backends = [SearchOperatorCheck, *ImagesAPIViewSet.filter_backends]

    def get_queryset(self):
        return used_by_live_pages(super().get_queryset())


class PublishedDocumentsAPIViewSet(SafeQueryParamsMixin, DocumentsAPIViewSet):
    filter_backends = [SearchOperatorCheck, *DocumentsAPIViewSet.filter_backends]

    def get_queryset(self):
        return used_by_live_pages(super().get_queryset())
