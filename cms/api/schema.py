"""The OpenAPI 3 schema (drf-spectacular) and its Swagger UI, served without a CDN (sidecar).

The settings live here, not in settings.py, and are passed to the views and to
``manage.py spectacular --custom-settings cms.api.schema.SCHEMA_SETTINGS``, so the served schema
and the validated one are the same.
"""

from __future__ import annotations

from django.utils import translation
from drf_spectacular.settings import patched_settings
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

API_PREFIX = "/api/v1/"

DESCRIPTION = """\
Read-only access to the **published** Lithuanian qualifications register kept by KPMPC, the
Lithuanian EQF National Coordination Point: qualifications, occupational standards,
qualification units, modular VET programmes, modules, sectors and the LTKS levels with their
EQF mapping. Drafts are never shown; a published entity with unsaved or unpublished changes is
shown as published.

* **Identifiers**: resources are looked up by code (`/api/v1/qualifications/K4101301/`). Every
  entity carries `uri`, its stable linked-data URI (`https://data.kpmpc.lt/id/{type}/{code}`),
  and `url`, its place in this API.
* **Languages**: `name` (and other localised fields) follow `?lang=lt|en`, else
  `Accept-Language`, else Lithuanian; `names` always holds both (null when missing). An
  unsupported `lang` is a 400; an unsupported Accept-Language falls back to Lithuanian.
* **JSON-LD**: `?format=jsonld` or `Accept: application/ld+json` returns the linked-data
  description (the published triples, as `/id/…` serves them) compacted with the published
  context `/ns/context/v1.jsonld`; list pages add a Hydra collection with `hydra:totalItems`.
* **Filters**: invalid values are a 400 naming the parameter; unknown parameters are ignored.
  `isced` accepts a broad (2-digit) or narrow (3-digit) ISCED-F field and matches the detailed
  fields under it. `updated_since` is an ISO 8601 date or date-time (UTC when no offset), compared
  with the publish time; it does not report withdrawals of publication (see the change feed).
* **Paging**: `page` and `page_size` (default 20, at most 100); `count` is the total, `next`
  and `previous` are also given in the `Link` header.
* Open to every origin (CORS `*`); GET, HEAD and OPTIONS only.
"""


def only_public_api(endpoints, **kwargs):
    """Document the public API only (not the admin's or other internal DRF views)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PREFIX)]


SCHEMA_SETTINGS = {
    "TITLE": "KPMPC qualifications register API",
    "DESCRIPTION": DESCRIPTION,
    "VERSION": "1.0.0",
    "PREPROCESSING_HOOKS": ["cms.api.schema.only_public_api"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}


class SchemaView(SpectacularAPIView):
    custom_settings = SCHEMA_SETTINGS

    def get(self, request, *args, **kwargs):
        # English unless ?lang= asks otherwise: the schema is read by partners across the EU.
        with translation.override("en"):
            return super().get(request, *args, **kwargs)


class SwaggerView(SpectacularSwaggerView):
    title = SCHEMA_SETTINGS["TITLE"]
    url_name = "api:schema"

    def get(self, request, *args, **kwargs):
        # The page's asset URLs are computed here, from the sidecar setting.
        with patched_settings(SCHEMA_SETTINGS):
            return super().get(request, *args, **kwargs)
