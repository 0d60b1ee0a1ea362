"""Record factories: valid sample entities, and a deterministic synthetic "world" of them."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from rdflib import Graph, URIRef

from graph.mapping import EntityRecord
from graph.projection import entity_graph_name, project
from tests.graph.mappings import MAPPINGS

BASE = "https://data.kpmpc.lt"


def sector(code: str = "S05", **values) -> EntityRecord:
    data = {
        "name_lt": "Statybos",
        "name_en": "Construction",
        "nace_sections": ["F"],
        "committee_name_lt": "Statybos sektorinis profesinis komitetas",
        "committee_name_en": "Construction Sectoral Professional Committee",
    }
    return EntityRecord("sector", code, {**data, **values})


def standard(code: str = "PSF01", **values) -> EntityRecord:
    data = {
        "title_lt": "Statybos profesinis standartas",
        "title_en": "Construction occupational standard",
        "sector": "S05",
        "approval_order": "V1-140",
        "issued": dt.date(2019, 7, 12),
        "status": "valid",
    }
    return EntityRecord("standard", code, {"code": code, **data, **values})


def unit(code: str = "PSF01-V03", **values) -> EntityRecord:
    data = {
        "title_lt": "Mūro darbai",
        "title_en": "Masonry",
        "level": 4,
        "standard": code.split("-")[0],
        "specialisation": False,
        "competences": [
            {"code": f"{code}-K1", "name_lt": "Mūryti sienas", "name_en": "Lay walls"},
            {
                "code": f"{code}-K2",
                "name_lt": "Tinkuoti",
                "name_en": "Plaster",
                "boundary_lt": "Vidaus darbai",
            },
        ],
    }
    return EntityRecord("unit", code, {"code": code, **data, **values})


def qualification(code: str = "K4101301", **values) -> EntityRecord:
    data = {
        "title_lt": "Mūrininkas",
        "title_en": "Bricklayer",
        "description_lt": "Kvalifikacija mūro darbams",
        "level": 4,
        "sectors": ["S05"],
        "standard": "PSF01",
        "units": ["PSF01-V03"],
        "outcomes": [
            {"position": 1, "text_lt": "Mūryti sienas", "text_en": "Lay walls"},
            {"position": 2, "text_lt": "Tinkuoti paviršius", "text_en": "Plaster surfaces"},
        ],
        "isced_f": "0732",
        "qualification_type": "work",
        "status": "valid",
        "issued": dt.date(2020, 1, 15),
        "modified": dt.datetime(2024, 5, 1, 12, 30, tzinfo=dt.UTC),
    }
    return EntityRecord("qualification", code, {"code": code, **data, **values})


def module(code: str = "4102201", **values) -> EntityRecord:
    data = {
        "title_lt": "Įvadas į profesiją",
        "title_en": "Introduction to the occupation",
        "level": int(code[0]),
        "credits": 5,
        "competences": ["PSF01-V03-K1"],
        "outcomes": [{"position": 1, "text_lt": "Apibūdinti profesiją", "criterion_lt": "Apibūdinta"}],
    }
    return EntityRecord("module", code, {"code": code, **data, **values})


def programme(
    code: str = "M44101301", modules: list[tuple[str, str, int]] | None = None, **values
) -> EntityRecord:
    """``modules``: (code, role, credits) — credits only matter to the caller's module records."""
    modules = modules or [
        ("4102201", "introductory", 5),
        ("4102202", "competence", 20),
        ("4102203", "optional", 5),
        ("4102204", "final", 5),
    ]
    mandatory = sum(c for _, role, c in modules if role != "optional")
    data = {
        "title_lt": "Mūrininko modulinė profesinio mokymo programa",
        "title_en": "Bricklayer modular VET programme",
        "kind": "initial",
        "qualification": "K4101301",
        "level": 4,
        "credits": mandatory + 5,
        "required_optional_credits": 5,
        "module_codes": [m for m, _, _ in modules],
        "modules": [{"module": m, "role": role, "position": i} for i, (m, role, _) in enumerate(modules, 1)],
    }
    return EntityRecord("programme", code, {"code": code, **data, **values})


def graph_of(record: EntityRecord, base: str = BASE) -> Graph:
    return project(record, MAPPINGS[record.type_slug], base=base)


def world(
    n_qualifications: int, *, seed: int = 7, defects: bool = True, defect_rate: float = 0.03
) -> Iterator[EntityRecord]:
    """A consistent synthetic register: per qualification one standard, unit, 3 modules, programme.

    With ``defects``, ~3 % of entities get one deliberate defect (missing LT/EN title, bad code,
    wrong credits, reference to a missing entity), so reports have something to find.
    """
    rng = random.Random(seed)
    letters = "ABCDEFGHIJKLMNOPQRSTU"
    for i in range(n_qualifications):
        level = 1 + i % 8
        s = i // 25
        std = f"PS{letters[s % 21]}{(s // 21) % 100:02d}"
        unit_code = f"{std}-V{i % 25:02d}"
        q_code = f"K{level}{i % 10000:04d}{(i // 10000) % 100:02d}"
        p_code = f"M{level}4{i % 10000:04d}{(i // 10000) % 100:02d}"
        mods = [
            (f"{level}{(3 * i + k) % 1000000:06d}", role, credits)
            for k, (role, credits) in enumerate([("introductory", 5), ("optional", 10), ("final", 5)])
        ]
        defect = rng.random() < defect_rate if defects else False
        kind = rng.choice(["lt", "en", "credits", "ref", "code"]) if defect else None
        sector_code = f"S{1 + s % 16:02d}"
        if i % 25 == 0:
            yield standard(std, sector=sector_code)
        yield unit(unit_code, level=level, standard=std)
        for m, _, credits in mods:
            yield module(m, level=level, credits=credits, competences=[f"{unit_code}-K1"])
        yield qualification(
            q_code,
            level=level,
            sectors=[sector_code],
            standard=std,
            units=[unit_code] if kind != "ref" else ["PSZ99-V99"],
            title_lt=None if kind == "lt" else f"Kvalifikacija {i}",
            title_en=None if kind == "en" else f"Qualification {i}",
        )
        prog = programme(
            p_code,
            modules=mods,
            qualification=q_code,
            level=level,
            credits=15 + (1 if kind == "credits" else 0),
            required_optional_credits=5,
        )
        if kind == "code":
            prog.values["code"] = p_code + "X"
        yield prog


def world_graphs(n_qualifications: int, *, base: str = BASE, **kwargs) -> Iterator[tuple[URIRef, Graph]]:
    for record in world(n_qualifications, **kwargs):
        yield entity_graph_name(record, base), graph_of(record, base)


def sector_graphs(base: str = BASE) -> Iterator[tuple[URIRef, Graph]]:
    """The 16 demo sectors (and committees) from ontology/vocab/sectors.ttl, one entity graph each.

    Sectors are registry entities: the vocabulary graph keeps only the scheme, the database
    (seeded from that file) publishes each sector to ``{BASE}/graph/sector/{code}``.
    """
    from rdflib.namespace import SKOS

    from graph.uris import graph_name
    from ontology.loader import load_vocabulary
    from ontology.namespaces import KQ

    source = load_vocabulary("sector-scheme", base=base)
    for sector, code in source.subject_objects(SKOS.notation):
        if not str(sector).startswith(f"{base}/id/sector/"):
            continue
        graph = Graph()
        for node in [sector, *source.objects(sector, KQ.hasCommittee)]:
            for triple in source.triples((node, None, None)):
                graph.add(triple)
        yield graph_name(base, "sector", str(code)), graph
