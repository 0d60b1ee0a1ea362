"""Bad input gets a clear field error before anything is written."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cms.registry.models import Module, Qualification, Sector

pytestmark = pytest.mark.django_db


def _errors(obj) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    return caught.value.message_dict


def _sector(code="S05") -> Sector:
    return Sector.objects.create(
        code=code, name_lt="Statybos", nace_sections="F", committee_name_lt="Statybos SPK"
    )


@pytest.mark.parametrize("code", ["K41013", "Q4101301", "k4101301", "K9101301", "K4101301 "])
def test_invalid_qualification_codes_are_refused_on_the_code_field(code):
    qualification = Qualification(code=code, name_lt="Virėjas", ltks_level=4, isced_f="1013")
    assert "code" in _errors(qualification)


def test_duplicate_code_is_refused():
    _sector("S05")
    assert "code" in _errors(
        Sector(code="S05", name_lt="Kitas", nace_sections="F", committee_name_lt="SPK")
    )


def test_missing_lithuanian_name_is_refused():
    qualification = Qualification(code="K4101301", name_lt="", name_en="Cook", ltks_level=4, isced_f="1013")
    assert "name_lt" in _errors(qualification)


@pytest.mark.parametrize("level", [0, 9, 12])
def test_level_out_of_range_is_refused(level):
    qualification = Qualification(code="K4101301", name_lt="Virėjas", ltks_level=level, isced_f="1013")
    assert "ltks_level" in _errors(qualification)


def test_unknown_isced_field_is_refused():
    qualification = Qualification(code="K4101301", name_lt="Virėjas", ltks_level=4, isced_f="1234")
    assert "isced_f" in _errors(qualification)


def test_module_code_must_start_with_its_level():
    module = Module(code="3102201", name_lt="Saugus elgesys", ltks_level=4, credits=1)
    errors = _errors(module)
    assert "code" in errors
    assert "4" in " ".join(errors["code"])


def test_module_credits_must_be_positive():
    module = Module(code="4102201", name_lt="Saugus elgesys", ltks_level=4, credits=0)
    assert "credits" in _errors(module)


def test_nace_sections_must_be_letters():
    sector = Sector(code="S06", name_lt="Energetikos", nace_sections="D, 7", committee_name_lt="SPK")
    assert "nace_sections" in _errors(sector)


def test_published_code_cannot_change(graph):
    sector = _sector("S05")
    sector.save_revision().publish()
    sector.refresh_from_db()
    sector.code = "S06"
    assert "code" in _errors(sector)
