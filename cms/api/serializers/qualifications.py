"""Qualifications, modules and modular VET programmes."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cms.registry.models.base import STATUS_CHOICES
from cms.registry.models.programmes import KIND_CHOICES, ROLE_CHOICES
from cms.registry.models.qualifications import TYPE_CHOICES
from ontology.namespaces import ISCED_F

from ..isced import isced_labels
from ..language import localised
from .fields import LanguageMapSerializer, PublishedAtField, TextField, TextsField, _ObjectField
from .refs import (
    CompetenceSerializer,
    EqfLevelField,
    LevelField,
    ModuleOutcomesField,
    ModuleRefSerializer,
    OutcomesField,
    ProgrammeRefSerializer,
    QualificationRefSerializer,
    SectorRefSerializer,
    StandardRefSerializer,
    UnitRefSerializer,
    UnitWithCompetencesSerializer,
)


def _codes(choices) -> list[str]:
    return [value for value, _label in choices]


class IscedSerializer(serializers.Serializer):
    code = serializers.CharField()
    uri = serializers.URLField()
    name = serializers.CharField(allow_null=True)
    names = LanguageMapSerializer()


@extend_schema_field(IscedSerializer)
class IscedField(_ObjectField):
    """The ISCED-F 2013 detailed field, with the EU Vocabularies URI and labels."""

    def to_representation(self, obj):
        names = isced_labels(obj.isced_f)
        return {
            "code": obj.isced_f,
            "uri": str(ISCED_F[obj.isced_f]),
            "name": localised(names, self.lang),
            "names": names,
        }


class QualificationSerializer(QualificationRefSerializer):
    ltks_level = serializers.IntegerField(read_only=True)
    eqf_level = EqfLevelField()
    isced_f = serializers.CharField(read_only=True, help_text="ISCED-F 2013 detailed field (4 digits).")
    qualification_type = serializers.ChoiceField(choices=_codes(TYPE_CHOICES), read_only=True)
    status = serializers.ChoiceField(choices=_codes(STATUS_CHOICES), read_only=True)
    sectors = SectorRefSerializer(many=True, read_only=True, source="live_sectors")
    modified = PublishedAtField()


class QualificationDetailSerializer(QualificationSerializer):
    description = TextField("description")
    descriptions = TextsField("description")
    level = LevelField()
    isced = IscedField()
    standard = StandardRefSerializer(read_only=True, allow_null=True)
    units = UnitWithCompetencesSerializer(many=True, read_only=True, source="live_units")
    outcomes = OutcomesField("qualification")
    registered_on = serializers.DateField(read_only=True, allow_null=True)
    valid_until = serializers.DateField(read_only=True, allow_null=True)
    programmes = ProgrammeRefSerializer(many=True, read_only=True, source="live_programmes")


class ModuleSerializer(ModuleRefSerializer):
    ltks_level = serializers.IntegerField(read_only=True)
    eqf_level = EqfLevelField()
    credits = serializers.IntegerField(read_only=True)
    modified = PublishedAtField()


class ModuleCompetenceSerializer(CompetenceSerializer):
    unit = UnitRefSerializer(read_only=True)


class ModuleDetailSerializer(ModuleSerializer):
    level = LevelField()
    competences = ModuleCompetenceSerializer(many=True, read_only=True)
    outcomes = ModuleOutcomesField()
    programmes = ProgrammeRefSerializer(many=True, read_only=True, source="live_programmes")


class ProgrammeModuleSerializer(ModuleRefSerializer):
    """A module in a programme: its role and place there, with its credits and level."""

    position = serializers.IntegerField(read_only=True)
    role = serializers.ChoiceField(choices=_codes(ROLE_CHOICES), read_only=True)
    credits = serializers.IntegerField(read_only=True)
    ltks_level = serializers.IntegerField(read_only=True)


@extend_schema_field(ProgrammeModuleSerializer(many=True))
class ProgrammeModulesField(_ObjectField):
    def to_representation(self, obj):
        modules = []
        for position, link in enumerate(obj.module_links.all(), 1):
            module = link.module  # its own instance per link (select_related), safe to annotate
            module.position, module.role = position, link.role
            modules.append(module)
        return ProgrammeModuleSerializer(modules, many=True, context=self.context).data


class ProgrammeSerializer(ProgrammeRefSerializer):
    kind = serializers.ChoiceField(choices=_codes(KIND_CHOICES), read_only=True)
    ltks_level = serializers.IntegerField(read_only=True)
    eqf_level = EqfLevelField()
    credits = serializers.IntegerField(read_only=True)
    qualification = QualificationRefSerializer(read_only=True)
    modified = PublishedAtField()


class ProgrammeDetailSerializer(ProgrammeSerializer):
    description = TextField("description")
    descriptions = TextsField("description")
    level = LevelField()
    required_optional_credits = serializers.IntegerField(read_only=True)
    modules = ProgrammeModulesField()
