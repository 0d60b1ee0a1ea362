"""Summaries of related entities (code, URI, API URL, labels) and the small nested parts."""

from __future__ import annotations

from typing import ClassVar

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cms.registry.graph_store import linked_data_base
from graph.uris import entity_uri, sub_uri

from ..language import localised
from ..levels import level
from .fields import (
    ApiUrlField,
    EntityUriField,
    LanguageMapSerializer,
    TextField,
    TextsField,
    _ObjectField,
    texts,
)


class RefSerializer(serializers.Serializer):
    """A published entity: its code, linked-data URI, API URL and name in both languages."""

    # Fields come in the order code, uri, url (types with an endpoint), name, names, then the
    # subclass's own. A reference to an entity that is not live renders as null: nothing
    # unpublished leaves the API, even if the publish gate's invariants were ever broken.
    type_slug: ClassVar[str]
    basename: ClassVar[str | None] = None

    def get_fields(self):
        fields = {"code": serializers.CharField(read_only=True), "uri": EntityUriField(self.type_slug)}
        if self.basename:
            fields["url"] = ApiUrlField(self.basename)
        fields["name"] = TextField()
        fields["names"] = TextsField()
        fields.update(super().get_fields())
        return fields

    def to_representation(self, instance):
        if getattr(instance, "live", True) is False:
            return None
        return super().to_representation(instance)


class SectorRefSerializer(RefSerializer):
    type_slug = "sector"
    basename = "sector"


class StandardRefSerializer(RefSerializer):
    type_slug = "standard"
    basename = "standard"


class UnitRefSerializer(RefSerializer):
    type_slug = "unit"
    basename = "unit"
    ltks_level = serializers.IntegerField(read_only=True)


class QualificationRefSerializer(RefSerializer):
    type_slug = "qualification"
    basename = "qualification"


class ModuleRefSerializer(RefSerializer):
    type_slug = "module"
    basename = "module"


class ProgrammeRefSerializer(RefSerializer):
    type_slug = "programme"
    basename = "programme"


class CompetenceSerializer(RefSerializer):
    """A competence of a unit: it has a URI but no endpoint of its own (see its unit)."""

    type_slug = "competence"
    boundary = TextField("boundary", help_text="Scope and conditions (kompetencijos ribos).")
    boundaries = TextsField("boundary")


class UnitWithCompetencesSerializer(UnitRefSerializer):
    competences = CompetenceSerializer(many=True, read_only=True)


class LevelRefSerializer(RefSerializer):
    type_slug = "level"
    basename = "level"
    number = serializers.IntegerField(read_only=True)
    eqf_level = serializers.IntegerField(read_only=True)
    eqf_uri = serializers.URLField(read_only=True)


@extend_schema_field(LevelRefSerializer)
class LevelField(_ObjectField):
    """The object's LTKS level (``ltks_level``) as a level summary with its EQF mapping."""

    def to_representation(self, obj):
        return LevelRefSerializer(level(obj.ltks_level), context=self.context).data


@extend_schema_field(serializers.IntegerField())
class EqfLevelField(_ObjectField):
    """The EQF level of the object's LTKS level (from the vocabulary's skos:exactMatch)."""

    def to_representation(self, obj):
        return level(obj.ltks_level).eqf_level


class OutcomeSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    uri = serializers.URLField()
    text = serializers.CharField()
    texts = LanguageMapSerializer()


class ModuleOutcomeSerializer(OutcomeSerializer):
    assessment_criteria = serializers.CharField(allow_null=True)
    assessment_criteria_texts = LanguageMapSerializer()


@extend_schema_field(OutcomeSerializer(many=True))
class OutcomesField(_ObjectField):
    """Learning outcomes in order; ``uri`` = ``{entity}/outcome/{position}`` as in the graph."""

    def __init__(self, type_slug: str, *, criteria: bool = False, **kwargs):
        self.type_slug = type_slug
        self.criteria = criteria
        super().__init__(**kwargs)

    def to_representation(self, obj):
        owner = entity_uri(linked_data_base(), self.type_slug, obj.code)
        rows = []
        for position, outcome in enumerate(obj.outcomes.all(), 1):
            row = {
                "position": position,
                "uri": str(sub_uri(owner, "outcome", position)),
                "text": localised(texts(outcome, "text"), self.lang),
                "texts": texts(outcome, "text"),
            }
            if self.criteria:
                row["assessment_criteria"] = localised(texts(outcome, "criteria"), self.lang)
                row["assessment_criteria_texts"] = texts(outcome, "criteria")
            rows.append(row)
        return rows


@extend_schema_field(ModuleOutcomeSerializer(many=True))
class ModuleOutcomesField(OutcomesField):
    def __init__(self, **kwargs):
        super().__init__("module", criteria=True, **kwargs)
