"""Mounted at ``api/`` by cms/config/urls.py: ``/api/v1/…``, ``/api/schema/``, ``/api/docs/``."""

from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from . import views
from .schema import SchemaView, SwaggerView

app_name = "api"


class Router(DefaultRouter):
    include_format_suffixes = False  # one spelling per resource: ?format= or Accept


router = Router()
router.register("sectors", views.SectorViewSet, basename="sector")
router.register("levels", views.LevelViewSet, basename="level")
router.register("standards", views.StandardViewSet, basename="standard")
router.register("units", views.UnitViewSet, basename="unit")
router.register("qualifications", views.QualificationViewSet, basename="qualification")
router.register("programmes", views.ProgrammeViewSet, basename="programme")
router.register("modules", views.ModuleViewSet, basename="module")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", SwaggerView.as_view(), name="docs"),
    # Anything else under /api/v1/ is a JSON 404 here, not a page from the site's catch-all
    # (other /api/… prefixes belong to other apps).
    path("v1/", include("cms.search_ui.api_urls")),  # /api/v1/search, …/autocomplete, …/related
    re_path(r"^v1/", views.not_found),
]
