"""Small published registry fixtures built through the real publish path."""

from __future__ import annotations

from cms.registry.models import (
    Competence,
    Module,
    OccupationalStandard,
    ProgrammeModule,
    Qualification,
    QualificationOutcome,
    QualificationUnit,
    Sector,
    VetProgramme,
)


def publish(obj):
    obj.save_revision().publish()
    obj.refresh_from_db()
    return obj


def sector(code="S08", **kw):
    return publish(
        Sector.objects.create(
            code=code,
            name_lt=kw.pop("name_lt", "Apgyvendinimo, maitinimo ir turizmo paslaugų"),
            name_en=kw.pop("name_en", "Accommodation, catering and tourism"),
            nace_sections=kw.pop("nace_sections", "I, N"),
            committee_name_lt="Apgyvendinimo ir maitinimo sektorinis profesinis komitetas",
            committee_name_en="Accommodation and catering sectoral professional committee",
            **kw,
        )
    )


def standard(sector_obj, code="PSI01", live=True):
    obj = OccupationalStandard.objects.create(
        code=code,
        name_lt="Apgyvendinimo ir maitinimo sektoriaus profesinis standartas",
        name_en="Accommodation and catering sector occupational standard",
        sector=sector_obj,
        live=False,
    )
    return publish(obj) if live else obj


def unit(standard_obj, code="PSI01-V01", level=4):
    obj = QualificationUnit(
        code=code,
        name_lt="Patiekalų gaminimas",
        name_en="Preparing dishes",
        standard=standard_obj,
        ltks_level=level,
    )
    obj.competences = [
        Competence(code=f"{code}-K1", name_lt="Gaminti karštuosius patiekalus", name_en="Prepare hot dishes"),
    ]
    obj.save()
    return publish(obj)


def qualification(sectors, standard_obj=None, units=(), code="K4101301", level=4, live=True):
    obj = Qualification(
        code=code,
        name_lt="Virėjas",
        name_en="Cook",
        ltks_level=level,
        isced_f="1013",
        standard=standard_obj,
    )
    obj.sectors = list(sectors)
    obj.units = list(units)
    obj.outcomes = [QualificationOutcome(text_lt="Gaminti patiekalus", text_en="Prepare dishes")]
    obj.save()
    return publish(obj) if live else obj


def module(code, credits, level=4, name_lt="Modulis", name_en="Module"):
    return publish(
        Module.objects.create(code=code, name_lt=name_lt, name_en=name_en, ltks_level=level, credits=credits)
    )


def programme(qualification_obj, links, credits, optional_credits=0, code="M44101301", kind="initial"):
    obj = VetProgramme(
        code=code,
        name_lt="Virėjo modulinė profesinio mokymo programa",
        name_en="Cook modular VET programme",
        kind=kind,
        qualification=qualification_obj,
        ltks_level=qualification_obj.ltks_level,
        credits=credits,
        required_optional_credits=optional_credits,
    )
    obj.module_links = [ProgrammeModule(module=m, role=role) for m, role in links]
    obj.save()
    return obj
