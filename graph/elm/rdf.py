"""The ELM LOQ dataset as RDF: an rdflib Graph, and its Turtle (what the QDR pulls).

Only properties of the LOQ application profile are written: its shapes are ``sh:closed``, so
the internal ``kq:`` terms stay in the internal graph. Every concept used gets
``a skos:Concept ; skos:inScheme <scheme>`` (and the scheme ``a skos:ConceptScheme``): the
profile's MDR shapes check ``skos:inScheme`` on the concept node in the data (eu-standards.md
§3, pitfall 2), so the export validates without the EU vocabularies at hand. Labels of EU
concepts are left to EU Vocabularies (a second ``@en`` label would break ``sh:uniqueLang``).
"""

from __future__ import annotations

from itertools import takewhile

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS, XSD

from graph.stores.terms import nt_term
from ontology.namespaces import ADMS, EQF, ISCED_F, QDR

from .model import ElmDataset, LangText, Location, Organisation, Qualification, elm_node
from .vocabulary import ECVET, ELM_AP, ROV, scheme_of

__all__ = ["to_graph", "to_turtle"]

ELM = ELM_AP
_BINDINGS = {
    "elm": ELM._NS,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "foaf": FOAF,
    "adms": ADMS._NS,
    "rov": ROV,
    "xsd": XSD,
    "eqf": EQF,
    "iscedf": ISCED_F,
    "qdr": QDR,
}


def to_graph(dataset: ElmDataset) -> Graph:
    graph = Graph()
    for prefix, namespace in _BINDINGS.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    concepts: set[URIRef] = set()
    for qualification in dataset.qualifications:
        concepts |= _add_qualification(graph, qualification, dataset)
    concepts |= _add_organisation(graph, dataset.awarding_body)
    concepts |= _add_location(graph, dataset.awarding_location)
    for concept in concepts:
        scheme = scheme_of(concept)
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.inScheme, scheme))
        graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    return graph


def to_turtle(graph: Graph) -> bytes:
    """Turtle, grouped by subject in a stable order, with the export's prefixes.

    Written by Oxigraph: rdflib's pretty Turtle writer took 48 s for 2,000 qualifications
    (70k triples), Oxigraph takes well under a second. Sorting the N-Triples lines sorts by
    subject, so Oxigraph's writer groups each node's triples (``;``) and the output is stable.
    """
    lines = sorted(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in graph)
    triples = ox.parse("".join(lines).encode(), format=ox.RdfFormat.N_TRIPLES)
    prefixes = {prefix: str(namespace) for prefix, namespace in _BINDINGS.items()}
    lines = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes).split(b"\n")
    # Sort the @prefix header too: its order is up to Oxigraph, the ETag must not be.
    header = len(list(takewhile(lambda line: line.startswith(b"@prefix"), lines)))
    return b"\n".join(sorted(lines[:header]) + lines[header:])


def _texts(graph: Graph, node: URIRef, predicate: URIRef, texts: LangText) -> None:
    for language, text in texts:
        graph.add((node, predicate, Literal(text, lang=language)))


def _web_resource(graph: Graph, node: URIRef, url: str) -> None:
    graph.add((node, RDF.type, ELM.WebResource))
    graph.add((node, ELM.contentUrl, Literal(url, datatype=XSD.anyURI)))


def _add_qualification(graph: Graph, q: Qualification, dataset: ElmDataset) -> set[URIRef]:
    body = dataset.awarding_body
    graph.add((q.uri, RDF.type, ELM.Qualification))
    _texts(graph, q.uri, DCTERMS.title, q.titles)
    _texts(graph, q.uri, DCTERMS.description, q.descriptions)

    identifier = elm_node(q.uri, "identifier")
    graph.add((q.uri, ADMS.identifier, identifier))
    graph.add((identifier, RDF.type, ELM.Identifier))
    graph.add((identifier, SKOS.notation, Literal(q.code)))
    graph.add((identifier, ELM.schemeName, Literal(dataset.identifier_scheme)))

    homepage = elm_node(q.uri, "homepage")
    graph.add((q.uri, FOAF.homepage, homepage))
    _web_resource(graph, homepage, q.homepage)

    concepts = {q.eqf_level, q.nqf_level, *q.isced_f, *q.languages}
    graph.add((q.uri, ELM.EQFLevel, q.eqf_level))
    graph.add((q.uri, ELM.NQFLevel, q.nqf_level))
    for concept in q.isced_f:
        graph.add((q.uri, ELM.ISCEDFCode, concept))
    for language in q.languages:
        graph.add((q.uri, DCTERMS.language, language))
    if q.learning_setting is not None:
        graph.add((q.uri, ELM.learningSetting, q.learning_setting))
        concepts.add(q.learning_setting)

    for outcome in q.outcomes:
        graph.add((q.uri, ELM.learningOutcome, outcome.uri))
        graph.add((outcome.uri, RDF.type, ELM.LearningOutcome))
        _texts(graph, outcome.uri, DCTERMS.title, outcome.titles)

    if q.credit_points is not None:
        credit = elm_node(q.uri, "credit-point")
        graph.add((q.uri, ELM.creditPoint, credit))
        graph.add((credit, RDF.type, ELM.CreditPoint))
        graph.add((credit, ELM.framework, ECVET))
        graph.add((credit, ELM.point, Literal(q.credit_points)))
        concepts.add(ECVET)

    opportunity = elm_node(q.uri, "awarding-opportunity")
    graph.add((q.uri, ELM.awardingOpportunity, opportunity))
    graph.add((opportunity, RDF.type, ELM.AwardingOpportunity))
    graph.add((opportunity, ELM.awardingBody, body.uri))
    graph.add((opportunity, ELM.location, dataset.awarding_location.uri))
    graph.add((opportunity, ELM.learningAchievementSpecification, q.uri))

    graph.add((q.uri, DCTERMS.publisher, body.uri))
    if q.modified is not None:
        graph.add((q.uri, DCTERMS.modified, Literal(q.modified, datatype=XSD.dateTime)))
    return concepts


def _add_organisation(graph: Graph, org: Organisation) -> set[URIRef]:
    graph.add((org.uri, RDF.type, ELM.Organisation))
    _texts(graph, org.uri, ROV.legalName, org.legal_names)
    graph.add((org.uri, ELM.location, org.location.uri))
    concepts = _add_location(graph, org.location)
    if org.homepage:
        homepage = elm_node(org.uri, "homepage")
        graph.add((org.uri, FOAF.homepage, homepage))
        _web_resource(graph, homepage, org.homepage)
    if org.registration and org.registration_country is not None:
        registration = elm_node(org.uri, "registration")
        graph.add((org.uri, ROV.registration, registration))
        graph.add((registration, RDF.type, ELM.LegalIdentifier))
        graph.add((registration, SKOS.notation, Literal(org.registration)))
        graph.add((registration, DCTERMS.spatial, org.registration_country))
        concepts.add(org.registration_country)
    return concepts


def _add_location(graph: Graph, location: Location) -> set[URIRef]:
    address = location.address
    graph.add((location.uri, RDF.type, DCTERMS.Location))
    _texts(graph, location.uri, ELM.geographicName, location.names)
    graph.add((location.uri, ELM.address, address.uri))
    graph.add((address.uri, RDF.type, ELM.Address))
    graph.add((address.uri, ELM.countryCode, address.country))
    if address.full_address_lt and address.full_address_uri is not None:
        note = address.full_address_uri
        graph.add((address.uri, ELM.fullAddress, note))
        graph.add((note, RDF.type, ELM.Note))
        graph.add((note, ELM.noteLiteral, Literal(address.full_address_lt, lang="lt")))
    return {address.country}
