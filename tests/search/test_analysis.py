"""Lithuanian and English analysis on real word forms (the same functions index and query)."""

from __future__ import annotations

import pytest

from search.analysis import MIN_PREFIX, en_form, fold, fuzziness, lt_forms, sort_key
from search.terms import MAX_TERMS, parse_text


def meet(a: str, b: str) -> bool:
    return bool(set(lt_forms(a)) & set(lt_forms(b)))


def test_folding_removes_every_lithuanian_diacritic_and_lowercases():
    assert fold("ąčęėįšųūž ĄČĘĖĮŠŲŪŽ") == "aceeisuuz aceeisuuz"
    assert fold("Virėjas") == "virejas"


@pytest.mark.parametrize("typed", ["virejas", "virėjas", "virėjo", "virėją", "virejui"])
def test_cook_with_or_without_diacritics_meets_the_indexed_name(typed):
    assert meet(typed, "virėjas")


def test_why_both_stem_orders_are_kept():
    # Snowball stems the accented and the folded spelling differently: "vir" vs "virej".
    assert lt_forms("virėjas") == ("vir", "virej")
    assert lt_forms("virejas") == ("virej",)


@pytest.mark.parametrize(
    "form", ["suvirintojas", "suvirintojo", "suvirintojai", "suvirintojų", "suvirintojams"]
)
def test_welder_forms_conflate(form):
    assert meet(form, "suvirintojas")


@pytest.mark.parametrize("form", ["kirpėjas", "kirpėja", "kirpeja", "kirpėjos"])
def test_hairdresser_forms_conflate(form):
    assert meet(form, "kirpėjas")


def test_apskaitos_and_apskaitininkas_meet_only_through_the_stem_prefix():
    # Honest: Snowball does not conflate the derivation ...
    assert not meet("apskaitos", "apskaitininkas")
    # ... so the backends also match a stem that starts another one (≥ MIN_PREFIX chars).
    (query_stem,) = lt_forms("apskaitos")
    (name_stem,) = lt_forms("apskaitininkas")
    assert name_stem.startswith(query_stem) and len(query_stem) >= MIN_PREFIX


def test_suvirinimo_reaches_suvirintojas_through_the_shorter_stem():
    (word,) = parse_text("suvirinimo").words
    assert set(lt_forms("suvirintojas")) & set(word.lt_prefixes)


@pytest.mark.parametrize(
    "word, stem", [("welders", "welder"), ("cooks", "cook"), ("Hairdressers", "hairdress")]
)
def test_english_stemming(word, stem):
    assert en_form(word.lower()) == stem


def test_typo_distance_grows_with_length():
    assert [fuzziness(s) for s in ("vir", "virej", "suvirinim")] == [0, 1, 2]


def test_names_sort_in_lithuanian_alphabetical_order():
    names = [
        "Žvejys",
        "Dailidė",
        "Čiuožėjas",
        "Cukrininkas",
        "Zoologas",
        "Yda",
        "Įrankis",
        "Ilgis",
        "Ąsotis",
        "Avys",
    ]
    assert sorted(names, key=sort_key) == [
        "Avys",
        "Ąsotis",
        "Cukrininkas",
        "Čiuožėjas",
        "Dailidė",
        "Ilgis",
        "Įrankis",
        "Yda",
        "Zoologas",
        "Žvejys",
    ]
    assert sort_key(None) > sort_key("Žžž")  # missing names last


def test_query_text_is_words_only():
    parsed = parse_text('"virėjas" AND (kirpėja*) ~ ir')
    assert [w.word for w in parsed.words] == ["virėjas", "kirpėja"]  # "and", "ir": stop words
    assert parse_text("ir").words[0].word == "ir"  # only stop words: keep them
    assert parse_text("virejas virejas Virejas").minimum_should_match == 1


def test_long_query_text_is_cut():
    parsed = parse_text(" ".join(f"zodis{i}" for i in range(500)))
    assert parsed.truncated and len(parsed.words) == MAX_TERMS
    (word,) = parse_text("a" * 10_000).words
    assert len(word.word) == 40
    assert [parse_text(" ".join(["x"] * n)).minimum_should_match for n in (1, 2, 3, 4, 8)] == [1, 1, 1, 1, 1]
    assert [
        parse_text(" ".join(f"w{i}" for i in range(n))).minimum_should_match for n in (1, 2, 3, 4, 8)
    ] == [
        1,
        2,
        3,
        3,
        6,
    ]
