"""The pages endpoint: Wagtail's v2 pages API plus path, translations and breadcrumbs in
`meta`, a ?sector= filter, and StreamField blocks expanded by the blocks themselves."""

from __future__ import annotations

from wagtail.api.v2.views import PagesAPIViewSet

from .filters import SafeQueryParamsMixin, SearchOperatorCheck, SectorFilter
from .serializers import CmsPageSerializer


class CmsPagesAPIViewSet(SafeQueryParamsMixin, PagesAPIViewSet):
    base_serializer_class = CmsPageSerializer
    # SectorFilter first: Wagtail's SearchFilter must stay last.
    filter_backends = [SectorFilter, SearchOperatorCheck, *PagesAPIViewSet.filter_backends]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["sector"])
    meta_fields = [*PagesAPIViewSet.meta_fields, "path", "translations", "breadcrumbs"]
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "path"]
    detail_only_fields = [*PagesAPIViewSet.detail_only_fields, "translations", "breadcrumbs"]
