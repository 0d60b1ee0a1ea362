"""Registry models: the system of record; the graph is projected from them."""

from .base import RegistryEntity
from .modules import Module, ModuleOutcome
from .outbox import OutboxEvent
from .programmes import ProgrammeModule, VetProgramme
from .qualifications import Qualification, QualificationOutcome
from .sectors import Sector
from .standards import OccupationalStandard
from .units import Competence, QualificationUnit
from .versions import EntityVersion

REGISTRY_MODELS = (Sector, OccupationalStandard, QualificationUnit, Qualification, Module, VetProgramme)

__all__ = [
    "REGISTRY_MODELS",
    "Competence",
    "EntityVersion",
    "Module",
    "ModuleOutcome",
    "OutboxEvent",
    "OccupationalStandard",
    "ProgrammeModule",
    "Qualification",
    "QualificationOutcome",
    "QualificationUnit",
    "RegistryEntity",
    "Sector",
    "VetProgramme",
]
