"""The DCAT-AP catalogue and VoID description of the published dataset (an rdflib Graph).

A pure function of the dump manifest and the release manifests (no store access), so the
description always matches the files it points to (sizes, SHA-256, counts). DCAT-AP 3.0's
shapes check ``sh:class`` on referenced nodes (licence, language, media type, theme …), so every
such node is typed here as the shapes expect, as the ELM export does for its concepts.

IRIs (dereferenced by 303 to ``/datasets/catalogue``): ``{base}/id/catalogue``,
``{base}/id/dataset/registry`` (+ ``/distribution/{slug}``, ``/release/{name}``),
``{base}/id/dataset/qualifications-elm``, ``{base}/id/service/sparql``.
Files: ``{base}/datasets/{dump}``, ``{base}/datasets/releases/{name}/{file}``.
Licence CC BY 4.0 is an assumption to confirm with KPMPC.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS, VOID, XSD

from graph.dumps import DatasetStatistics, DumpFile, DumpManifest
from graph.elm import FILE_NAMES as ELM_FILE_NAMES
from graph.elm.awarding import KPMPC_HOMEPAGE, KPMPC_LEGAL_NAME_EN, KPMPC_LEGAL_NAME_LT, kpmpc
from graph.elm.vocabulary import LITHUANIA, LITHUANIAN, LOQ
from graph.uris import normalise_base
from ontology.namespaces import ADMS, KQ, PREFIXES

if TYPE_CHECKING:
    from graph.releases import Release

__all__ = ["catalogue_uri", "describe_catalogue", "describe_release", "registry_uri", "release_uri"]

DCAT = Namespace("http://www.w3.org/ns/dcat#")  # open: rdflib's DCAT lacks DCAT 3 (version, hasVersion)
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
ADMS_ = Namespace(str(ADMS._NS))  # versionNotes is not in the closed ADMS namespace
EU = "http://publications.europa.eu/resource/authority/"
FILE_TYPE = Namespace(EU + "file-type/")
IANA = Namespace("http://www.iana.org/assignments/media-types/")
LICENCE = URIRef(EU + "licence/CC_BY_4_0")
THEME, THEMES = URIRef(EU + "data-theme/EDUC"), URIRef(EU + "data-theme")
PUBLISHER_TYPES = URIRef("http://purl.org/adms/publishertype/1.0")
_SCHEME_TITLES = {THEMES: "Data theme", PUBLISHER_TYPES: "Publisher type"}
CONTINUOUS = URIRef(EU + "frequency/UPDATE_CONT")
ENGLISH = URIRef(EU + "language/ENG")
NATIONAL_AUTHORITY = URIRef("http://purl.org/adms/publishertype/NationalAuthority")
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")
SHA256 = SPDX["checksumAlgorithm_sha256"]

#: format key → (EU file type, IANA media type, label, W3C format IRI for void:feature)
_FORMATS = {
    "nt": ("RDF_N_TRIPLES", "application/n-triples", "N-Triples", "http://www.w3.org/ns/formats/N-Triples"),
    "ttl": ("RDF_TURTLE", "text/turtle", "Turtle", "http://www.w3.org/ns/formats/Turtle"),
    "jsonld": ("JSON_LD", "application/ld+json", "JSON-LD", "http://www.w3.org/ns/formats/JSON-LD"),
    "xml": ("XML", "application/xml", "XML", None),
}
_ELM_NAMES = frozenset(ELM_FILE_NAMES.values())
_T = dict[str, str]  # language → text

CATALOGUE_TITLE: _T = {"lt": "KPMPC kvalifikacijų registro duomenų katalogas",
                       "en": "KPMPC qualifications register data catalogue"}
CATALOGUE_TEXT: _T = {
    "lt": "Atvirieji Lietuvos kvalifikacijų registro duomenys: kvalifikacijos, profesiniai standartai, "
          "moduliai ir modulinės profesinio mokymo programos kaip susietieji duomenys (RDF), jų leidimai "
          "ir SPARQL prieigos taškas.",
    "en": "Open data of the Lithuanian qualifications register: qualifications, occupational standards, "
          "modules and modular VET programmes as linked data (RDF), their releases and a SPARQL endpoint.",
}
REGISTRY_TITLE: _T = {"lt": "Lietuvos kvalifikacijų registras (susietieji duomenys)",
                      "en": "Lithuanian qualifications register (linked data)"}
REGISTRY_TEXT: _T = {
    "lt": "Visi paskelbti registro įrašai (sektoriai, profesiniai standartai, kvalifikacijos vienetai ir "
          "kompetencijos, kvalifikacijos, moduliai, modulinės profesinio mokymo programos) ir žodynai "
          "(LTKS lygiai, EKS, ISCED-F) kaip RDF pagal KPMPC ontologiją, ELM, SKOS ir ESCO.",
    "en": "Every published register entry (sectors, occupational standards, qualification units and "
          "competences, qualifications, modules, modular VET programmes) and the vocabularies (LTKS "
          "levels, EQF, ISCED-F) as RDF in the KPMPC ontology, ELM, SKOS and ESCO.",
}
ELM_TITLE: _T = {"lt": "Kvalifikacijos Europos mokymosi modelio (ELM) LOQ profiliu",
                 "en": "Qualifications in the European Learning Model (ELM) LOQ profile"}
ELM_TEXT: _T = {
    "lt": "Galiojančios paskelbtos kvalifikacijos Kvalifikacijų duomenų registrui (QDR) ir Europass: "
          "RDF (Turtle) ir QDR įkėlimo XML.",
    "en": "Valid published qualifications for the Qualifications Dataset Register (QDR) and Europass: "
          "RDF (Turtle) and the QDR upload XML.",
}
SPARQL_TITLE: _T = {"lt": "Kvalifikacijų registro SPARQL prieigos taškas",
                    "en": "SPARQL endpoint of the qualifications register"}


def catalogue_uri(base: str) -> URIRef:
    return URIRef(f"{normalise_base(base)}/id/catalogue")


def registry_uri(base: str) -> URIRef:
    return URIRef(f"{normalise_base(base)}/id/dataset/registry")


def release_uri(base: str, name: str) -> URIRef:
    return URIRef(f"{registry_uri(base)}/release/{name}")


def describe_catalogue(
    base: str, *, dumps: DumpManifest | None, releases: Sequence[Release] = (), contact_email: str | None = None
) -> Graph:
    """The catalogue: the registry dataset (live dumps, VoID), its releases, the ELM export, SPARQL."""
    base = normalise_base(base)
    g = _graph()
    catalogue, registry, elm = catalogue_uri(base), registry_uri(base), URIRef(f"{base}/id/dataset/qualifications-elm")
    service = URIRef(f"{base}/id/service/sparql")
    publisher = _agents(g, base, contact_email)
    g.add((catalogue, RDF.type, DCAT.Catalog))
    _texts(g, catalogue, DCTERMS.title, CATALOGUE_TITLE)
    _texts(g, catalogue, DCTERMS.description, CATALOGUE_TEXT)
    g.add((catalogue, DCTERMS.publisher, publisher))
    g.add((catalogue, FOAF.homepage, _document(g, f"{base}/datasets/")))
    g.add((catalogue, DCTERMS.license, _licence(g)))
    g.add((catalogue, DCTERMS.spatial, LITHUANIA))
    g.add((catalogue, DCAT.themeTaxonomy, THEMES))
    for language in (LITHUANIAN, ENGLISH):
        g.add((catalogue, DCTERMS.language, language))
    for dataset in (registry, elm):
        g.add((catalogue, DCAT.dataset, dataset))
    g.add((catalogue, DCAT.service, service))

    _dataset(g, base, registry, REGISTRY_TITLE, REGISTRY_TEXT, publisher)
    g.add((registry, RDF.type, VOID.Dataset))
    g.add((registry, DCTERMS.accrualPeriodicity, _typed(g, CONTINUOUS, DCTERMS.Frequency)))
    g.add((registry, DCTERMS.conformsTo, _typed(g, URIRef(str(KQ._NS)), DCTERMS.Standard)))
    g.add((registry, VOID.uriSpace, Literal(f"{base}/id/")))
    g.add((registry, VOID.sparqlEndpoint, URIRef(f"{base}/sparql")))
    modified = [r.issued for r in releases]
    if dumps is not None:
        g.add((registry, DCTERMS.modified, _datetime(dumps.generated)))
        modified.append(dumps.generated)
        for file in dumps.files:
            url = f"{base}/datasets/{file.name}"
            _distribution(g, registry, url, name=file.name, fmt=file.format, file=file)
            g.add((registry, VOID.dataDump, URIRef(url)))
        _void(g, registry, dumps.statistics)
    _sparql_service(g, base, registry, service, publisher)
    _elm_dataset(g, base, registry, elm, publisher)

    ordered = sorted(releases, key=lambda r: r.issued)
    for index, release in enumerate(ordered):
        previous = ordered[index - 1].name if index else None
        g += describe_release(base, release, previous=previous, contact_email=contact_email)
        g.add((catalogue, DCAT.dataset, release_uri(base, release.name)))
    if modified:
        g.add((catalogue, DCTERMS.modified, _datetime(max(modified, key=datetime.fromisoformat))))
    return g


def describe_release(base: str, release: Release, *, previous: str | None = None,
                     contact_email: str | None = None) -> Graph:
    """One immutable release: a dcat:Dataset, version of the registry dataset, with its files."""
    base = normalise_base(base)
    g = _graph()
    registry, dataset = registry_uri(base), release_uri(base, release.name)
    publisher = _agents(g, base, contact_email)
    titles = {"lt": f"{REGISTRY_TITLE['lt']}, leidimas {release.name}",
              "en": f"{REGISTRY_TITLE['en']}, release {release.name}"}
    _dataset(g, base, dataset, titles, REGISTRY_TEXT, publisher)
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, DCAT.version, Literal(release.name)))
    _texts(g, dataset, ADMS_.versionNotes, dict(release.notes))
    g.add((dataset, DCTERMS.isVersionOf, registry))
    g.add((registry, DCAT.hasVersion, dataset))
    g.add((dataset, DCTERMS.issued, _datetime(release.issued)))
    if previous:
        g.add((dataset, DCAT.previousVersion, release_uri(base, previous)))
    for file in release.files:
        url = f"{base}/datasets/releases/{release.name}/{file.name}"
        _distribution(g, dataset, url, name=file.name, fmt=file.format, file=file)
        if file.name not in _ELM_NAMES:
            g.add((dataset, VOID.dataDump, URIRef(url)))
    g.add((dataset, VOID.triples, _count(release.statistics.triples)))
    g.add((dataset, VOID.entities, _count(release.statistics.entities)))
    return g


def _sparql_service(g: Graph, base: str, registry: URIRef, service: URIRef, publisher: URIRef) -> None:
    """The SPARQL endpoint as a dcat:DataService, and as an access distribution of the registry."""
    endpoint = URIRef(f"{base}/sparql")
    access = URIRef(f"{registry}/distribution/sparql")
    g.add((registry, DCAT.distribution, access))
    g.add((access, RDF.type, DCAT.Distribution))
    _texts(g, access, DCTERMS.title, SPARQL_TITLE)
    g.add((access, DCAT.accessURL, endpoint))
    g.add((access, DCAT.accessService, service))
    g.add((access, DCTERMS.license, _licence(g)))
    g.add((service, RDF.type, DCAT.DataService))
    _texts(g, service, DCTERMS.title, SPARQL_TITLE)
    g.add((service, DCAT.endpointURL, endpoint))
    g.add((service, DCAT.servesDataset, registry))
    g.add((service, DCTERMS.conformsTo, _typed(g, SPARQL_PROTOCOL, DCTERMS.Standard)))
    g.add((service, DCTERMS.publisher, publisher))
    g.add((service, DCTERMS.license, _licence(g)))
    g.add((service, DCAT.contactPoint, URIRef(f"{publisher}/contact")))


def _elm_dataset(g: Graph, base: str, registry: URIRef, elm: URIRef, publisher: URIRef) -> None:
    """The ELM LOQ export: its own dataset (a profile of the qualifications), built on request."""
    _dataset(g, base, elm, ELM_TITLE, ELM_TEXT, publisher)
    g.add((elm, DCTERMS.source, registry))
    g.add((elm, DCTERMS.conformsTo, _typed(g, URIRef(str(LOQ)), DCTERMS.Standard)))
    for fmt, name in ELM_FILE_NAMES.items():
        _distribution(g, elm, f"{base}/datasets/elm/qualifications.{fmt}", name=name, fmt=fmt)


def _graph() -> Graph:
    g = Graph(bind_namespaces="none")  # only the prefixes used, also in a JSON-LD @context
    for prefix, namespace in {"dcat": DCAT, "dcterms": DCTERMS, "foaf": FOAF, "void": VOID, "vcard": VCARD,
                              "spdx": SPDX, "adms": ADMS_, "skos": SKOS, "rdf": RDF, "xsd": XSD}.items():
        g.bind(prefix, namespace, override=True, replace=True)
    return g


def _agents(g: Graph, base: str, email: str | None) -> URIRef:
    """KPMPC as publisher (the ELM export's organisation IRI) and its vCard contact point."""
    org = kpmpc(base).uri
    g.add((org, RDF.type, FOAF.Agent))  # sh:class foaf:Agent: no reasoner infers it from Organization
    g.add((org, RDF.type, FOAF.Organization))
    _texts(g, org, FOAF.name, {"lt": KPMPC_LEGAL_NAME_LT, "en": KPMPC_LEGAL_NAME_EN})
    g.add((org, FOAF.homepage, URIRef(KPMPC_HOMEPAGE)))
    g.add((org, DCTERMS.type, _concept(g, NATIONAL_AUTHORITY, {"en": "National authority"}, PUBLISHER_TYPES)))
    contact = URIRef(f"{org}/contact")
    g.add((contact, RDF.type, VCARD.Kind))
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal(KPMPC_LEGAL_NAME_LT, lang="lt")))
    g.add((contact, VCARD.hasURL, URIRef(KPMPC_HOMEPAGE)))
    if email:
        g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{email}")))
    return org


def _dataset(g: Graph, base: str, node: URIRef, titles: _T, texts: _T, publisher: URIRef) -> None:
    """What every dataset here shares: DCAT-AP mandatory and recommended properties."""
    g.add((node, RDF.type, DCAT.Dataset))
    _texts(g, node, DCTERMS.title, titles)
    _texts(g, node, DCTERMS.description, texts)
    g.add((node, DCTERMS.publisher, publisher))
    g.add((node, DCAT.contactPoint, URIRef(f"{publisher}/contact")))
    g.add((node, DCAT.theme, _concept(g, THEME, {"en": "Education, culture and sport",
                                                  "lt": "Švietimas, kultūra ir sportas"}, THEMES)))
    g.add((node, DCTERMS.spatial, _typed(g, LITHUANIA, DCTERMS.Location)))
    for language in (LITHUANIAN, ENGLISH):
        g.add((node, DCTERMS.language, _typed(g, language, DCTERMS.LinguisticSystem)))
    g.add((node, DCAT.landingPage, _document(g, f"{base}/datasets/")))


def _distribution(g: Graph, dataset: URIRef, url: str, *, name: str, fmt: str, file: DumpFile | None = None) -> None:
    """One downloadable file; size, date and SHA-256 when it is a file on disk (``file``)."""
    node = URIRef(f"{dataset}/distribution/{re.sub(r'[^A-Za-z0-9-]', '-', name)}")
    file_type, media_type, label, feature = _FORMATS[fmt]
    if name in _ELM_NAMES:
        label = "ELM LOQ (Turtle)" if fmt == "ttl" else "QDR XML (loq.xsd)"
        g.add((node, DCTERMS.conformsTo, _typed(g, URIRef(str(LOQ)), DCTERMS.Standard)))
    elif feature:
        g.add((dataset, VOID.feature, URIRef(feature)))
    compressed = file is not None and file.compression == "gzip"
    label += " (gzip)" if compressed else ""
    g.add((dataset, DCAT.distribution, node))
    g.add((node, RDF.type, DCAT.Distribution))
    _texts(g, node, DCTERMS.title, {"lt": label, "en": label})
    g.add((node, DCAT.accessURL, URIRef(url)))
    g.add((node, DCAT.downloadURL, URIRef(url)))
    g.add((node, DCAT.mediaType, _typed(g, IANA[media_type], DCTERMS.MediaType)))
    g.add((node, DCTERMS.format, _typed(g, FILE_TYPE[file_type], DCTERMS.MediaTypeOrExtent)))
    g.add((node, DCTERMS.license, _licence(g)))
    if compressed:
        g.add((node, DCAT.compressFormat, _typed(g, IANA["application/gzip"], DCTERMS.MediaType)))
    if file is not None:  # the live ELM export is built on request: no size or checksum to give
        g.add((node, DCAT.byteSize, Literal(file.bytes, datatype=XSD.nonNegativeInteger)))
        g.add((node, DCTERMS.modified, _datetime(file.modified)))
        checksum = URIRef(f"{node}/checksum")
        g.add((node, SPDX.checksum, checksum))
        g.add((checksum, RDF.type, SPDX.Checksum))
        g.add((checksum, SPDX.algorithm, _typed(g, SHA256, SPDX.ChecksumAlgorithm)))
        g.add((checksum, SPDX.checksumValue, Literal(file.sha256, datatype=XSD.hexBinary)))


def _void(g: Graph, dataset: URIRef, stats: DatasetStatistics) -> None:
    g.add((dataset, VOID.triples, _count(stats.triples)))
    g.add((dataset, VOID.entities, _count(stats.entities)))
    g.add((dataset, VOID.distinctSubjects, _count(stats.distinct_subjects)))
    g.add((dataset, VOID.properties, _count(stats.properties)))
    g.add((dataset, VOID.classes, _count(len(stats.classes))))
    for vocabulary in stats.vocabularies:
        g.add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    for partition in stats.classes:
        node = URIRef(f"{dataset}/partition/{_slug(partition.cls)}")
        g.add((dataset, VOID.classPartition, node))
        g.add((node, VOID["class"], URIRef(partition.cls)))
        g.add((node, VOID.entities, _count(partition.entities)))
        g.add((node, VOID.triples, _count(partition.triples)))


def _slug(iri: str) -> str:
    """``skos-Concept`` for a class in a known namespace, else a cleaned IRI tail."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(str(namespace)) and re.fullmatch(r"[A-Za-z0-9_.-]+", iri[len(str(namespace)):]):
            return f"{prefix}-{iri[len(str(namespace)):]}"
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", iri.split("://", 1)[-1]).strip("-")


def _concept(g: Graph, concept: URIRef, labels: _T, scheme: URIRef) -> URIRef:
    g.add((concept, RDF.type, SKOS.Concept))
    _texts(g, concept, SKOS.prefLabel, labels)
    g.add((concept, SKOS.inScheme, scheme))
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    g.add((scheme, DCTERMS.title, Literal(_SCHEME_TITLES[scheme], lang="en")))
    return concept


def _licence(g: Graph) -> URIRef:
    return _typed(g, LICENCE, DCTERMS.LicenseDocument)


def _document(g: Graph, url: str) -> URIRef:
    return _typed(g, URIRef(url), FOAF.Document)


def _typed(g: Graph, node: URIRef, cls: URIRef) -> URIRef:
    g.add((node, RDF.type, cls))
    return node


def _texts(g: Graph, node: URIRef, predicate: URIRef, texts: _T) -> None:
    for language, text in texts.items():
        g.add((node, predicate, Literal(text, lang=language)))


def _count(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


def _datetime(value: str) -> Literal:
    return Literal(value, datatype=XSD.dateTime)
