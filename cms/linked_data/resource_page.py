"""The HTML page of a resource: its description turned into labelled rows for the template.

Labels come from the data (language-tagged literals) wherever the data has them: the
resource's own labels, the labels of the resources it links to (fetched with the description),
and our ontology's ``rdfs:label`` for ``kq:`` properties. Only the reused vocabularies'
properties and classes (Dublin Core, SKOS, ELM…) are labelled through gettext.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from graph.description import LABEL_PREDICATES
from ontology.loader import load_vocabulary
from ontology.namespaces import ADMS, DCTERMS, ELM, ESCO, KQ, OWL, RDFS, SKOS

LANGUAGE_NAMES = {"lt": gettext_lazy("Lithuanian"), "en": gettext_lazy("English")}

PROPERTY_LABELS = {
    RDF.type: gettext_lazy("type"),
    DCTERMS.identifier: gettext_lazy("code"),
    DCTERMS.title: gettext_lazy("title"),
    DCTERMS.description: gettext_lazy("description"),
    DCTERMS.issued: gettext_lazy("issued"),
    DCTERMS.modified: gettext_lazy("last modified"),
    ADMS.status: gettext_lazy("status"),
    SKOS.prefLabel: gettext_lazy("preferred label"),
    SKOS.altLabel: gettext_lazy("alternative label"),
    SKOS.definition: gettext_lazy("definition"),
    SKOS.notation: gettext_lazy("notation"),
    SKOS.inScheme: gettext_lazy("in scheme"),
    SKOS.topConceptOf: gettext_lazy("top concept of"),
    SKOS.hasTopConcept: gettext_lazy("top concepts"),
    SKOS.broader: gettext_lazy("broader concept"),
    SKOS.exactMatch: gettext_lazy("exact match"),
    SKOS.closeMatch: gettext_lazy("close match"),
    RDFS.label: gettext_lazy("label"),
    RDFS.comment: gettext_lazy("comment"),
    RDFS.seeAlso: gettext_lazy("see also"),
    RDFS.subClassOf: gettext_lazy("subclass of"),
    RDFS.domain: gettext_lazy("domain"),
    RDFS.range: gettext_lazy("range"),
    OWL.versionInfo: gettext_lazy("version"),
    ELM.NQFLevel: gettext_lazy("LTKS level"),
    ELM.EQFLevel: gettext_lazy("EQF level"),
    ELM.ISCEDFCode: gettext_lazy("ISCED-F field"),
    ELM.learningOutcome: gettext_lazy("learning outcomes"),
    ELM.hasPart: gettext_lazy("modules"),
}

CLASS_LABELS = {
    ELM.Qualification: gettext_lazy("qualification"),
    ELM.LearningOutcome: gettext_lazy("learning outcome"),
    ESCO.Skill: gettext_lazy("competence"),
    SKOS.Concept: gettext_lazy("concept"),
    SKOS.ConceptScheme: gettext_lazy("concept scheme"),
    OWL.Ontology: gettext_lazy("ontology"),
}

# Shown first, in this order; the rest follow by label.
FIRST = (RDF.type, DCTERMS.identifier, SKOS.notation, DCTERMS.description, SKOS.definition)


@dataclass
class Value:
    text: str
    lang: str = ""
    href: str = ""


@dataclass
class Row:
    label: str
    values: list[Value]


@dataclass
class Node:
    heading: str
    href: str
    rows: list[Row]
    anchor: str = ""


@dataclass
class Section:
    label: str
    nodes: list[Node]


@dataclass
class Page:
    iri: str
    title: str
    kinds: list[str]
    labels: list[tuple[str, str, str]]  # (language code, language name, label)
    rows: list[Row] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


def href_for(iri: str, base: str) -> str:
    """Where a person follows ``iri``: our resources on this site, the rest where they are."""
    if iri.startswith(str(KQ._NS)):
        return "/ontology/#" + iri[len(str(KQ._NS)) :]
    if iri.startswith(base + "/"):
        return iri[len(base) :]
    return iri


def label_of(graph: Graph, iri: URIRef, lang: str) -> str:
    """The label of ``iri`` in ``lang``, else Lithuanian, else English, else any; "" if none."""
    found = {}
    for predicate in LABEL_PREDICATES:
        for value in graph.objects(iri, predicate):
            if isinstance(value, Literal):
                found.setdefault(value.language or "", str(value))
    for choice in (lang, "lt", "en", ""):
        if choice in found:
            return found[choice]
    return next(iter(found.values()), "")


def labels_by_language(graph: Graph, iri: URIRef) -> list[tuple[str, str, str]]:
    """(language code, language name, label) for Lithuanian and English, where the data has one."""
    rows = []
    for code, name in LANGUAGE_NAMES.items():
        for predicate in LABEL_PREDICATES:
            text = next(
                (str(v) for v in graph.objects(iri, predicate) if getattr(v, "language", None) == code), ""
            )
            if text:
                rows.append((code, str(name), text))
                break
    return rows


class PageBuilder:
    def __init__(self, description: Graph, *, lang: str, base: str):
        self.graph = description
        self.lang = lang
        self.base = base
        self.ontology = load_vocabulary("ontology", base=base)

    def short(self, iri: URIRef) -> str:
        if str(iri).startswith(self.base + "/id/"):
            return str(iri).rsplit("/", 1)[-1]
        try:
            curie = self.graph.namespace_manager.normalizeUri(iri)
        except (ValueError, KeyError):  # an IRI rdflib cannot split is shown whole
            return str(iri)
        return str(iri) if curie.startswith("<") else curie

    def name(self, iri: URIRef) -> str:
        return (
            label_of(self.graph, iri, self.lang)
            or label_of(self.ontology, iri, self.lang)
            or str(CLASS_LABELS.get(iri, ""))
            or self.short(iri)
        )

    def property_label(self, predicate: URIRef) -> str:
        if predicate in PROPERTY_LABELS:
            return str(PROPERTY_LABELS[predicate])
        return label_of(self.ontology, predicate, self.lang) or self.short(predicate)

    def value(self, term) -> Value:
        if isinstance(term, URIRef):
            return Value(self.name(term), href=href_for(str(term), self.base))
        if isinstance(term, Literal) and term.datatype == XSD.boolean:
            return Value(_("yes") if term.toPython() is True else _("no"))
        return Value(str(term), lang=getattr(term, "language", None) or "")

    def rows(self, subject: URIRef, skip=frozenset(), *, labels: bool = False) -> list[Row]:
        """Rows of ``subject``'s properties; its labels too with ``labels`` (the page shows them apart)."""
        predicates = set(self.graph.predicates(subject, None)) - set(skip)
        if not labels:
            predicates -= set(LABEL_PREDICATES)
        ordered = [p for p in FIRST if p in predicates]
        ordered += sorted(predicates - set(FIRST), key=self.property_label)
        rows = []
        for predicate in ordered:
            # Blank nodes (the ontology's owl:unionOf domains) have no page to show: RDF only.
            values = [v for v in self.graph.objects(subject, predicate) if not isinstance(v, BNode)]
            if values:
                values.sort(key=self._value_order)
                rows.append(Row(self.property_label(predicate), [self.value(v) for v in values]))
        return rows

    def _value_order(self, term) -> tuple:
        # The page's language first, then Lithuanian, then the rest; within that by text.
        lang = getattr(term, "language", None) or ""
        return (lang != self.lang, lang != "lt", self.name(term) if isinstance(term, URIRef) else str(term))

    def node(self, node: URIRef, owner: URIRef) -> Node:
        heading = label_of(self.graph, node, self.lang)
        module = next(self.graph.objects(node, KQ.module), None)
        if not heading and module is not None:
            heading = self.name(module)
        back_links = {p for p, o in self.graph.predicate_objects(node) if o == owner}
        rows = self.rows(node, skip={RDF.type, *back_links}, labels=True)
        return Node(heading or self.short(node), href_for(str(node), self.base), rows)

    def page(self, subject: URIRef) -> Page:
        typed = set(self.graph.subjects(RDF.type, None)) - {subject}
        parts: dict[URIRef, list[URIRef]] = {}
        for predicate, obj in self.graph.predicate_objects(subject):
            if obj in typed:
                parts.setdefault(predicate, []).append(obj)
        page = Page(
            iri=str(subject),
            title=label_of(self.graph, subject, self.lang) or self.short(subject),
            kinds=sorted(self.name(t) for t in self.graph.objects(subject, RDF.type)),
            labels=labels_by_language(self.graph, subject),
            rows=self.rows(subject, skip={RDF.type, *parts}),
        )
        for predicate, nodes in sorted(parts.items(), key=lambda item: self.property_label(item[0])):
            nodes = sorted(nodes, key=self._position)
            page.sections.append(
                Section(self.property_label(predicate), [self.node(n, subject) for n in nodes])
            )
        owners = sorted({s for s in self.graph.subjects(None, subject) if s != subject})
        if owners:
            page.rows.append(Row(_("part of"), [self.value(o) for o in owners]))
        return page

    def _position(self, node: URIRef) -> tuple:
        position = next(self.graph.objects(node, KQ.position), None)
        number = position.toPython() if isinstance(position, Literal) else None
        return (not isinstance(number, int), number if isinstance(number, int) else 0, str(node))
