"""Namespaces, concept schemes and fixed concepts of the ELM LOQ export.

Values come from the ELM 3.1.0 ontology, the LOQ application profile 1.1.0 (SHACL and
``loq.xsd``) and the EU Vocabularies code lists embedded in that XSD (eu-standards.md §1–2).
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from ontology.namespaces import EQF, ISCED_F, LTKS_TO_QDR, QDR

__all__ = [
    "COUNTRY",
    "ECVET",
    "ELM_AP",
    "FORMAL_LEARNING",
    "LITHUANIA",
    "LITHUANIAN",
    "LOQ",
    "ROV",
    "XSD_VERSION",
    "eqf_level",
    "nqf_level",
    "scheme_of",
]

#: Namespace of the LOQ SHACL shapes and of the QDR upload XML (``<Courses xmlns=…>``).
LOQ = Namespace("http://data.europa.eu/snb/model/ap/loq-constraints/")
#: The ``xsdVersion`` attribute of ``<Courses>`` (loq.xsd accepts 3.0.0 and 3.1.0).
XSD_VERSION = "3.1.0"
ROV = Namespace("http://www.w3.org/ns/regorg#")
LANGUAGE = Namespace("http://publications.europa.eu/resource/authority/language/")
COUNTRY = Namespace("http://publications.europa.eu/resource/authority/country/")
EDUCATION_CREDIT = Namespace("http://data.europa.eu/snb/education-credit/")
LEARNING_SETTING = Namespace("http://data.europa.eu/snb/learning-setting/")

LITHUANIAN = LANGUAGE["LIT"]
LITHUANIA = COUNTRY["LTU"]
#: LT VET "mokymosi kreditai" follow ECVET (60 a year; lt-domain §4.1), not ECTS.
ECVET = EDUCATION_CREDIT["60b314e826"]
FORMAL_LEARNING = LEARNING_SETTING["6fd4685715"]


class ELM_AP(DefinedNamespace):  # noqa: N801 (a namespace, named like the others)
    """ELM 3.1 terms the LOQ export writes (closed: a misspelt term fails at import)."""

    _fail = True

    # Classes
    Qualification: URIRef
    LearningOutcome: URIRef
    CreditPoint: URIRef
    WebResource: URIRef
    AwardingOpportunity: URIRef
    Organisation: URIRef
    Address: URIRef
    Identifier: URIRef
    LegalIdentifier: URIRef
    Note: URIRef

    # Properties
    EQFLevel: URIRef
    NQFLevel: URIRef
    ISCEDFCode: URIRef
    learningOutcome: URIRef
    learningSetting: URIRef
    creditPoint: URIRef
    framework: URIRef
    point: URIRef
    contentUrl: URIRef
    awardingOpportunity: URIRef
    awardingBody: URIRef
    learningAchievementSpecification: URIRef
    location: URIRef
    address: URIRef
    countryCode: URIRef
    fullAddress: URIRef
    noteLiteral: URIRef
    geographicName: URIRef
    schemeName: URIRef

    _NS = Namespace("http://data.europa.eu/snb/model/elm/")


#: Concept namespace → its concept scheme, as the LOQ MDR shapes check it (``skos:inScheme``).
_SCHEMES: dict[str, URIRef] = {
    str(EQF): URIRef("http://data.europa.eu/snb/eqf/25831c2"),
    str(QDR): URIRef("http://data.europa.eu/snb/qdr/25831c2"),
    str(ISCED_F): URIRef("http://data.europa.eu/snb/isced-f/25831c2"),
    str(EDUCATION_CREDIT): URIRef("http://data.europa.eu/snb/education-credit/25831c2"),
    str(LEARNING_SETTING): URIRef("http://data.europa.eu/snb/learning-setting/25831c2"),
    str(LANGUAGE): URIRef("http://publications.europa.eu/resource/authority/language"),
    str(COUNTRY): URIRef("http://publications.europa.eu/resource/authority/country"),
}


def scheme_of(concept: URIRef) -> URIRef:
    """The EU concept scheme of ``concept``; ValueError for a concept outside the known lists."""
    for namespace, scheme in _SCHEMES.items():
        if str(concept).startswith(namespace):
            return scheme
    raise ValueError(f"No known EU concept scheme for {concept}")


def eqf_level(ltks_level: int) -> URIRef:
    """LTKS level n → EQF level n (the LTKS is referenced 1:1 to the EQF; lt-domain §1.2)."""
    _check_level(ltks_level)
    return EQF[str(ltks_level)]


def nqf_level(ltks_level: int) -> URIRef:
    """LTKS level n → the QDR concept "LTQF Level n" (opaque ``qdr:c_…`` IRIs, MODEL.md)."""
    _check_level(ltks_level)
    return LTKS_TO_QDR[ltks_level]


def _check_level(level: int) -> None:
    if isinstance(level, bool) or level not in LTKS_TO_QDR:
        raise ValueError(f"LTKS level must be 1–8, got {level!r}")
