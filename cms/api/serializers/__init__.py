"""Serializers of the public API: summaries for lists, nested detail for single resources."""

from .frameworks import (
    LevelDetailSerializer,
    LevelSerializer,
    SectorDetailSerializer,
    SectorSerializer,
    StandardDetailSerializer,
    StandardSerializer,
    UnitDetailSerializer,
    UnitSerializer,
)
from .qualifications import (
    ModuleDetailSerializer,
    ModuleSerializer,
    ProgrammeDetailSerializer,
    ProgrammeSerializer,
    QualificationDetailSerializer,
    QualificationSerializer,
)

__all__ = [
    "LevelDetailSerializer",
    "LevelSerializer",
    "ModuleDetailSerializer",
    "ModuleSerializer",
    "ProgrammeDetailSerializer",
    "ProgrammeSerializer",
    "QualificationDetailSerializer",
    "QualificationSerializer",
    "SectorDetailSerializer",
    "SectorSerializer",
    "StandardDetailSerializer",
    "StandardSerializer",
    "UnitDetailSerializer",
    "UnitSerializer",
]
