"""The RDF terms search documents are read from, and the small vocabularies read once per build."""

from __future__ import annotations

from graph.stores.base import GraphStore
from graph.uris import scheme_uri
from ontology.namespaces import ADMS, DCTERMS, ELM, EQF, ISCED_F, KQ, RDF, SKOS
from search.document import Ref
from search.graph_rows import rows

ID, TITLE, DESC = str(DCTERMS.identifier), str(DCTERMS.title), str(DCTERMS.description)
MODIFIED, ISSUED = str(DCTERMS.modified), str(DCTERMS.issued)
NOTATION, PREF, DEFINITION = str(SKOS.notation), str(SKOS.prefLabel), str(SKOS.definition)
NQF, EQF_LEVEL, ISCED = str(ELM.NQFLevel), str(ELM.EQFLevel), str(ELM.ISCEDFCode)
OUTCOME, HAS_PART = str(ELM.learningOutcome), str(ELM.hasPart)
SECTOR, HAS_UNIT, HAS_COMP = str(KQ.sector), str(KQ.hasUnit), str(KQ.hasCompetence)
AWARDS, STANDARD, POSITION = str(KQ.awardsQualification), str(KQ.occupationalStandard), str(KQ.position)
STATUS, TYPE = str(ADMS.status), str(RDF.type)

#: What a linked entity contributes (names, codes, the links followed further).
LINKED = (TYPE, ID, TITLE, NOTATION, PREF, HAS_COMP, HAS_PART, AWARDS, SECTOR, ISCED, POSITION)
#: What a document entity contributes.
OWN = (*LINKED, DESC, DEFINITION, NQF, EQF_LEVEL, STATUS, MODIFIED, ISSUED, HAS_UNIT, OUTCOME, STANDARD)

CLASSES = {
    str(ELM.Qualification): "qualification",
    str(KQ.OccupationalStandard): "standard",
    str(KQ.VetProgramme): "programme",
    str(KQ.Module): "module",
}
STATUSES = {str(KQ.StatusValid): "valid", str(KQ.StatusWithdrawn): "withdrawn"}


class Vocab:
    """Sectors and LTKS levels, read once: every document refers to a few of them."""

    def __init__(self, store: GraphStore, base: str) -> None:
        self.sector_scheme = str(scheme_uri(base, "sector"))
        self.sectors: dict[str, Ref] = {}
        query = (
            "SELECT ?s ?code ?label ?lang WHERE { "
            f"?s <{SKOS.inScheme}> <{self.sector_scheme}> ; <{NOTATION}> ?code . "
            f"OPTIONAL {{ ?s <{PREF}> ?label BIND(LANG(?label) AS ?lang) }} }}"
        )
        names: dict[str, dict[str, str]] = {}
        for s, code, label, lang in rows(store, query, ("s", "code", "label", "lang")):
            names.setdefault(s, {"code": code})
            if label and lang in ("lt", "en"):
                names[s][lang] = label
        for s, v in names.items():
            self.sectors[s] = Ref(s, v["code"], v.get("lt"), v.get("en"))
        self.levels: dict[str, tuple[int, int | None]] = {}
        query = (
            "SELECT ?l ?n ?eqf WHERE { "
            f"?l <{SKOS.inScheme}> <{scheme_uri(base, 'ltks')}> ; <{NOTATION}> ?n . "
            f'OPTIONAL {{ ?l <{SKOS.exactMatch}> ?eqf FILTER(STRSTARTS(STR(?eqf), "{EQF}")) }} }}'
        )
        for level, n, eqf in rows(store, query, ("l", "n", "eqf")):
            self.levels[level] = (int(n), eqf_level(eqf))


def eqf_level(uri: str | None) -> int | None:
    tail = uri[len(str(EQF)) :] if uri and uri.startswith(str(EQF)) else ""
    return int(tail) if tail.isdigit() else None


def isced_code(uri: str | None) -> str | None:
    return uri[len(str(ISCED_F)) :] if uri and uri.startswith(str(ISCED_F)) else None
