"""Reading registry drafts for a consultation: which entities are drafts, what their latest
(unpublished) content says, and which sections members remark on.

Draft content is read from Wagtail revisions and shown only in the members' area; the public
API and graph keep seeing published data alone."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from cms.registry.models import OccupationalStandard, QualificationUnit, VetProgramme

GENERAL_SECTION = "general"


def is_draft(entity) -> bool:
    """Never published, or published with changes not yet published."""
    return not entity.live or bool(entity.has_unpublished_changes)


def draft_filter() -> Q:
    return Q(live=False) | Q(has_unpublished_changes=True)


def draft_standards(committee):
    if not committee.sector_id:
        return OccupationalStandard.objects.none()
    return OccupationalStandard.objects.filter(draft_filter(), sector=committee.sector_id).order_by("code")


def draft_programmes(committee):
    if not committee.sector_id:
        return VetProgramme.objects.none()
    return (VetProgramme.objects.filter(draft_filter(), qualification__sectors=committee.sector_id)
            .distinct().order_by("code"))


def belongs_to_committee(entity, committee) -> bool:
    if not committee.sector_id:
        return False
    if isinstance(entity, OccupationalStandard):
        return entity.sector_id == committee.sector_id
    return entity.qualification.sectors.filter(pk=committee.sector_id).exists()


@dataclass
class DraftPart:
    """One part of the draft as members read it: a unit with its competences, or a module."""

    key: str
    code: str
    name_lt: str
    name_en: str
    details: list[tuple[str, str]] = field(default_factory=list)  # (label, value)
    items: list[tuple[str, str, str]] = field(default_factory=list)  # (code, name_lt, name_en)

    @property
    def title(self) -> str:
        return f"{self.code} {self.name_lt}".strip()


def _unit_part(unit: QualificationUnit) -> DraftPart:
    draft = unit.get_latest_revision_as_object()
    competences = [(c.code, c.name_lt, c.name_en) for c in draft.competences.all()]
    details = [(_("LTKS level"), str(draft.ltks_level))]
    if draft.specialisation:
        details.append((_("Specialisation unit"), _("yes")))
    return DraftPart(key=f"unit:{unit.code}", code=draft.code, name_lt=draft.name_lt, name_en=draft.name_en,
                     details=details, items=competences)


def _module_part(link) -> DraftPart:
    module = link.module
    details = [(_("Role"), link.get_role_display()), (_("Credits"), str(module.credits)),
               (_("LTKS level"), str(module.ltks_level))]
    return DraftPart(key=f"module:{module.code}", code=module.code, name_lt=module.name_lt,
                     name_en=module.name_en, details=details)


def draft_parts(entity, draft) -> list[DraftPart]:
    """The parts of `draft` (the revision content of `entity`) in their order."""
    if isinstance(entity, OccupationalStandard):
        return [_unit_part(unit) for unit in QualificationUnit.objects.filter(standard=entity).order_by("code")]
    return [_module_part(link) for link in draft.module_links.all()]


def draft_overview(entity, draft) -> list[tuple[str, str]]:
    """Label/value rows describing the draft as a whole (the "general" section)."""
    rows = [(_("Code"), draft.code), (_("Name (Lithuanian)"), draft.name_lt), (_("Name (English)"), draft.name_en)]
    if isinstance(entity, OccupationalStandard):
        rows.append((_("Sector"), str(draft.sector)))
    else:
        rows += [(_("Kind"), draft.get_kind_display()), (_("Awarded qualification"), str(draft.qualification)),
                 (_("LTKS level"), str(draft.ltks_level)), (_("Credits"), str(draft.credits))]
    rows += [(_("Description (Lithuanian)"), draft.description_lt), (_("Description (English)"), draft.description_en)]
    return [(label, value) for label, value in rows if value]


def section_specs(entity, draft) -> list[tuple[str, str]]:
    """(key, title) of each section: the draft in general, then one per unit or module."""
    general = (GENERAL_SECTION, _("General: the draft as a whole"))
    return [general, *[(part.key, part.title) for part in draft_parts(entity, draft)]]
