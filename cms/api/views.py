"""The resources: published (``live=True``) registry rows only, looked up by code.

A live row holds the published version: Wagtail saves later drafts of a live snippet as
revisions only, so draft edits never show here (tests/cms/test_api.py checks this through
the admin). Related rows are filtered to live ones as well, whatever the publish gate ensures.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _

from cms.registry.models import (
    Competence,
    Module,
    OccupationalStandard,
    ProgrammeModule,
    Qualification,
    QualificationUnit,
    Sector,
    VetProgramme,
)

from . import filters, serializers
from .base import ApiViewSet
from .levels import all_levels, level


def live(model):
    return model.objects.filter(live=True)


class SectorViewSet(ApiViewSet):
    type_slug = "sector"
    queryset = live(Sector)
    serializer_class = serializers.SectorSerializer
    detail_serializer_class = serializers.SectorDetailSerializer
    filterset_class = filters.SectorFilterSet


class StandardViewSet(ApiViewSet):
    type_slug = "standard"
    serializer_class = serializers.StandardSerializer
    detail_serializer_class = serializers.StandardDetailSerializer
    filterset_class = filters.StandardFilterSet

    def get_queryset(self):
        queryset = live(OccupationalStandard).select_related("sector")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch("units", queryset=live(QualificationUnit), to_attr="live_units"),
                Prefetch("qualifications", queryset=live(Qualification), to_attr="live_qualifications"),
            )
        return queryset


class UnitViewSet(ApiViewSet):
    type_slug = "unit"
    serializer_class = serializers.UnitSerializer
    detail_serializer_class = serializers.UnitDetailSerializer
    filterset_class = filters.UnitFilterSet

    def get_queryset(self):
        queryset = live(QualificationUnit).select_related("standard")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                "competences",
                Prefetch("qualifications", queryset=live(Qualification), to_attr="live_qualifications"),
            )
        return queryset


class QualificationViewSet(ApiViewSet):
    type_slug = "qualification"
    serializer_class = serializers.QualificationSerializer
    detail_serializer_class = serializers.QualificationDetailSerializer
    filterset_class = filters.QualificationFilterSet

    def get_queryset(self):
        queryset = live(Qualification).prefetch_related(
            Prefetch("sectors", queryset=live(Sector), to_attr="live_sectors")
        )
        if self.action == "retrieve":
            queryset = queryset.select_related("standard").prefetch_related(
                Prefetch(
                    "units",
                    queryset=live(QualificationUnit).prefetch_related("competences"),
                    to_attr="live_units",
                ),
                "outcomes",
                Prefetch("programmes", queryset=live(VetProgramme), to_attr="live_programmes"),
            )
        return queryset


class ModuleViewSet(ApiViewSet):
    type_slug = "module"
    serializer_class = serializers.ModuleSerializer
    detail_serializer_class = serializers.ModuleDetailSerializer
    filterset_class = filters.ModuleFilterSet

    def get_queryset(self):
        queryset = live(Module)
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch(
                    "competences", queryset=Competence.objects.filter(unit__live=True).select_related("unit")
                ),
                "outcomes",
            )
        return queryset

    def get_object(self):
        module = super().get_object()
        module.live_programmes = list(live(VetProgramme).filter(module_links__module=module).distinct())
        return module


class ProgrammeViewSet(ApiViewSet):
    type_slug = "programme"
    serializer_class = serializers.ProgrammeSerializer
    detail_serializer_class = serializers.ProgrammeDetailSerializer
    filterset_class = filters.ProgrammeFilterSet

    def get_queryset(self):
        queryset = live(VetProgramme).select_related("qualification")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch(
                    "module_links",
                    queryset=ProgrammeModule.objects.filter(module__live=True).select_related("module"),
                )
            )
        return queryset


class LevelViewSet(ApiViewSet):
    """LTKS levels are vocabulary (ontology/vocab/ltks.ttl), not database rows."""

    type_slug = "level"
    serializer_class = serializers.LevelSerializer
    detail_serializer_class = serializers.LevelDetailSerializer
    filter_backends: list = []
    lookup_value_regex = r"[0-9]{1,3}"

    def get_queryset(self):
        return all_levels()

    def get_object(self):
        found = level(self.kwargs["code"])
        if found is None:
            raise Http404
        return found


def not_found(request, *args, **kwargs):
    response = JsonResponse(
        {"detail": _("No such API resource: %(path)s") % {"path": request.path[:200]}}, status=404
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
