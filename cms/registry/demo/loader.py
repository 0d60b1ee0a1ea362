"""Load the demo registry: sectors from ontology/vocab/sectors.ttl, the rest from demo/data/*.json.

Every entity goes through the same publish path as the admin (revision → SHACL gate →
publish → projection), so the demo data is proof that the rules and the data agree."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from rdflib.namespace import SKOS
from wagtail.models import Workflow, WorkflowContentType
from wagtail.users.models import UserProfile

from ontology.loader import load_vocabulary
from ontology.namespaces import KQ

from ..models import (
    REGISTRY_MODELS,
    Competence,
    Module,
    ModuleOutcome,
    OccupationalStandard,
    ProgrammeModule,
    Qualification,
    QualificationOutcome,
    QualificationUnit,
    Sector,
    VetProgramme,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_ADMIN = ("admin", "kpmpc-demo")

Progress = Callable[[Iterable, int, str], Iterable]


def _read(name: str) -> list[dict[str, Any]]:
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _publish(obj) -> None:
    obj.save_revision().publish()


def sector_rows() -> list[dict[str, Any]]:
    """The 16 sectors and their committees, as written in the sector scheme seed."""
    graph = load_vocabulary("sector-scheme", base="https://example.invalid")
    rows = []
    for concept in graph.subjects(SKOS.inScheme, None):
        notation = graph.value(concept, SKOS.notation)
        if notation is None:
            continue
        labels = {lit.language: str(lit) for lit in graph.objects(concept, SKOS.prefLabel)}
        committee = graph.value(concept, KQ.hasCommittee)
        committee_labels = {lit.language: str(lit) for lit in graph.objects(committee, SKOS.prefLabel)}
        definitions = {lit.language: str(lit) for lit in graph.objects(concept, SKOS.definition)}
        rows.append(
            {
                "code": str(notation),
                "name_lt": labels.get("lt", ""),
                "name_en": labels.get("en", ""),
                "description_lt": definitions.get("lt", ""),
                "description_en": definitions.get("en", ""),
                "nace_sections": ", ".join(sorted(str(s) for s in graph.objects(concept, KQ.naceSection))),
                "committee_name_lt": committee_labels.get("lt", ""),
                "committee_name_en": committee_labels.get("en", ""),
            }
        )
    return sorted(rows, key=lambda r: r["code"])


def load_sectors(progress: Progress) -> int:
    rows = sector_rows()
    for row in progress(rows, len(rows), "sectors"):
        _publish(Sector.objects.create(**row))
    return len(rows)


def load_standards(progress: Progress) -> int:
    rows = _read("standards")
    sectors = {s.code: s for s in Sector.objects.all()}
    for row in progress(rows, len(rows), "standards"):
        _publish(
            OccupationalStandard.objects.create(
                code=row["code"],
                name_lt=row["name_lt"],
                name_en=row.get("name_en", ""),
                description_lt=row.get("description_lt", ""),
                description_en=row.get("description_en", ""),
                sector=sectors[row["sector"]],
                approval_order=row.get("approval_order", ""),
                approved_on=_date(row.get("approved_on")),
                status=row.get("status", "valid"),
            )
        )
    return len(rows)


def load_units(progress: Progress) -> int:
    rows = _read("units")
    standards = {s.code: s for s in OccupationalStandard.objects.all()}
    for row in progress(rows, len(rows), "units"):
        unit = QualificationUnit(
            code=row["code"],
            name_lt=row["name_lt"],
            name_en=row.get("name_en", ""),
            standard=standards[row["standard"]],
            ltks_level=row["ltks_level"],
            specialisation=row.get("specialisation", False),
        )
        unit.competences = [
            Competence(
                sort_order=position,
                code=c["code"],
                name_lt=c["name_lt"],
                name_en=c.get("name_en", ""),
                boundary_lt=c.get("boundary_lt", ""),
                boundary_en=c.get("boundary_en", ""),
            )
            for position, c in enumerate(row["competences"])
        ]
        unit.save()
        _publish(unit)
    return len(rows)


def load_qualifications(progress: Progress) -> int:
    rows = _read("qualifications")
    sectors = {s.code: s for s in Sector.objects.all()}
    standards = {s.code: s for s in OccupationalStandard.objects.all()}
    units = {u.code: u for u in QualificationUnit.objects.all()}
    for row in progress(rows, len(rows), "qualifications"):
        qualification = Qualification(
            code=row["code"],
            name_lt=row["name_lt"],
            name_en=row.get("name_en", ""),
            description_lt=row.get("description_lt", ""),
            description_en=row.get("description_en", ""),
            ltks_level=row["ltks_level"],
            standard=standards.get(row.get("standard") or ""),
            isced_f=row["isced_f"],
            qualification_type=row.get("qualification_type", "work"),
            status=row.get("status", "valid"),
            registered_on=_date(row.get("registered_on")),
            valid_until=_date(row.get("valid_until")),
        )
        qualification.sectors = [sectors[code] for code in row["sectors"]]
        qualification.units = [units[code] for code in row.get("units", [])]
        qualification.outcomes = [
            QualificationOutcome(sort_order=position, text_lt=o["text_lt"], text_en=o.get("text_en", ""))
            for position, o in enumerate(row.get("outcomes", []))
        ]
        qualification.save()
        _publish(qualification)
    return len(rows)


def load_modules(progress: Progress) -> int:
    rows = _read("modules")
    competences = {c.code: c for c in Competence.objects.all()}
    for row in progress(rows, len(rows), "modules"):
        module = Module(
            code=row["code"],
            name_lt=row["name_lt"],
            name_en=row.get("name_en", ""),
            ltks_level=row["ltks_level"],
            credits=row["credits"],
        )
        module.competences = [competences[code] for code in row.get("competences", [])]
        module.outcomes = [
            ModuleOutcome(
                sort_order=position,
                text_lt=o["text_lt"],
                text_en=o.get("text_en", ""),
                criteria_lt=o.get("criteria_lt", ""),
                criteria_en=o.get("criteria_en", ""),
            )
            for position, o in enumerate(row.get("outcomes", []))
        ]
        module.save()
        _publish(module)
    return len(rows)


def load_programmes(progress: Progress) -> int:
    rows = _read("programmes")
    qualifications = {q.code: q for q in Qualification.objects.all()}
    modules = {m.code: m for m in Module.objects.all()}
    for row in progress(rows, len(rows), "programmes"):
        programme = VetProgramme(
            code=row["code"],
            name_lt=row["name_lt"],
            name_en=row.get("name_en", ""),
            description_lt=row.get("description_lt", ""),
            description_en=row.get("description_en", ""),
            kind=row["kind"],
            qualification=qualifications[row["qualification"]],
            ltks_level=row["ltks_level"],
            credits=row["credits"],
            required_optional_credits=row.get("required_optional_credits", 0),
        )
        programme.module_links = [
            ProgrammeModule(sort_order=position, module=modules[link["module"]], role=link["role"])
            for position, link in enumerate(row["modules"])
        ]
        programme.save()
        _publish(programme)
    return len(rows)


def ensure_demo_admin() -> tuple[str, str]:
    username, password = DEMO_ADMIN
    user_model = get_user_model()
    if not user_model.objects.filter(username=username).exists():
        user = user_model.objects.create_superuser(username, "admin@example.invalid", password)
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "lt"  # Lithuanian first; switch in Account → Preferences
        profile.save()
    return DEMO_ADMIN


def attach_moderation_workflow() -> None:
    """Registry entities go through Wagtail's default two-step moderation when submitted."""
    workflow = Workflow.objects.filter(active=True).order_by("pk").first()
    if workflow is None:
        return
    for model in REGISTRY_MODELS:
        content_type = ContentType.objects.get_for_model(model)
        WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})


STEPS = (load_sectors, load_standards, load_units, load_qualifications, load_modules, load_programmes)


def load_demo(progress: Progress) -> dict[str, int]:
    """Not one transaction: each entity commits so that the next one's gate sees it in the graph."""
    counts = {}
    for step in STEPS:
        counts[step.__name__.removeprefix("load_")] = step(progress)
    attach_moderation_workflow()
    ensure_demo_admin()
    return counts


def remove_demo() -> None:
    """Delete every registry entity (children first) and the demo admin, e.g. after tests."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Revision

    for model in reversed(REGISTRY_MODELS):
        model.objects.all().delete()
    content_types = [ContentType.objects.get_for_model(m) for m in REGISTRY_MODELS]
    Revision.objects.filter(base_content_type__in=content_types).delete()
    WorkflowContentType.objects.filter(content_type__in=content_types).delete()
    get_user_model().objects.filter(username=DEMO_ADMIN[0]).delete()
