"""Demo assessor bank: a few members of the featured committees volunteer (with consent) for the
qualifications of their sector, and one member who joined and then withdrew, so only the consent
log remembers them. Entries pass the members' own form and cms.spk.assessors.services."""

from __future__ import annotations

import datetime

from django.utils import timezone

from cms.registry.models import Qualification, QualificationUnit

from ..assessors import services
from ..assessors.forms import AssessorEntryForm
from ..assessors.models import ConsentRecord
from ..models import Committee, Member
from .meetings import at, roster

# (featured committee index, roster position, region, languages, available for a year, note)
VOLUNTEERS = [
    (0, 1, "vilnius", ["lt", "en"], True, "Darbo dienomis, ne liepos mėnesį."),
    (0, 4, "kaunas", ["lt", "ru"], False, "Galiu vertinti ir savaitgaliais."),
    (1, 3, "klaipeda", ["lt", "en", "pl"], True, ""),
    (2, 2, "siauliai", ["lt", "de"], True, "Tik nuotoliniu būdu."),
]
WITHDRAWN = (1, 5, "vilnius", ["lt"], True, "")


def _entry_data(committee: Committee, region: str, languages: list[str], for_a_year: bool, note: str) -> dict | None:
    qualifications = list(Qualification.objects.filter(live=True, sectors=committee.sector_id).order_by("code")[:2])
    if not qualifications:
        return None
    units = QualificationUnit.objects.filter(live=True, standard__sector=committee.sector_id).order_by("code")[:1]
    today = timezone.localdate()
    return {
        "qualification_codes": ", ".join(q.code for q in qualifications),
        "unit_codes": ", ".join(u.code for u in units),
        "levels": sorted({q.ltks_level for q in qualifications}),
        "languages": languages,
        "region": region,
        "available_from": today.isoformat(),
        "available_until": (today + datetime.timedelta(days=365)).isoformat() if for_a_year else "",
        "availability_note": note,
        "consent": "on",
    }


def _volunteer(committees: list[Committee], spec) -> Member | None:
    """Save the entry with consent; None when the spec's member or qualifications are missing or
    the member already has a consent history (a previous run)."""
    index, position, region, languages, for_a_year, note = spec
    if index >= len(committees):
        return None
    people = roster(committees[index])
    if position >= len(people) or ConsentRecord.objects.filter(member=people[position]).exists():
        return None
    data = _entry_data(committees[index], region, languages, for_a_year, note)
    if data is None:
        return None
    form = AssessorEntryForm(data)
    if not form.is_valid():
        raise ValueError(f"demo assessor entry refused: {form.errors.as_json()}")
    services.save_entry(people[position], form)
    return people[position]


def load_assessors(committees: list[Committee]) -> None:
    for spec in VOLUNTEERS:
        _volunteer(committees, spec)
    member = _volunteer(committees, WITHDRAWN)
    if member is not None:
        ConsentRecord.objects.filter(member=member).update(at=at(-60, 12))  # joined two months ago
        services.withdraw(member)
