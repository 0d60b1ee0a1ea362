"""URL scheme: Wagtail admin under /admin/, documents, and Wagtail's page serving last.

Pages are served under a language prefix, /lt/… and /en/… (i18n_patterns, as Wagtail's docs
set up multi-locale sites), so a page and its translation have distinct URLs; "/" redirects to
the visitor's language. Every other route stays unprefixed and keeps negotiating its language
from Accept-Language/?lang= (prefix_default_language=False would force Lithuanian on them)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

# The partners' hot paths first: resolving walks this list in order (each "" include is tried
# pattern by pattern), and /sparql and /id/ answer in about a millisecond.
urlpatterns = [
    path("sparql", include("cms.linked_data.urls_sparql")),  # the public SPARQL 1.1 endpoint
    path("", include("cms.linked_data.urls_resources")),  # /id/…, /ontology/, /ns/context/v1.jsonld
    path("", include("cms.health.urls")),  # /healthz, /readyz
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("datasets/", include("cms.linked_data.urls")),
    path("", include("cms.linked_data.urls_ldes")),  # /ldes, /ldes/page/N, /ldes/version/N
    path("api/cms/v2/", include("cms.cms_api.urls")),  # editorial pages API, navigation, preview
    path("api/", include("cms.api.urls")),  # /api/v1/…, /api/schema/, /api/docs/
    path("search/", include("cms.search_ui.urls")),  # the staff search page
    path("members/", include("cms.spk.urls")),  # the SPK members' area (login required)
]

# Images (originals and renditions) are public and served from MEDIA_ROOT; documents never are:
# they go through /documents/, where Wagtail checks collection restrictions (private SPK material).
# A proxy or CDN in front caches the images in production.
def public_image(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)  # read per request (tests move it)


urlpatterns += [re_path(r"^media/(?P<path>(?:original_images|images)/[^/]+)$", public_image)]

urlpatterns += i18n_patterns(path("", include(wagtail_urls)))
