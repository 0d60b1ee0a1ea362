"""URL scheme: Wagtail admin under /admin/, documents, and Wagtail's page serving last."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("", include("cms.health.urls")),  # /healthz, /readyz
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("datasets/", include("cms.linked_data.urls")),
    path("", include("cms.linked_data.urls_ldes")),  # /ldes, /ldes/page/N, /ldes/version/N
    path("", include("cms.linked_data.urls_resources")),  # /id/…, /ontology/, /ns/context/v1.jsonld
    path("api/cms/v2/", include("cms.cms_api.urls")),  # editorial pages API, navigation, preview
    path("api/", include("cms.api.urls")),  # /api/v1/…, /api/schema/, /api/docs/
    path("sparql", include("cms.linked_data.urls_sparql")),  # the public SPARQL 1.1 endpoint
    path("search/", include("cms.search_ui.urls")),  # the staff search page
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
