"""The HTML page of the ``kq:`` ontology: its own properties, then every term by kind."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from rdflib import RDF, URIRef
from rdflib.namespace import OWL

from ontology.namespaces import KQ, RDFS, SKOS

from .resource_page import (
    PROPERTY_LABELS,
    Node,
    Page,
    PageBuilder,
    Row,
    Section,
    Value,
    href_for,
    label_of,
    labels_by_language,
)

ONTOLOGY_GROUPS = (
    (gettext_lazy("Classes"), (OWL.Class,)),
    (gettext_lazy("Properties"), (OWL.ObjectProperty, OWL.DatatypeProperty)),
    (gettext_lazy("Concept schemes"), (SKOS.ConceptScheme,)),
    (gettext_lazy("Concepts"), (SKOS.Concept,)),
)


def ontology_page(builder: PageBuilder, ontology: URIRef) -> Page:
    """The ontology document: its own properties, then every term under an anchor of its local name."""
    graph = builder.graph
    page = Page(
        iri=str(ontology),
        title=label_of(graph, ontology, builder.lang),
        kinds=[builder.name(t) for t in graph.objects(ontology, RDF.type)],
        labels=labels_by_language(graph, ontology),
        rows=builder.rows(ontology, skip={RDF.type}),
    )
    namespace = str(KQ._NS)
    for heading, classes in ONTOLOGY_GROUPS:
        terms = sorted(
            {t for c in classes for t in graph.subjects(RDF.type, c) if str(t).startswith(namespace)}
        )
        nodes = []
        for term in terms:
            local = str(term)[len(namespace) :]
            labels = [Value(text, lang=code) for code, _name, text in labels_by_language(graph, term)]
            rows = [Row(str(PROPERTY_LABELS[RDFS.label]), labels), *builder.rows(term, skip={RDF.type})]
            nodes.append(Node(builder.name(term), href_for(str(term), builder.base), rows, anchor=local))
        page.sections.append(Section(str(heading), nodes))
    return page
