"""The assessor bank from the member's side: volunteering with consent, editing, bad input,
withdrawal (GDPR erasure) and the dashboard section."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest

from cms.registry.models import OccupationalStandard, Qualification, QualificationUnit
from cms.spk.assessors.models import AssessorEntry, AssessorLanguage, AssessorLevel, ConsentRecord

from .conftest import TODAY

ME = "/members/assessors/me/"
WITHDRAW = "/members/assessors/me/withdraw/"


def live_qualification(code, sector, level=4, name_lt="Virėjas", name_en="Cook", live=True):
    qualification = Qualification.objects.create(
        code=code, name_lt=name_lt, name_en=name_en, ltks_level=level, isced_f="1013", live=live
    )
    qualification.sectors.set([sector])
    qualification.save()
    return qualification


@pytest.fixture
def registry(spk):
    """Live-ish registry rows (live=True without publishing: nothing here touches the graph)."""
    standard = OccupationalStandard.objects.create(
        code="PSI01", name_lt="Apgyvendinimo standartas", sector=spk.s08, live=True
    )
    return SimpleNamespace(
        cook=live_qualification("K4101301", spk.s08),
        programmer=live_qualification("K5061301", spk.s09, 5, "Programuotojas", "Programmer"),
        draft=live_qualification("K4101302", spk.s08, live=False),
        unit=QualificationUnit.objects.create(
            code="PSI01-V01", name_lt="Patiekalų gaminimas", name_en="Preparing dishes", standard=standard,
            ltks_level=4, live=True,
        ),
    )


def entry_data(**overrides) -> dict:
    data = {
        "qualification_codes": "K4101301", "unit_codes": "psi01-v01", "levels": ["4", "5"], "region": "kaunas",
        "languages": ["lt", "en"], "available_from": TODAY.isoformat(),
        "available_until": (TODAY + datetime.timedelta(days=60)).isoformat(),
        "availability_note": "Tik darbo dienomis", "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def volunteer(client, **overrides):
    return client.post(ME + "?lang=en", entry_data(**overrides))


def test_member_volunteers_with_consent(spk, registry):
    client = spk.client_for(spk.member)
    response = volunteer(client)
    assert response.status_code == 302 and response["Location"] == ME
    entry = AssessorEntry.objects.get(member=spk.member)
    assert list(entry.qualifications.all()) == [registry.cook]
    assert list(entry.units.all()) == [registry.unit]
    assert entry.level_numbers == [4, 5]
    assert entry.language_codes == ["lt", "en"]
    assert entry.region == "kaunas" and entry.availability_note == "Tik darbo dienomis"
    assert entry.consent_given_at is not None
    record = ConsentRecord.objects.get(member=spk.member)
    assert record.action == "given" and record.at == entry.consent_given_at and record.text_version
    page = client.get(ME + "?lang=en").content.decode()
    assert "You are in the assessor bank." in page and "K4101301" in page


def test_consent_not_ticked_creates_nothing(spk, registry):
    response = volunteer(spk.client_for(spk.member), consent=None)
    assert response.status_code == 200
    assert "Without your consent you cannot be in the assessor bank" in response.content.decode()
    assert not AssessorEntry.objects.exists() and not ConsentRecord.objects.exists()


def test_consent_text_says_what_is_stored_and_who_sees_it(spk, registry):
    page = spk.client_for(spk.member).get(ME + "?lang=en").content.decode()
    assert 'name="consent"' in page
    assert "Only KPMPC staff see it" in page and "LTKS levels, region, languages and availability" in page
    lithuanian = spk.client_for(spk.member).get(ME + "?lang=lt").content.decode()
    assert "Mano įrašas vertintojų banke" in lithuanian and "Kauno apskritis" in lithuanian
    assert "Įrašą mato tik KPMPC darbuotojai" in lithuanian


@pytest.mark.parametrize("overrides, field, message", [
    ({"levels": ["4", "9"]}, "levels", "LTKS levels are 1 to 8; “9” is not one of them."),
    ({"levels": []}, "levels", "Choose at least one LTKS level."),
    ({"qualification_codes": "K4101301, K9999999"}, "qualification_codes",
     "No qualification in the registry has the code(s): K9999999."),
    ({"qualification_codes": "K4101302"}, "qualification_codes",  # a draft is not selectable
     "No qualification in the registry has the code(s): K4101302."),
    ({"qualification_codes": " , "}, "qualification_codes", "Name at least one qualification you can assess."),
    ({"unit_codes": "PSZ99-V99"}, "unit_codes", "No qualification unit in the registry has the code(s): PSZ99-V99."),
    ({"available_until": (TODAY - datetime.timedelta(days=1)).isoformat()}, "available_until",
     "Availability cannot end before it starts."),
    ({"available_from": "2025-13-45"}, "available_from", "Enter a valid date."),
    ({"region": "mars"}, "region", "Select a valid choice."),
    ({"languages": ["lt", "xx"]}, "languages", "“xx” is not one of the languages offered."),
    ({"languages": []}, "languages", "Choose at least one language."),
    ({"availability_note": "x" * 2001}, "availability_note", "Ensure this value has at most 2000 characters"),
])
def test_bad_input_gives_clear_errors(spk, registry, overrides, field, message):
    response = volunteer(spk.client_for(spk.member), **overrides)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in response.content.decode()
    assert "Your entry was not saved" in response.content.decode()
    assert not AssessorEntry.objects.exists() and not ConsentRecord.objects.exists()


def test_editing_keeps_consent_and_replaces_the_lists(spk, registry):
    client = spk.client_for(spk.member)
    volunteer(client)
    given_at = AssessorEntry.objects.get().consent_given_at
    page = client.get(ME + "?lang=en").content.decode()
    assert 'name="consent"' not in page  # already given to the current text
    response = volunteer(client, consent=None, qualification_codes="K5061301 K4101301", unit_codes="",
                         levels=["5"], languages=["ru"], region="vilnius", available_from="", available_until="")
    assert response.status_code == 302
    entry = AssessorEntry.objects.get()
    assert sorted(q.code for q in entry.qualifications.all()) == ["K4101301", "K5061301"]
    assert not entry.units.exists() and entry.level_numbers == [5] and entry.language_codes == ["ru"]
    assert entry.available_from is None and entry.consent_given_at == given_at
    assert list(ConsentRecord.objects.values_list("action", flat=True)) == ["given"]


def test_withdrawal_erases_the_entry_and_keeps_the_consent_log(spk, registry):
    client = spk.client_for(spk.member)
    volunteer(client)
    entry = AssessorEntry.objects.get()
    response = client.post(WITHDRAW + "?lang=en", follow=True)
    assert "Your consent was withdrawn and your assessor bank entry was deleted." in response.content.decode()
    assert not AssessorEntry.objects.filter(pk=entry.pk).exists()
    assert not AssessorLevel.objects.exists() and not AssessorLanguage.objects.exists()
    assert not AssessorEntry.qualifications.through.objects.exists()
    assert not AssessorEntry.units.through.objects.exists()
    log = list(ConsentRecord.objects.filter(member=spk.member).values_list("action", flat=True))
    assert log == ["given", "withdrawn"]
    assert client.get(f"/members/assessors/{entry.pk}/").status_code == 403
    again = client.post(WITHDRAW + "?lang=en", follow=True).content.decode()
    assert "You are not in the assessor bank." in again
    assert ConsentRecord.objects.count() == 2


def test_withdraw_needs_post(spk, registry):
    client = spk.client_for(spk.member)
    volunteer(client)
    assert client.get(WITHDRAW).status_code == 405
    assert AssessorEntry.objects.exists()


def test_only_current_members_may_volunteer(spk, registry):
    former = spk.client_for(spk.former)
    page = former.get(ME + "?lang=en")
    assert page.status_code == 200 and 'name="consent"' not in page.content.decode()
    assert "Only a member with a current committee membership" in page.content.decode()
    assert volunteer(former).status_code == 403
    assert spk.client_for(spk.staff).get(ME).status_code == 403  # staff have no member record
    assert not AssessorEntry.objects.exists()


def test_member_sees_own_entry_but_not_anothers(spk, registry):
    volunteer(spk.client_for(spk.member))
    volunteer(spk.client_for(spk.other), qualification_codes="K5061301", unit_codes="")
    mine = AssessorEntry.objects.get(member=spk.member)
    theirs = AssessorEntry.objects.get(member=spk.other)
    client = spk.client_for(spk.member)
    own = client.get(f"/members/assessors/{mine.pk}/?lang=en")
    assert own.status_code == 200 and "Kauno" not in own.content.decode() and "Kaunas County" in own.content.decode()
    refused = client.get(f"/members/assessors/{theirs.pk}/?lang=en")
    assert refused.status_code == 403 and "Kitaitė" not in refused.content.decode()
    assert client.get("/members/assessors/999999/").status_code == 403
    assert spk.client_for(spk.staff).get("/members/assessors/999999/").status_code == 404
    assert spk.client_for(spk.staff).get(f"/members/assessors/{theirs.pk}/").status_code == 200


def test_dashboard_tells_member_and_staff_about_the_bank(spk, registry):
    client = spk.client_for(spk.member)
    before = client.get("/members/?lang=en").content.decode()
    assert "You are not in the assessor bank." in before and ME in before
    volunteer(client)
    after = client.get("/members/?lang=en").content.decode()
    assert "You are in the assessor bank." in after and ME in after
    staff = spk.client_for(spk.staff).get("/members/?lang=en").content.decode()
    assert "1 member is in the assessor bank." in staff and "/members/assessors/" in staff
    committee = client.get(f"/members/committees/{spk.c08.pk}/?lang=en").content.decode()
    assert "assessor bank" not in committee
    assert "assessor bank" not in spk.client_for(spk.former).get("/members/?lang=en").content.decode()
