"""The ELM LOQ dataset as the QDR upload XML: ``<Courses xsdVersion="3.1.0">`` of ``loq.xsd``.

Same objects as the Turtle (``rdf.py``). The XSD differs from the RDF in form only: entities
sit in reference sections (qualifications, learning outcomes, agents, locations) and point at
each other with ``idref``; concepts are ``uri`` attributes; child elements follow the order of
the XSD sequences, which is why the builders below append in a fixed order.
"""

from __future__ import annotations

from lxml import etree

from .model import ElmDataset, LangText, Location, Organisation, Qualification
from .vocabulary import ECVET, LOQ, XSD_VERSION

__all__ = ["NSMAP", "to_xml"]

_SKOS = "http://www.w3.org/2004/02/skos/core#"
NSMAP = {None: str(LOQ), "skos": _SKOS}


def to_xml(dataset: ElmDataset) -> bytes:
    """The UTF-8 XML document (with declaration), pretty-printed."""
    root = etree.Element(_loq("Courses"), nsmap=NSMAP, xsdVersion=XSD_VERSION)
    if dataset.qualifications:
        specifications = _el(root, "learningAchievementSpecificationReferences")
        for qualification in dataset.qualifications:
            _qualification(specifications, qualification, dataset)
        outcomes = _el(root, "learningOutcomeReferences")
        for qualification in dataset.qualifications:
            for outcome in qualification.outcomes:
                node = _el(outcomes, "learningOutcome", id=outcome.uri)
                _texts(node, "title", outcome.titles)
    _organisation(_el(root, "agentReferences"), dataset.awarding_body)
    locations = _el(root, "locationReferences")
    for location in dataset.locations:
        _location(locations, location)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _loq(name: str) -> str:
    return f"{{{LOQ}}}{name}"


def _el(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> etree._Element:
    """Append ``name`` (in the loq namespace unless given as ``{ns}name``) to ``parent``."""
    tag = name if name.startswith("{") else _loq(name)
    element = etree.SubElement(parent, tag, {k: str(v) for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _texts(parent: etree._Element, name: str, texts: LangText) -> None:
    for language, text in texts:
        _el(parent, name, text, language=language)


def _qualification(parent: etree._Element, q: Qualification, dataset: ElmDataset) -> None:
    node = _el(parent, "qualification", id=q.uri)
    # Specification part (RestrictedSpecificationType).
    identifier = _el(node, "identifier")
    _el(identifier, f"{{{_SKOS}}}notation", q.code)
    _el(identifier, "schemeName", dataset.identifier_scheme)
    _texts(node, "title", q.titles)
    _texts(node, "description", q.descriptions)
    _el(_el(node, "homepage"), "contentUrl", q.homepage)
    if q.modified is not None:
        _el(node, "modified", q.modified.isoformat())
    _el(node, "publisher", idref=dataset.awarding_body.uri)
    # Learning achievement specification part.
    for concept in q.isced_f:
        _el(node, "ISCEDFCode", uri=concept)
    if q.credit_points is not None:
        credit = _el(node, "creditPoint")
        _el(credit, "framework", uri=ECVET)
        _el(credit, "point", q.credit_points)
    for language in q.languages:
        _el(node, "language", uri=language)
    if q.learning_setting is not None:
        _el(node, "learningSetting", uri=q.learning_setting)
    for outcome in q.outcomes:
        _el(node, "learningOutcome", idref=outcome.uri)
    opportunity = _el(node, "awardingOpportunity")
    _el(opportunity, "awardingBody", idref=dataset.awarding_body.uri)
    _el(opportunity, "location", idref=dataset.awarding_location.uri)
    _el(opportunity, "learningAchievementSpecification", idref=q.uri)
    # Qualification part.
    _el(node, "EQFLevel", uri=q.eqf_level)
    _el(node, "NQFLevel", uri=q.nqf_level)


def _organisation(parent: etree._Element, org: Organisation) -> None:
    node = _el(parent, "organisation", id=org.uri)
    _texts(node, "legalName", org.legal_names)
    if org.registration and org.registration_country is not None:
        registration = _el(node, "registration")
        _el(registration, f"{{{_SKOS}}}notation", org.registration)
        _el(registration, "spatial", uri=org.registration_country)
    if org.homepage:
        _el(_el(node, "homepage"), "contentUrl", org.homepage)
    _el(node, "location", idref=org.location.uri)


def _location(parent: etree._Element, location: Location) -> None:
    node = _el(parent, "location", id=location.uri)
    _texts(node, "geographicName", location.names)
    address = _el(node, "address")
    if location.address.full_address_lt:
        _el(_el(address, "fullAddress"), "noteLiteral", location.address.full_address_lt, language="lt")
    _el(address, "countryCode", uri=location.address.country)
