"""/api/cms/v2/: pages, images, documents (Wagtail API v2), navigation and draft preview."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from .media import PublishedDocumentsAPIViewSet, PublishedImagesAPIViewSet
from .navigation import NavigationAPIViewSet
from .pages import CmsPagesAPIViewSet
from .preview import PreviewAPIViewSet

api_router = WagtailAPIRouter("cms_api")
# "pages" first: detail_url links resolve to the first endpoint serving a model.
api_router.register_endpoint("pages", CmsPagesAPIViewSet)
api_router.register_endpoint("images", PublishedImagesAPIViewSet)
api_router.register_endpoint("documents", PublishedDocumentsAPIViewSet)
api_router.register_endpoint("navigation", NavigationAPIViewSet)
api_router.register_endpoint("preview", PreviewAPIViewSet)

urlpatterns = [path("", api_router.urls)]
