"""Turn the prefetched properties of a batch (``search.documents``) into search documents."""

from __future__ import annotations

from collections.abc import Iterable

from ontology.namespaces import KQ
from search.document import Ref, SearchDocument
from search.graph_rows import Props
from search.graph_terms import (
    AWARDS,
    DEFINITION,
    DESC,
    EQF_LEVEL,
    HAS_COMP,
    HAS_PART,
    HAS_UNIT,
    ID,
    ISCED,
    ISSUED,
    MODIFIED,
    NOTATION,
    NQF,
    OUTCOME,
    POSITION,
    PREF,
    SECTOR,
    STANDARD,
    STATUS,
    STATUSES,
    TITLE,
    TYPE,
    Vocab,
    eqf_level,
    isced_code,
)

__all__ = ["Assembler"]

_UNIT_CLASS = str(KQ.QualificationUnit)
_EMPTY: dict = {}


class Assembler:
    def __init__(self, props: Props, vocab: Vocab, reverse: list[tuple[str, str, str]]) -> None:
        self.props = props
        self.vocab = vocab
        self.programmes_of_q: dict[str, list[str]] = {}
        self.units_of_std: dict[str, list[str]] = {}
        self.programmes_of_m: dict[str, list[str]] = {}
        for source, pred, target in reverse:
            if pred == AWARDS:
                self.programmes_of_q.setdefault(target, []).append(source)
            elif pred == HAS_PART:
                self.programmes_of_m.setdefault(target, []).append(source)
            elif pred == STANDARD and self._is(source, _UNIT_CLASS):
                self.units_of_std.setdefault(target, []).append(source)

    def _is(self, uri: str, cls: str) -> bool:
        return any(v == cls for v, _ in self.props.get(uri, _EMPTY).get(TYPE, ()))

    def all_programmes_of_qualifications(self) -> set[str]:
        return {p for ps in self.programmes_of_q.values() for p in ps}

    def all_programmes_of_modules(self) -> set[str]:
        return {p for ps in self.programmes_of_m.values() for p in ps}

    # --- small readers ----------------------------------------------------------------

    def values(self, uri: str, pred: str) -> list[str]:
        return sorted(v for v, _ in self.props.get(uri, _EMPTY).get(pred, ()))

    def one(self, uri: str, pred: str) -> str | None:
        found = self.values(uri, pred)
        return found[0] if found else None

    def text(self, uri: str, pred: str, lang: str) -> str | None:
        found = sorted(v for v, tag in self.props.get(uri, _EMPTY).get(pred, ()) if tag == lang)
        return found[0] if found else None

    def ref(self, uri: str, code: str = ID, name: str = TITLE) -> Ref:
        return Ref(uri, self.one(uri, code), self.text(uri, name, "lt"), self.text(uri, name, "en"))

    def refs(self, uris: Iterable[str], code: str = ID, name: str = TITLE) -> list[Ref]:
        return sorted((self.ref(u, code, name) for u in set(uris)), key=lambda r: (r.code or "", r.id))

    def competences(self, holders: Iterable[str]) -> list[Ref]:
        uris = {c for h in holders for c in self.values(h, HAS_COMP)}
        return self.refs(uris, NOTATION, PREF)

    def sectors(self, uris: Iterable[str]) -> list[Ref]:
        found = [self.vocab.sectors[u] for u in set(uris) if u in self.vocab.sectors]
        return sorted(found, key=lambda r: r.code or "")

    def outcomes(self, uri: str, lang: str) -> list[str]:
        nodes = self.values(uri, OUTCOME)
        ordered = sorted(nodes, key=lambda n: (int(self.one(n, POSITION) or 0), n))
        return [t for t in (self.text(n, TITLE, lang) for n in ordered) if t]

    def level(self, uri: str) -> tuple[int | None, int | None]:
        ltks, eqf = self.vocab.levels.get(self.one(uri, NQF) or "", (None, None))
        return ltks, eqf_level(self.one(uri, EQF_LEVEL)) or eqf

    # --- documents ----------------------------------------------------------------

    def document(self, uri: str, kind: str) -> SearchDocument:
        name = PREF if kind == "sector" else TITLE
        code = NOTATION if kind == "sector" else ID
        ltks, eqf = self.level(uri)
        doc = SearchDocument(
            id=uri,
            type=kind,
            code=self.one(uri, code) or uri.rsplit("/", 1)[-1],
            name_lt=self.text(uri, name, "lt"),
            name_en=self.text(uri, name, "en"),
            description_lt=self.text(uri, DEFINITION if kind == "sector" else DESC, "lt"),
            description_en=self.text(uri, DEFINITION if kind == "sector" else DESC, "en"),
            outcomes_lt=self.outcomes(uri, "lt"),
            outcomes_en=self.outcomes(uri, "en"),
            ltks_level=ltks,
            eqf_level=eqf,
            isced=isced_code(self.one(uri, ISCED)),
            status=STATUSES.get(self.one(uri, STATUS) or ""),
            updated=self.one(uri, MODIFIED) or self.one(uri, ISSUED),
        )
        getattr(self, f"_fill_{kind}")(doc)
        doc.refs = sorted(set(doc.refs) - {uri})
        return doc

    def _fill_qualification(self, doc: SearchDocument) -> None:
        units = self.values(doc.id, HAS_UNIT)
        programmes = self.programmes_of_q.get(doc.id, [])
        modules = {m for p in programmes for m in self.values(p, HAS_PART)}
        doc.units = self.refs(units)
        doc.modules = self.refs(modules)
        doc.competences = self.competences([*units, *modules])
        doc.sectors = self.sectors(self.values(doc.id, SECTOR))
        doc.refs = [*units, *programmes, *modules, *self.values(doc.id, STANDARD), *_ids(doc)]

    def _fill_standard(self, doc: SearchDocument) -> None:
        units = self.units_of_std.get(doc.id, [])
        doc.units = self.refs(units)
        doc.competences = self.competences(units)
        doc.sectors = self.sectors(self.values(doc.id, SECTOR))
        doc.refs = [*units, *_ids(doc)]

    def _fill_programme(self, doc: SearchDocument) -> None:
        modules = self.values(doc.id, HAS_PART)
        qualification = self.one(doc.id, AWARDS)
        doc.modules = self.refs(modules)
        doc.competences = self.competences(modules)
        if qualification:
            doc.qualification = self.ref(qualification)
            doc.sectors = self.sectors(self.values(qualification, SECTOR))
            doc.isced = doc.isced or isced_code(self.one(qualification, ISCED))
        doc.refs = [*modules, *([qualification] if qualification else []), *_ids(doc)]

    def _fill_module(self, doc: SearchDocument) -> None:
        programmes = self.programmes_of_m.get(doc.id, [])
        qualifications = {q for p in programmes for q in self.values(p, AWARDS)}
        doc.competences = self.competences([doc.id])
        doc.sectors = self.sectors(s for q in qualifications for s in self.values(q, SECTOR))
        doc.refs = [*programmes, *qualifications, *_ids(doc)]

    def _fill_sector(self, doc: SearchDocument) -> None:
        doc.sectors = [Ref(doc.id, doc.code, doc.name_lt, doc.name_en)]


def _ids(doc: SearchDocument) -> list[str]:
    return [r.id for r in (*doc.competences, *doc.sectors)]
