"""load_demo_pages: the demo website on top of whatever registry is loaded (ideally load_demo).

Pages exist in Lithuanian and English; committee pages are made for every published sector,
with news and a past meeting (agenda, materials, minutes, decisions) for S08, S09 and S05."""

from __future__ import annotations

from wagtail.models import Collection

from cms.activities.models import ActivityAreaPage
from cms.registry.models import OccupationalStandard, Qualification, Sector

from ..editorial import setup_cms
from ..editorial.groups import committee_collection_name
from ..editorial.tree import ensure_site_tree
from ..models import InformationPage, SectionPage
from . import content_activities as activities
from . import content_committees as committees
from . import content_site as site
from .builder import PageSpec, ensure_page
from .files import demo_document, demo_image

# Committees that get news and a meeting: these if published (they have programmes in the
# demo registry), otherwise the first three sectors.
FEATURED = ("S08", "S09", "S05")


def _sections(home, counts):
    sections = {}
    for slug, (title_lt, title_en, intro_lt, intro_en) in site.SECTIONS.items():
        spec = PageSpec(SectionPage, slug, lt={"title": title_lt, "intro": f"<p>{intro_lt}</p>"},
                        en={"title": title_en, "intro": f"<p>{intro_en}</p>"}, common={"show_in_menus": True})
        sections[slug] = ensure_page(home, spec, counts)[0]
    return sections


def _fill_home(homes, spk_section):
    """The home pages come from setup_cms empty; give them text once (with an internal link)."""
    image = demo_image("KPMPC reklamjuostė", "kpmpc-banner.png")
    for language, home in homes.items():
        if home.intro:
            continue
        home.intro = site.HOME_INTRO[language]
        link_target = spk_section.get_translation_or_none(home.locale) or spk_section
        home.body = [("paragraph", site.HOME_BODY[language].format(spk=link_target.pk)),
                     ("image", {"image": image, "caption": "KPMPC"})]
        home.save_revision().publish()


def _activity_areas(section, counts):
    for number, (slug, title_lt, title_en, items) in enumerate(activities.AREAS, start=1):
        spec = PageSpec(
            ActivityAreaPage, slug,
            lt={"title": title_lt, "sub_activities": activities.sub_activities(items, "lt")},
            en={"title": title_en, "sub_activities": activities.sub_activities(items, "en")},
            common={"number": number, "show_in_menus": True},
        )
        ensure_page(section, spec, counts)


def _information(section, counts):
    for slug, topic, title_lt, title_en, texts_lt, texts_en in site.INFORMATION:
        spec = PageSpec(InformationPage, slug, lt={"title": title_lt, "body": site.paragraphs(texts_lt)},
                        en={"title": title_en, "body": site.paragraphs(texts_en)}, common={"topic": topic})
        ensure_page(section, spec, counts)


def _committee_documents(sector):
    collection = Collection.objects.filter(name=committee_collection_name(sector.code)).first()
    code = sector.code
    return (
        demo_document(f"{code} posėdžio darbotvarkė", f"{code.lower()}-darbotvarke.pdf",
                      [f"SPK {code} meeting agenda (demo)"], collection),
        demo_document(f"{code} standarto projektas", f"{code.lower()}-standarto-projektas.pdf",
                      [f"SPK {code} draft occupational standard (demo)"], collection),
        demo_document(f"{code} posėdžio protokolas", f"{code.lower()}-protokolas.pdf",
                      [f"SPK {code} meeting minutes (demo)", "Decisions: draft standard approved."], collection),
    )


def _committees(section, news_section, counts):
    sectors = list(Sector.objects.filter(live=True).order_by("code"))
    chosen = {s.code for s in sectors if s.code in FEATURED} or {s.code for s in sectors[:3]}
    featured = []
    for index, sector in enumerate(sectors):
        standard = OccupationalStandard.objects.filter(sector=sector, live=True).order_by("code").first()
        qualification = Qualification.objects.filter(sectors=sector, live=True).order_by("code").first()
        page, _ = ensure_page(section, committees.committee_spec(sector, index, standard), counts)
        if sector.code not in chosen:
            continue
        featured.append(sector)
        ensure_page(page, committees.sector_news_spec(sector, standard, qualification), counts)
        ensure_page(page, committees.meeting_spec(sector, standard, *_committee_documents(sector)), counts)
    if featured:
        ensure_page(news_section, committees.chairs_news_spec(featured), counts)
        ensure_page(news_section, committees.competition_spec(featured[0]), counts)


def load_demo_pages() -> dict[str, int]:
    """Counts of the pages created now, per type (empty on a second run)."""
    setup_cms()
    counts: dict[str, int] = {}
    sections = _sections(ensure_site_tree()["lt"], counts)
    homes = ensure_site_tree()  # fresh rows: adding the sections changed the home pages
    _fill_home(homes, sections["spk"])
    _activity_areas(sections["veiklos-sritys"], counts)
    _information(sections["spk-nariams"], counts)
    _committees(sections["spk"], sections["naujienos"], counts)
    report = demo_document("Kvalifikacijų poreikio prognozavimo ataskaita", "kvalifikaciju-poreikis.pdf",
                           ["Qualification-needs forecasting study (demo)"])
    for spec in committees.publication_specs(report):
        ensure_page(sections["leidiniai"], spec, counts)
    setup_cms()  # grants and workflows for the committee pages just made
    return counts
