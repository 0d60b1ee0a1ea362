"""The assessor bank from the staff side: search and filters, who may search, CSV export,
pagination, bad search input, and the bank's absence from every public surface."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
from django.utils import timezone

from cms.spk.assessors.models import AssessorEntry

from .conftest import TODAY, make_member
from .test_assessors import registry, volunteer  # noqa: F401  (fixture)

BANK = "/members/assessors/"
SOON = TODAY + datetime.timedelta(days=90)


@pytest.fixture
def bank(spk, registry):  # noqa: F811
    """Jonas Narys (S08): cook, levels 4–5, Kaunas, lt/en, available now for 60 days.
    Rūta Kitaitė (S09): programmer, level 5, Vilnius, en/ru, available in three months only."""
    assert volunteer(spk.client_for(spk.member)).status_code == 302
    assert volunteer(
        spk.client_for(spk.other), qualification_codes="K5061301", unit_codes="", levels=["5"], region="vilnius",
        languages=["en", "ru"], available_from=SOON.isoformat(),
        available_until=(SOON + datetime.timedelta(days=30)).isoformat(),
    ).status_code == 302
    return spk


def found(client, **params) -> list[str]:
    response = client.get(BANK, {"lang": "en", **params})
    assert response.status_code == 200
    return [entry.member.last_name for entry in response.context["page"].object_list]


def test_staff_find_an_assessor_by_every_filter_at_once(bank):
    staff = bank.client_for(bank.staff)
    hit = found(staff, qualification="k4101301", level=4, region="kaunas", language="en",
                available_on=TODAY.isoformat())
    assert hit == ["Narys"]
    page = staff.get(BANK, {"lang": "en", "qualification": "K4101301"}).content.decode()
    assert "jonas.narys@example.test" in page and "Kaunas County" in page
    download = re.search(r'<a href="([^"]*)" download>', page).group(1)
    assert "format=csv" in download and "qualification=K4101301" in download


def test_not_found_when_unavailable_on_the_date(bank):
    staff = bank.client_for(bank.staff)
    assert found(staff, qualification="K4101301", available_on=SOON.isoformat()) == []
    assert found(staff, available_on=SOON.isoformat()) == ["Kitaitė"]
    assert found(staff, available_on=TODAY.isoformat()) == ["Narys"]


@pytest.mark.parametrize("params, expected", [
    ({}, ["Kitaitė", "Narys"]),
    ({"level": 5}, ["Kitaitė", "Narys"]),
    ({"level": 4}, ["Narys"]),
    ({"level": 3}, []),
    ({"region": "vilnius"}, ["Kitaitė"]),
    ({"language": "ru"}, ["Kitaitė"]),
    ({"language": "lt"}, ["Narys"]),
    ({"qualification": "K5061301"}, ["Kitaitė"]),
    ({"q": "narys"}, ["Narys"]),
    ({"q": "Pavyzdinė"}, ["Kitaitė", "Narys"]),
    ({"q": "Jonas Pavyzdinė"}, ["Narys"]),
    ({"q": "nobody"}, []),
])
def test_each_filter_narrows_the_bank(bank, params, expected):
    assert found(bank.client_for(bank.coordinator), **params) == expected


def test_committee_filter_takes_members_and_assessors_of_its_sector(bank):
    staff = bank.client_for(bank.staff)
    assert found(staff, committee=bank.c08.pk) == ["Narys"]
    assert found(staff, committee=bank.c09.pk) == ["Kitaitė"]
    # Jonas (S08) also assesses the S09 programmer qualification: he now counts for S09 too.
    entry = AssessorEntry.objects.get(member=bank.member)
    entry.qualifications.add(AssessorEntry.qualifications.field.related_model.objects.get(code="K5061301"))
    assert found(staff, committee=bank.c09.pk) == ["Kitaitė", "Narys"]


@pytest.mark.parametrize("who, status", [
    ("member", 403), ("chair", 403), ("other", 403), ("former", 403),
    ("staff", 200), ("coordinator", 200), ("admin", 200),
])
def test_only_kpmpc_staff_search_the_bank(bank, who, status):
    client = bank.client_for(getattr(bank, who))
    response = client.get(BANK + "?lang=en")
    assert response.status_code == status
    assert client.get(BANK + "?format=csv").status_code == status
    if status == 403:
        body = response.content.decode()
        assert "Only KPMPC staff can search the assessor bank." in body and "example.test" not in body


def test_anonymous_visitors_are_sent_to_login(bank, client):
    for url in (BANK, BANK + "me/", BANK + "?format=csv", f"{BANK}{AssessorEntry.objects.first().pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/members/login/")


def test_csv_export_has_a_header_and_the_filtered_rows(bank):
    entry = AssessorEntry.objects.get(member=bank.member)
    bank.member.organisation = "=HYPERLINK(\"http://evil.example\")"
    bank.member.save()
    response = bank.client_for(bank.staff).get(BANK, {"lang": "en", "format": "csv", "level": "4"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == f'attachment; filename="assessor-bank-{timezone.localdate():%Y-%m-%d}.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:6] == ["First name", "Last name", "Organisation", "E-mail", "Phone", "Committees"]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Last name"] == "Narys" and row["E-mail"] == "jonas.narys@example.test"
    assert row["Qualifications"] == "K4101301" and row["Competence units"] == "PSI01-V01"
    assert row["LTKS levels"] == "4; 5" and row["Region"] == "Kaunas County"
    assert row["Languages"] == "Lithuanian; English" and row["Committees"] == "S08"
    assert row["Available from"] == entry.available_from.isoformat()
    assert row["Organisation"].startswith("'=")  # not run as a formula by a spreadsheet
    everyone = bank.client_for(bank.staff).get(BANK, {"format": "csv", "lang": "lt"})
    lt_rows = list(csv.reader(io.StringIO(everyone.content.decode("utf-8-sig"))))
    assert lt_rows[0][1] == "Pavardė" and {r[1] for r in lt_rows[1:]} == {"Narys", "Kitaitė"}


@pytest.mark.parametrize("params, message", [
    ({"level": "9"}, "LTKS levels are 1 to 8; “9” is not one of them."),
    ({"qualification": "K0000000"}, "No qualification in the registry has the code K0000000."),
    ({"available_on": "yesterday"}, "Enter a valid date."),
    ({"committee": "999999"}, "There is no such committee."),
    ({"committee": "abc"}, "There is no such committee."),
    ({"region": "<script>"}, "Select a valid choice."),
    ({"level": "9", "format": "csv"}, "LTKS levels are 1 to 8"),
])
def test_bad_search_input_gives_errors_not_500(bank, params, message):
    response = bank.client_for(bank.staff).get(BANK, {"lang": "en", **params})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert message in body and "jonas.narys@example.test" not in body


def test_results_are_paginated(bank, registry):  # noqa: F811
    for n in range(30):
        person = make_member("Vertintojas", f"Nr{n:02d}", bank.c08)
        entry = AssessorEntry.objects.create(member=person, region="utena", consent_given_at=timezone.now())
        entry.qualifications.set([registry.cook])
        entry.set_levels([3])
    staff = bank.client_for(bank.staff)
    first = staff.get(BANK, {"lang": "en", "region": "utena"})
    assert first.context["page"].paginator.count == 30 and len(first.context["page"].object_list) == 25
    assert "region=utena" in first.content.decode() and "page=2" in first.content.decode()
    second = found(staff, region="utena", page=2)
    assert second == [f"Nr{n:02d}" for n in range(25, 30)]
    assert found(staff, region="utena", page="junk") == [f"Nr{n:02d}" for n in range(25)]
    csv_rows = staff.get(BANK, {"region": "utena", "format": "csv", "page": "2"}).content.decode("utf-8-sig")
    assert len(csv_rows.strip().splitlines()) == 31  # the export is the whole result, not one page


def test_bank_data_never_reaches_public_surfaces(bank, client):
    secrets = ("Narys", "jonas.narys@example.test", "Tik darbo dienomis")
    for url in ("/api/v1/search?q=Narys", "/api/v1/search?q=jonas.narys%40example.test",
                "/api/v1/search/autocomplete?q=Nar", "/api/v1/qualifications/", "/api/v1/qualifications/K4101301",
                "/api/v1/units/PSI01-V01", "/api/cms/v2/pages/", "/search/?q=Narys"):
        response = client.get(url, HTTP_ACCEPT="application/json")
        assert response.status_code < 500, url
        body = response.content.decode()
        assert not any(secret in body for secret in secrets), url
    found_api = client.get("/api/v1/search", {"q": "Narys"}).json()
    assert found_api["total"] == 0 and found_api["hits"] == []
