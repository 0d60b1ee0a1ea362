"""Sectors, occupational standards, qualification units and LTKS levels.

Each resource has a list serializer (a summary) and a detail serializer (the summary plus
nested related entities); related collections that can grow large are given as links to the
filtered list instead of being inlined.
"""

from __future__ import annotations

from rest_framework import serializers

from cms.registry.models.base import STATUS_CHOICES

from .fields import ApiListUrlField, EntityUriField, PublishedAtField, TextField, TextsField
from .refs import (
    CompetenceSerializer,
    EqfLevelField,
    LevelField,
    LevelRefSerializer,
    QualificationRefSerializer,
    SectorRefSerializer,
    StandardRefSerializer,
    UnitRefSerializer,
)


class CommitteeSerializer(serializers.Serializer):
    """The sector's sectoral professional committee (SPK)."""

    uri = EntityUriField("committee")
    name = TextField("committee_name")
    names = TextsField("committee_name")


class SectorSerializer(SectorRefSerializer):
    nace_sections = serializers.ListField(
        child=serializers.CharField(), source="nace_section_list", read_only=True
    )
    modified = PublishedAtField()


class SectorDetailSerializer(SectorSerializer):
    description = TextField("description")
    descriptions = TextsField("description")
    committee = CommitteeSerializer(source="*", read_only=True)
    standards_url = ApiListUrlField("standard", "sector")
    units_url = ApiListUrlField("unit", "sector")
    qualifications_url = ApiListUrlField("qualification", "sector")
    programmes_url = ApiListUrlField("programme", "sector")


class StandardSerializer(StandardRefSerializer):
    sector = SectorRefSerializer(read_only=True)
    status = serializers.ChoiceField(choices=[value for value, _label in STATUS_CHOICES], read_only=True)
    modified = PublishedAtField()


class StandardDetailSerializer(StandardSerializer):
    description = TextField("description")
    descriptions = TextsField("description")
    approval_order = serializers.CharField(read_only=True)
    approved_on = serializers.DateField(read_only=True, allow_null=True)
    units = UnitRefSerializer(many=True, read_only=True, source="live_units")
    qualifications = QualificationRefSerializer(many=True, read_only=True, source="live_qualifications")


class UnitSerializer(UnitRefSerializer):
    eqf_level = EqfLevelField()
    standard = StandardRefSerializer(read_only=True)
    specialisation = serializers.BooleanField(read_only=True)
    modified = PublishedAtField()


class UnitDetailSerializer(UnitSerializer):
    level = LevelField()
    competences = CompetenceSerializer(many=True, read_only=True)
    qualifications = QualificationRefSerializer(many=True, read_only=True, source="live_qualifications")


class LevelSerializer(LevelRefSerializer):
    roman = serializers.CharField(read_only=True)
    short_name = TextField("short_name")
    short_names = TextsField("short_name")
    definition = TextField("definition")
    definitions = TextsField("definition")
    qdr_uri = serializers.URLField(read_only=True)


class LevelDetailSerializer(LevelSerializer):
    units_url = ApiListUrlField("unit", "ltks_level")
    qualifications_url = ApiListUrlField("qualification", "ltks_level")
    modules_url = ApiListUrlField("module", "ltks_level")
    programmes_url = ApiListUrlField("programme", "ltks_level")
