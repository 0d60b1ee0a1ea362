"""CSV export of a bank search, for staff (opens in spreadsheet programs)."""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .services import current_committees

# A cell starting with one of these is run as a formula by spreadsheet programs, also after
# leading blanks (LibreOffice and Excel skip them) or a line break.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.lstrip(" \u00a0").startswith(FORMULA_START) else text


def header() -> list[str]:
    return [
        _("First name"), _("Last name"), _("Organisation"), _("E-mail"), _("Phone"), _("Committees"),
        _("Qualifications"), _("Competence units"), _("LTKS levels"), _("Region"), _("Languages"),
        _("Available from"), _("Available until"), _("Availability note"), _("Consent given at"), _("Updated at"),
    ]


def row(entry, committees) -> list[str]:
    member = entry.member
    local = timezone.localtime
    return [cell(value) for value in (
        member.first_name, member.last_name, member.organisation, member.email, member.phone,
        "; ".join(c.code for c in committees),
        "; ".join(q.code for q in sorted(entry.qualifications.all(), key=lambda q: q.code)),
        "; ".join(u.code for u in sorted(entry.units.all(), key=lambda u: u.code)),
        "; ".join(str(n) for n in entry.level_numbers),
        entry.get_region_display(), "; ".join(entry.language_labels()),
        entry.available_from or "", entry.available_until or "", entry.availability_note,
        f"{local(entry.consent_given_at):%Y-%m-%d %H:%M}", f"{local(entry.updated_at):%Y-%m-%d %H:%M}",
    )]


def csv_response(entries) -> HttpResponse:
    entries = list(entries)
    filename = f"assessor-bank-{timezone.localdate():%Y-%m-%d}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store, private"
    response.write("\ufeff")  # BOM: spreadsheet programs then read the Lithuanian letters right
    writer = csv.writer(response)
    writer.writerow(header())
    committees = current_committees(entries)
    for entry in entries:
        writer.writerow(row(entry, committees.get(entry.member_id, [])))
    return response
