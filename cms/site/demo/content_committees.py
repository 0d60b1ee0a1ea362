"""SPK committee pages, their news, a past meeting, an event and publications.

Facts come from the mission documents and the demo registry; people are fictional."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from cms.committees.models import CommitteePage, MeetingPage
from cms.news.models import EventPage, EventSector, NewsPage, NewsSector
from cms.publications.models import PublicationPage

from .builder import PageSpec
from .content_site import paragraphs

# (chair, KPMPC coordinator): fictional names.
PEOPLE = [
    ("Rasa Pavyzdienė", "Tomas Pavyzdys"),
    ("Ieva Bandomoji", "Lukas Pavyzdėlis"),
    ("Greta Demonstraitė", "Paulius Bandymas"),
    ("Aistė Išgalvotoji", "Marius Pavyzdinis"),
]

ROLE = {
    "lt": ["Komitetas padeda nustatyti prioritetus profesiniams standartams sektoriuje rengti, nustatyti "
           "pagrindines sektoriaus ir tarpsektorines kvalifikacijas, aptarti (vertinti) standartus ir profesinio "
           "mokymo programas, inicijuoti naujas kvalifikacijas ir užtikrinti kvalifikacijų kokybę."],
    "en": ["The committee helps set priorities for preparing the sector's occupational standards, identify the "
           "main sectoral and cross-sectoral qualifications, discuss (evaluate) standards and VET programmes, "
           "initiate new qualifications and assure their quality."],
}


def _local(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _refs(*entities):
    pairs = [(type(e).rdf_mapping.type_slug, e) for e in entities if e is not None]
    return [("registry_reference", pairs)] if pairs else []


def committee_spec(sector, index: int, standard) -> PageSpec:
    chair, coordinator = PEOPLE[index % len(PEOPLE)]
    return PageSpec(
        CommitteePage, sector.code.lower(),
        lt={"title": sector.committee_name_lt, "body": paragraphs(ROLE["lt"]) + _refs(standard)},
        en={"title": sector.committee_name_en or sector.committee_name_lt, "slug": sector.code.lower(),
            "body": paragraphs(ROLE["en"]) + _refs(standard)},
        common={"sector": sector, "chair_name": chair, "coordinator_name": coordinator, "show_in_menus": True},
    )


def sector_news_spec(sector, standard, qualification) -> PageSpec:
    name_lt = standard.name_lt if standard else sector.name_lt
    name_en = (standard.name_en or standard.name_lt) if standard else (sector.name_en or sector.name_lt)
    return PageSpec(
        NewsPage, f"{sector.code.lower()}-standarto-aptarimas",
        lt={"title": f"SPK aptarė profesinio standarto „{name_lt}“ atnaujinimą",
            "intro": "<p>Komiteto nariai įvertino standarto projektą ir pasiūlė kvalifikacijų prioritetus.</p>",
            "body": paragraphs(["Aptarta standarto rengimo pažanga ir tolesni darbai."]) + _refs(standard, qualification)},
        en={"title": f"The SPK discussed updating the occupational standard “{name_en}”",
            "intro": "<p>Committee members evaluated the draft standard and proposed qualification priorities.</p>",
            "body": paragraphs(["Progress in preparing the standard and the next steps were discussed."])
            + _refs(standard, qualification)},
        common={"date": timezone.localdate() - timedelta(days=14), "sector_tags": [NewsSector(sector=sector)],
                "related_entities": [(type(e).rdf_mapping.type_slug, e) for e in (standard, qualification) if e]},
    )


def meeting_spec(sector, standard, agenda_doc, draft_doc, minutes_doc) -> PageSpec:
    standard_lt = f"profesinio standarto „{standard.name_lt}“" if standard else "sektoriaus profesinių standartų"
    standard_en = f"the occupational standard “{standard.name_en or standard.name_lt}”" if standard else \
        "the sector's occupational standards"
    starts_at = _local(-21, 10)
    return PageSpec(
        MeetingPage, f"{sector.code.lower()}-posedis",
        lt={"title": f"SPK posėdis {starts_at:%Y-%m-%d}", "place": "KPMPC, Vilnius",
            "agenda": f"<ol><li>Dėl {standard_lt} projekto.</li><li>Dėl naujų kvalifikacijų poreikio sektoriuje."
                      "</li><li>Kiti klausimai.</li></ol>",
            "decisions": "<ul><li>Pritarti standarto projektui su pastabomis.</li><li>Parengti naujų "
                         "kvalifikacijų pasiūlymus kitam posėdžiui.</li></ul>"},
        en={"title": f"SPK meeting {starts_at:%Y-%m-%d}", "slug": f"{sector.code.lower()}-meeting",
            "place": "KPMPC, Vilnius",
            "agenda": f"<ol><li>On the draft of {standard_en}.</li><li>On the need for new qualifications in the "
                      "sector.</li><li>Other matters.</li></ol>",
            "decisions": "<ul><li>To approve the draft standard with comments.</li><li>To prepare proposals "
                         "for new qualifications for the next meeting.</li></ul>"},
        common={"starts_at": starts_at, "minutes": minutes_doc,
                "materials": [("document", agenda_doc), ("document", draft_doc)]},
    )


def chairs_news_spec(sectors) -> PageSpec:
    return PageSpec(
        NewsPage, "spk-pirmininku-komitetas",
        lt={"title": "Įsteigtas SPK pirmininkų komitetas",
            "intro": "<p>Sektorinių profesinių komitetų pirmininkai susitiks reguliariai.</p>",
            "body": paragraphs(["Galimos komiteto veiklos sritys: tarpsektorių kvalifikacijų klausimai, naujų "
                                "kvalifikacijų inicijavimas, kvalifikacijų kokybės užtikrinimas, kvalifikacijų "
                                "formavimo planavimas."])},
        en={"title": "A committee of SPK chairs has been established",
            "intro": "<p>The chairs of the sectoral professional committees will meet regularly.</p>",
            "body": paragraphs(["Its possible topics: cross-sectoral qualifications, initiating new "
                                "qualifications, qualification quality assurance, planning qualification "
                                "development."])},
        common={"date": timezone.localdate() - timedelta(days=3),
                "sector_tags": [NewsSector(sector=s) for s in sectors]},
    )


def competition_spec(sector) -> PageSpec:
    return PageSpec(
        EventPage, "profesinio-meistriskumo-konkursas",
        lt={"title": "Profesinio meistriškumo konkursas", "place": "Vilnius",
            "intro": "<p>SPK nariai kviečiami dalyvauti organizuojant konkursą ir vertinant dalyvius.</p>"},
        en={"title": "Vocational skills competition", "place": "Vilnius",
            "intro": "<p>SPK members are invited to help organise the competition and assess the participants.</p>"},
        common={"starts_at": _local(45, 9), "ends_at": _local(46, 17), "sector_tags": [EventSector(sector=sector)]},
    )


def publication_specs(report_doc) -> list[PageSpec]:
    return [
        PageSpec(
            PublicationPage, "kvalifikaciju-poreikio-prognoze",
            lt={"title": "Kvalifikacijų poreikio prognozavimo tyrimo ataskaita",
                "intro": "<p>Kvalifikacijų poreikio prognostinio tyrimo rezultatai.</p>"},
            en={"title": "Qualification-needs forecasting study report",
                "intro": "<p>Results of the qualification-needs forecasting study.</p>"},
            common={"kind": "research", "published_on": timezone.localdate() - timedelta(days=60),
                    "authors": "KPMPC", "file": report_doc},
        ),
        PageSpec(
            PublicationPage, "profesinio-mokymo-stebesena",
            lt={"title": "Profesinio mokymo ir suaugusiųjų švietimo informacijos apžvalga",
                "intro": "<p>Surinktos ir išanalizuotos informacijos apie profesinį mokymą apžvalga.</p>"},
            en={"title": "Review of information on VET and adult education",
                "intro": "<p>A review of the information collected and analysed on VET.</p>"},
            common={"kind": "analysis", "published_on": timezone.localdate() - timedelta(days=120),
                    "authors": "KPMPC"},
        ),
    ]
