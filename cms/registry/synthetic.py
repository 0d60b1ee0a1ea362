"""Deterministic synthetic qualifications for scale tests, clearly labelled as synthetic.

They are written straight to the database as live rows (bulk inserts: the admin path with a
gate per entity would take ~20 ms each); `rebuild_graph` then projects them and
`validate_graph` checks them. Their names start with SYNTHETIC_MARK so nobody mistakes them
for registry data, and `remove_synthetic` deletes exactly them."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from .models import (
    OccupationalStandard,
    Qualification,
    QualificationOutcome,
    QualificationUnit,
    Sector,
)
from .models.vocab import isced_choices

SYNTHETIC_MARK = "[SINTETINĖ]"
SYNTHETIC_MARK_EN = "[SYNTHETIC]"

_WORDS_LT = (
    "įrenginių", "priežiūros", "montuotojas", "technikas", "operatorius", "paslaugų", "gamybos",
    "statybos", "elektros", "maisto", "apskaitos", "logistikos", "sandėlio", "žemės", "ūkio",
    "miško", "virėjas", "suvirintojas", "siuvėjas", "kirpėjas", "pardavėjas", "konditeris",
    "šaltkalvis", "dažytojas", "stalius", "vairuotojas", "slaugytojo", "padėjėjas", "programuotojas",
)
# Pairwise translations: _WORDS_EN[i] translates _WORDS_LT[i].
_WORDS_EN = (
    "equipment", "maintenance", "installer", "technician", "operator", "services", "production",
    "construction", "electrical", "food", "accounting", "logistics", "warehouse", "land", "farm",
    "forestry", "cook", "welder", "tailor", "hairdresser", "seller", "confectioner", "fitter",
    "painter", "joiner", "driver", "nursing", "assistant", "programmer",
)


def _codes(existing: set[str]) -> Iterator[tuple[str, int, str]]:
    """Free qualification codes K{level}{isced}{serial}, in a fixed order."""
    fields = [code for code, _label in isced_choices()]
    for serial in range(99, -1, -1):
        for level in range(1, 9):
            for field in fields:
                code = f"K{level}{field}{serial:02d}"
                if code not in existing:
                    yield code, level, field


def generate_synthetic(*, qualifications: int, seed: int = 42, batch_size: int = 2000) -> int:
    """Create `qualifications` synthetic live qualifications; returns how many were created."""
    rng = random.Random(seed)
    sectors = list(Sector.objects.filter(live=True).order_by("code"))
    if not sectors:
        raise ValueError("Load the sectors first (load_demo), synthetic data links to them.")
    standards_by_sector: dict[int, list[OccupationalStandard]] = {}
    for standard in OccupationalStandard.objects.filter(live=True):
        standards_by_sector.setdefault(standard.sector_id, []).append(standard)
    units_by_standard: dict[int, list[QualificationUnit]] = {}
    for unit in QualificationUnit.objects.filter(live=True):
        units_by_standard.setdefault(unit.standard_id, []).append(unit)

    existing = set(Qualification.objects.values_list("code", flat=True))
    codes = _codes(existing)
    now = timezone.now()
    created = 0
    while created < qualifications:
        size = min(batch_size, qualifications - created)
        batch = [next(codes) for _ in range(size)]
        with transaction.atomic():
            rows = [_qualification(code, level, field, rng, now) for code, level, field in batch]
            Qualification.objects.bulk_create(rows)
            rows = list(Qualification.objects.filter(code__in=[c for c, _, _ in batch]))
            _link(rows, rng, sectors, standards_by_sector, units_by_standard)
        created += size
    return created


assert len(_WORDS_LT) == len(_WORDS_EN)


def _qualification(code: str, level: int, field: str, rng: random.Random, now) -> Qualification:
    words = rng.sample(range(len(_WORDS_LT)), k=rng.randint(2, 4))
    name_lt = " ".join(_WORDS_LT[i] for i in words).capitalize()
    name_en = " ".join(_WORDS_EN[i] for i in words).capitalize()
    return Qualification(
        code=code,
        name_lt=f"{SYNTHETIC_MARK} {name_lt}",
        name_en=f"{SYNTHETIC_MARK_EN} {name_en}",
        description_lt=f"Sintetinė kvalifikacija apkrovos bandymams ({code}).",
        description_en=f"Synthetic qualification for scale tests ({code}).",
        ltks_level=level,
        isced_f=field,
        registered_on=date(2015, 1, 1) + timedelta(days=rng.randint(0, 3650)),
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
    )


def _link(rows, rng, sectors, standards_by_sector, units_by_standard) -> None:
    sector_links, unit_links, outcomes, updates = [], [], [], []
    for qualification in rows:
        chosen = rng.sample(sectors, k=rng.choice((1, 1, 1, 2, 3)))
        sector_links += [
            Qualification.sectors.through(qualification_id=qualification.pk, sector_id=s.pk) for s in chosen
        ]
        standards = standards_by_sector.get(chosen[0].pk, [])
        if standards:
            standard = standards[0]
            qualification.standard = standard
            updates.append(qualification)
            units = [u for u in units_by_standard.get(standard.pk, []) if u.ltks_level <= qualification.ltks_level]
            for unit in rng.sample(units, k=min(len(units), rng.randint(1, 3))):
                unit_links.append(
                    Qualification.units.through(qualification_id=qualification.pk, qualificationunit_id=unit.pk)
                )
        for position in range(rng.randint(2, 5)):
            outcomes.append(
                QualificationOutcome(
                    qualification=qualification,
                    sort_order=position,
                    text_lt=f"Sintetinis mokymosi rezultatas {position + 1}",
                    text_en=f"Synthetic learning outcome {position + 1}",
                )
            )
    Qualification.sectors.through.objects.bulk_create(sector_links)
    Qualification.units.through.objects.bulk_create(unit_links)
    QualificationOutcome.objects.bulk_create(outcomes)
    Qualification.objects.bulk_update(updates, ["standard"])


def remove_synthetic() -> int:
    deleted, _ = Qualification.objects.filter(name_lt__startswith=SYNTHETIC_MARK).delete()
    return deleted
