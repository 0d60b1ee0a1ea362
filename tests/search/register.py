"""A small realistic register (real LT qualification names, ../shared/reference/lt-domain.md §8.2),
projected into a real in-memory graph store with the project's mappings.

Cross-sector links are deliberate: the plumber (construction) takes the welding unit and the
steel-welding module of the metals sector; the electrician is in two sectors; every level-IV
programme shares the general safety module; one qualification is withdrawn.
"""

from __future__ import annotations

import datetime as dt

from graph.projection import entity_graph_name
from graph.stores.oxigraph import OxigraphStore
from graph.vocabularies import load_reference_vocabularies
from tests.graph.records import (
    BASE,
    graph_of,
    module,
    programme,
    qualification,
    sector_graphs,
    standard,
    unit,
)

SAFETY = "4000006"  # general module shared by every level-IV programme

# code, LT title, EN title, sector
STANDARD_ROWS = [
    ("PSI01", "Apgyvendinimo ir maitinimo paslaugų profesinis standartas", "Accommodation and catering occupational standard", "S08"),
    ("PSC01", "Metalo gaminių gamybos profesinis standartas", "Metal products occupational standard", "S04"),
    ("PSF01", "Statybos profesinis standartas", "Construction occupational standard", "S05"),
    ("PSD01", "Energetikos profesinis standartas", "Energy occupational standard", "S06"),
    ("PSS01", "Asmens paslaugų profesinis standartas", "Personal services occupational standard", "S16"),
    ("PSK01", "Finansų ir apskaitos paslaugų profesinis standartas", "Finance and accounting occupational standard", "S16"),
]  # fmt: skip

# code, LT title, EN title, level, competences [(LT name, EN name)] numbered K1, K2, …
UNIT_ROWS = [
    ("PSI01-V01", "Patiekalų gaminimas", "Cooking", 4, [
        ("Gaminti šaltuosius ir karštuosius patiekalus", "Prepare cold and hot dishes"),
        ("Laikytis maisto saugos ir higienos reikalavimų", "Follow food safety and hygiene rules")]),
    ("PSI01-V02", "Svečių aptarnavimas", "Serving guests", 4, [
        ("Aptarnauti svečius restorane", "Serve guests in a restaurant"), ("Gaminti gėrimus", "Prepare beverages")]),
    ("PSC01-V01", "Suvirinimo darbai", "Welding", 3, [
        ("Suvirinti plieno konstrukcijas lankiniu būdu", "Weld steel structures by arc welding"),
        ("Skaityti techninius brėžinius", "Read technical drawings")]),
    ("PSF01-V01", "Vamzdynų montavimas", "Pipe installation", 4, [
        ("Montuoti vandentiekio ir nuotekų vamzdynus", "Install water supply and sewage pipes")]),
    ("PSF01-V02", "Mūro darbai", "Masonry", 4, [("Mūryti sienas", "Lay walls")]),
    ("PSD01-V01", "Elektros instaliacijos įrengimas", "Electrical installation", 4, [
        ("Įrengti elektros instaliaciją", "Install electrical wiring")]),
    ("PSS01-V01", "Plaukų kirpimas ir dažymas", "Haircutting and colouring", 4, [
        ("Kirpti plaukus", "Cut hair"), ("Dažyti plaukus", "Colour hair")]),
    ("PSS01-V02", "Veido odos priežiūra", "Facial skin care", 4, [
        ("Atlikti veido odos priežiūros procedūras", "Perform facial care")]),
    ("PSK01-V01", "Apskaitos tvarkymas", "Bookkeeping", 4, [
        ("Tvarkyti ūkinių operacijų apskaitą", "Keep accounts of business transactions"),
        ("Rengti finansines ataskaitas", "Prepare financial statements")]),
]  # fmt: skip

# code, LT, EN, level, sectors, units, ISCED-F, day of 2024-01 modified, LT/EN description, status
QUALIFICATION_ROWS = [
    ("K4101301", "Virėjas", "Cook", 4, ["S08"], ["PSI01-V01"], "1013", 3,
     "Virėjas gamina patiekalus restoranuose ir kavinėse.", "A cook prepares dishes.", "valid"),
    ("K3101301", "Virėjo padėjėjas", "Assistant cook", 3, ["S08"], ["PSI01-V01"], "1013", 4,
     "Padeda virėjui ruošti produktus.", "Helps the cook.", "valid"),
    ("K4101302", "Padavėjas ir barmenas", "Waiter and bartender", 4, ["S08"], ["PSI01-V02"], "1013", 5,
     "Aptarnauja svečius.", "Serves guests.", "valid"),
    ("K3071501", "Suvirintojas", "Welder", 3, ["S04"], ["PSC01-V01"], "0715", 6,
     "Suvirintojas atlieka suvirinimo darbus lankiniu būdu.", "A welder joins metal.", "valid"),
    ("K4073201", "Santechnikas", "Plumber", 4, ["S05"], ["PSF01-V01", "PSC01-V01"], "0732", 7,
     "Montuoja vandentiekio sistemas.", "Installs plumbing.", "valid"),
    ("K4073202", "Mūrininkas", "Bricklayer", 4, ["S05"], ["PSF01-V02"], "0732", 8,
     "Mūrija pastatų sienas.", "Builds walls.", "valid"),
    ("K4071301", "Elektrikas", "Electrician", 4, ["S05", "S06"], ["PSD01-V01"], "0713", 9,
     "Įrengia elektros instaliaciją.", "Installs electrical wiring.", "valid"),
    ("K4101201", "Kirpėjas", "Hairdresser", 4, ["S16"], ["PSS01-V01"], "1012", 10,
     "Kerpa ir dažo plaukus.", "Cuts and colours hair.", "valid"),
    ("K4101202", "Kosmetikas", "Beautician", 4, ["S16"], ["PSS01-V02"], "1012", 11,
     "Prižiūri veido odą.", "Takes care of facial skin.", "valid"),
    ("K4041101", "Apskaitininkas", "Bookkeeper", 4, ["S16"], ["PSK01-V01"], "0411", 12,
     "Tvarko įmonės buhalteriją.", "Keeps the books of a company.", "valid"),
    ("K4071302", "Atsinaujinančių energijos šaltinių įrenginių montuotojas", "Renewable energy equipment installer",
     4, ["S06"], ["PSD01-V01"], "0713", 13, "Montuoja saulės elektrines.", "Installs solar plants.", "withdrawn"),
]  # fmt: skip

# code, LT, EN, credits, competences
MODULE_ROWS = [
    (SAFETY, "Saugus elgesys ekstremaliose situacijose", "Safe conduct in emergencies", 1, []),
    ("4101102", "Šaltųjų ir karštųjų patiekalų gaminimas", "Cold and hot dishes", 10, ["PSI01-V01-K1", "PSI01-V01-K2"]),
    ("3071502", "Plieno konstrukcijų suvirinimas lankiniu būdu", "Arc welding of steel structures", 10, ["PSC01-V01-K1"]),
    ("4073202", "Vandentiekio vamzdynų montavimas", "Installing water pipes", 10, ["PSF01-V01-K1"]),
    ("4071302", "Elektros instaliacijos įrengimas", "Electrical installation", 10, ["PSD01-V01-K1"]),
]  # fmt: skip

# code, LT, EN, qualification, level, modules
PROGRAMME_ROWS = [
    ("M44101301", "Virėjo modulinė profesinio mokymo programa", "Cook VET programme", "K4101301", 4, ["4101102", SAFETY]),
    ("M33071501", "Suvirintojo modulinė profesinio mokymo programa", "Welder VET programme", "K3071501", 3, ["3071502"]),
    ("M44073201", "Santechniko modulinė profesinio mokymo programa", "Plumber VET programme", "K4073201", 4,
     ["4073202", "3071502", SAFETY]),
    ("M44071301", "Elektriko modulinė profesinio mokymo programa", "Electrician VET programme", "K4071301", 4,
     ["4071302", SAFETY]),
]  # fmt: skip

STANDARDS = [standard(c, title_lt=lt, title_en=en, sector=s) for c, lt, en, s in STANDARD_ROWS]
UNITS = [
    unit(
        code,
        title_lt=lt,
        title_en=en,
        level=level,
        competences=[
            {"code": f"{code}-K{i}", "name_lt": c_lt, "name_en": c_en}
            for i, (c_lt, c_en) in enumerate(comps, 1)
        ],
    )
    for code, lt, en, level, comps in UNIT_ROWS
]
QUALIFICATIONS = [
    qualification(
        code,
        title_lt=lt,
        title_en=en,
        description_lt=d_lt,
        description_en=d_en,
        level=level,
        sectors=sectors,
        units=units,
        isced_f=isced,
        status=status,
        standard="PSF01" if code == "K4073201" else units[0].split("-")[0],
        outcomes=[{"position": 1, "text_lt": d_lt, "text_en": d_en}],
        modified=dt.datetime(2024, 1, day, 12, 0, tzinfo=dt.UTC),
    )
    for code, lt, en, level, sectors, units, isced, day, d_lt, d_en, status in QUALIFICATION_ROWS
]
MODULES = [
    module(code, title_lt=lt, title_en=en, credits=credits, competences=comps)
    for code, lt, en, credits, comps in MODULE_ROWS
]
PROGRAMMES = [
    programme(
        code,
        title_lt=lt,
        title_en=en,
        qualification=q,
        level=level,
        modules=[(m, "competence", 10) for m in mods],
    )
    for code, lt, en, q, level, mods in PROGRAMME_ROWS
]
RECORDS = [*STANDARDS, *UNITS, *MODULES, *QUALIFICATIONS, *PROGRAMMES]


def uri(kind: str, code: str) -> str:
    return f"{BASE}/id/{kind}/{code}"


def register_store() -> OxigraphStore:
    """A fresh in-memory store: vocabularies, the 16 sectors and the register above."""
    store = OxigraphStore()
    load_reference_vocabularies(store, base=BASE)
    store.load_graphs(sector_graphs(BASE))
    store.load_graphs((entity_graph_name(r, BASE), graph_of(r)) for r in RECORDS)
    return store
