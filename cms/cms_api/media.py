"""Images and documents endpoints that list only files a published page uses: a file
uploaded for a draft (say, minutes not yet approved) is not enumerable through the API."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex


def used_by_live_pages(queryset):
    model = queryset.model
    live_page_ids = Page.objects.live().annotate(key=Cast("pk", CharField())).values("key")
    used = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(model),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=live_page_ids,
    ).values_list("to_object_id", flat=True)
    return queryset.filter(pk__in=[int(pk) for pk in used])


class PublishedImagesAPIViewSet(ImagesAPIViewSet):
    def get_queryset(self):
        return used_by_live_pages(super().get_queryset())


class PublishedDocumentsAPIViewSet(DocumentsAPIViewSet):
    def get_queryset(self):
        return used_by_live_pages(super().get_queryset())
