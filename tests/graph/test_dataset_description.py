"""The DCAT-AP catalogue and VoID description: DCAT-AP 3.0.0 constraints, VoID counts equal to
the store's, releases as versions.

The official DCAT-AP SHACL is not in the repository (no network here). The constraints this
description must meet are transcribed below from ``releases/3.0.0/shacl/dcat-ap-SHACL.ttl`` of
SEMICeu/DCAT-AP (every minCount/maxCount, sh:class and sh:datatype on the properties written)
and checked with pySHACL. When ``../shared/reference/dcat-ap/dcat-ap-SHACL.ttl`` exists, the
official file is run as well (with RDFS inference, which its ``sh:class rdfs:Resource`` needs).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, SH, SKOS, VOID, XSD

from graph.dataset_description import (
    DCAT,
    SPDX,
    VCARD,
    catalogue_uri,
    describe_catalogue,
    registry_uri,
    release_uri,
)
from graph.dumps import DUMPS, write_dumps
from graph.elm import FILE_NAMES as ELM_FILE_NAMES
from graph.releases import cut_release, list_releases
from tests.graph import records
from tests.graph.records import BASE

OFFICIAL = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "dcat-ap" / "dcat-ap-SHACL.ttl"
ADMS = Namespace("http://www.w3.org/ns/adms#")

# (target class, path, minCount, maxCount, sh:class, sh:datatype), from DCAT-AP 3.0.0.
DCAT_AP_3 = [
    (DCAT.Catalog, DCTERMS.title, 1, None, None, None),
    (DCAT.Catalog, DCTERMS.description, 1, None, None, None),
    (DCAT.Catalog, DCTERMS.publisher, 1, 1, FOAF.Agent, None),
    (DCAT.Catalog, DCAT.dataset, None, None, DCAT.Dataset, None),
    (DCAT.Catalog, DCAT.service, None, None, DCAT.DataService, None),
    (DCAT.Catalog, DCTERMS.license, None, 1, DCTERMS.LicenseDocument, None),
    (DCAT.Catalog, DCTERMS.language, None, None, DCTERMS.LinguisticSystem, None),
    (DCAT.Catalog, DCTERMS.spatial, None, None, DCTERMS.Location, None),
    (DCAT.Catalog, FOAF.homepage, None, 1, FOAF.Document, None),
    (DCAT.Catalog, DCTERMS.modified, None, 1, None, None),
    (DCAT.Catalog, DCAT.themeTaxonomy, None, None, SKOS.ConceptScheme, None),
    (DCAT.Dataset, DCTERMS.title, 1, None, None, None),
    (DCAT.Dataset, DCTERMS.description, 1, None, None, None),
    (DCAT.Dataset, DCTERMS.publisher, None, 1, FOAF.Agent, None),
    (DCAT.Dataset, DCAT.distribution, None, None, DCAT.Distribution, None),
    (DCAT.Dataset, DCAT.contactPoint, None, None, VCARD.Kind, None),
    (DCAT.Dataset, DCAT.theme, None, None, SKOS.Concept, None),
    (DCAT.Dataset, DCTERMS.language, None, None, DCTERMS.LinguisticSystem, None),
    (DCAT.Dataset, DCTERMS.spatial, None, None, DCTERMS.Location, None),
    (DCAT.Dataset, DCAT.hasVersion, None, None, DCAT.Dataset, None),
    (DCAT.Dataset, DCAT.landingPage, None, None, FOAF.Document, None),
    (DCAT.Dataset, DCTERMS.modified, None, 1, None, None),
    (DCAT.Dataset, DCTERMS.issued, None, 1, None, None),
    (DCAT.Dataset, DCTERMS.conformsTo, None, None, DCTERMS.Standard, None),
    (DCAT.Dataset, DCTERMS.accrualPeriodicity, None, 1, DCTERMS.Frequency, None),
    (DCAT.Dataset, DCTERMS.source, None, None, DCAT.Dataset, None),
    (DCAT.Distribution, DCAT.accessURL, 1, None, None, None),
    (DCAT.Distribution, DCAT.mediaType, None, 1, DCTERMS.MediaType, None),
    (DCAT.Distribution, DCTERMS.format, None, 1, DCTERMS.MediaTypeOrExtent, None),
    (DCAT.Distribution, DCAT.byteSize, None, 1, None, XSD.nonNegativeInteger),
    (DCAT.Distribution, SPDX.checksum, None, 1, SPDX.Checksum, None),
    (DCAT.Distribution, DCTERMS.license, None, 1, DCTERMS.LicenseDocument, None),
    (DCAT.Distribution, DCAT.compressFormat, None, 1, DCTERMS.MediaType, None),
    (DCAT.Distribution, DCTERMS.modified, None, 1, None, None),
    (DCAT.Distribution, DCTERMS.conformsTo, None, None, DCTERMS.Standard, None),
    (DCAT.Distribution, DCAT.accessService, None, None, DCAT.DataService, None),
    (DCAT.DataService, DCTERMS.title, 1, None, None, None),
    (DCAT.DataService, DCAT.endpointURL, 1, None, None, None),
    (DCAT.DataService, DCTERMS.publisher, None, 1, FOAF.Agent, None),
    (DCAT.DataService, DCAT.servesDataset, None, None, DCAT.Dataset, None),
    (DCAT.DataService, DCAT.contactPoint, None, None, VCARD.Kind, None),
    (DCAT.DataService, DCTERMS.license, None, 1, DCTERMS.LicenseDocument, None),
    (DCAT.DataService, DCTERMS.conformsTo, None, None, DCTERMS.Standard, None),
    (FOAF.Agent, FOAF.name, 1, None, None, None),
    (FOAF.Agent, DCTERMS.type, None, 1, SKOS.Concept, None),
    (SPDX.Checksum, SPDX.algorithm, 1, 1, SPDX.ChecksumAlgorithm, None),
    (SPDX.Checksum, SPDX.checksumValue, 1, 1, None, XSD.hexBinary),
    (SKOS.Concept, SKOS.prefLabel, 1, None, None, None),
    (SKOS.ConceptScheme, DCTERMS.title, 1, None, None, None),
]


def dcat_ap_shapes() -> Graph:
    shapes = Graph()
    for target, path, low, high, cls, datatype in DCAT_AP_3:
        node, prop = URIRef(f"urn:shape:{target}"), BNode()
        shapes.add((node, RDF.type, SH.NodeShape))
        shapes.add((node, SH.targetClass, target))
        shapes.add((node, SH.property, prop))
        shapes.add((prop, SH.path, path))
        for predicate, value in ((SH.minCount, low), (SH.maxCount, high)):
            if value is not None:
                shapes.add((prop, predicate, Literal(value)))
        if cls is not None:
            shapes.add((prop, SH["class"], cls))
        if datatype is not None:
            shapes.add((prop, SH.datatype, datatype))
    return shapes


@pytest.fixture
def store(vocab_store):
    vocab_store.load_graphs(records.world_graphs(3))
    return vocab_store


@pytest.fixture
def catalogue(store, tmp_path):
    manifest = write_dumps(store, tmp_path, base=BASE)
    cut_release(store, tmp_path / "releases", "2026.1", base=BASE)
    cut_release(store, tmp_path / "releases", "2026.2", base=BASE)
    releases = list_releases(tmp_path / "releases")
    return manifest, releases, describe_catalogue(BASE, dumps=manifest, releases=releases, contact_email="info@example.lt")


def test_catalogue_meets_the_dcat_ap_3_constraints(catalogue):
    _, _, graph = catalogue
    conforms, _, report = validate(graph, shacl_graph=dcat_ap_shapes(), inference="none")
    assert conforms, report


def test_official_dcat_ap_shapes_when_available(catalogue):
    if not OFFICIAL.is_file():
        pytest.skip(f"{OFFICIAL} not present (DCAT-AP 3.0.0 SHACL, SEMICeu/DCAT-AP)")
    conforms, _, report = validate(catalogue[2], shacl_graph=Graph().parse(OFFICIAL), inference="rdfs")
    assert conforms, report


def test_mandatory_properties_and_the_structure_harvesters_read(catalogue):
    manifest, releases, g = catalogue
    cat, registry = catalogue_uri(BASE), registry_uri(BASE)
    for node in (cat, registry):
        assert {lit.language for lit in g.objects(node, DCTERMS.title)} == {"lt", "en"}
        assert {lit.language for lit in g.objects(node, DCTERMS.description)} == {"lt", "en"}
    publisher = g.value(cat, DCTERMS.publisher)
    assert {str(n) for n in g.objects(publisher, FOAF.name)} >= {
        "Kvalifikacijų ir profesinio mokymo plėtros centras",
        "Qualifications and Vocational Education and Training Development Centre",
    }
    assert (registry, RDF.type, VOID.Dataset) in g
    assert registry in set(g.objects(cat, DCAT.dataset))
    assert g.value(cat, DCAT.service) == URIRef(f"{BASE}/id/service/sparql")
    assert g.value(URIRef(f"{BASE}/id/service/sparql"), DCAT.endpointURL) == URIRef(f"{BASE}/sparql")
    assert g.value(registry, DCAT.theme) == URIRef("http://publications.europa.eu/resource/authority/data-theme/EDUC")
    assert g.value(registry, DCTERMS.spatial) == URIRef("http://publications.europa.eu/resource/authority/country/LTU")
    assert set(g.objects(registry, DCTERMS.language)) == {
        URIRef("http://publications.europa.eu/resource/authority/language/LIT"),
        URIRef("http://publications.europa.eu/resource/authority/language/ENG"),
    }
    assert g.value(cat, DCTERMS.license) == URIRef("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0")
    assert g.value(g.value(registry, DCAT.contactPoint), VCARD.hasEmail) == URIRef("mailto:info@example.lt")

    # One distribution per dump, with the manifest's size and checksum, plus the SPARQL access.
    dumps = {str(g.value(d, DCAT.downloadURL)): d for d in g.objects(registry, DCAT.distribution)
             if g.value(d, DCAT.downloadURL)}
    assert set(dumps) == {f"{BASE}/datasets/{spec.name}" for spec in DUMPS}
    assert set(g.objects(registry, VOID.dataDump)) == {URIRef(u) for u in dumps}
    for entry in manifest.files:
        node = dumps[f"{BASE}/datasets/{entry.name}"]
        assert int(g.value(node, DCAT.byteSize)) == entry.bytes
        assert str(g.value(g.value(node, SPDX.checksum), SPDX.checksumValue)) == entry.sha256
    gz = dumps[f"{BASE}/datasets/kpmpc-registry.nt.gz"]
    assert g.value(gz, DCAT.mediaType) == URIRef("http://www.iana.org/assignments/media-types/application/n-triples")
    assert g.value(gz, DCAT.compressFormat) == URIRef("http://www.iana.org/assignments/media-types/application/gzip")
    assert g.value(gz, DCTERMS.format) == URIRef(
        "http://publications.europa.eu/resource/authority/file-type/RDF_N_TRIPLES")

    elm = URIRef(f"{BASE}/id/dataset/qualifications-elm")
    assert {str(g.value(d, DCAT.downloadURL)) for d in g.objects(elm, DCAT.distribution)} == {
        f"{BASE}/datasets/elm/qualifications.{fmt}" for fmt in ELM_FILE_NAMES}


def test_void_counts_equal_the_store(catalogue, store):
    _, _, g = catalogue
    registry = registry_uri(BASE)
    union = Graph()
    for name in store.graph_names():
        union += store.get_graph(name)
    assert int(g.value(registry, VOID.triples)) == store.triple_count() == len(union)
    subjects = set(union.subjects())
    assert int(g.value(registry, VOID.entities)) == len({s for s in subjects if str(s).startswith(f"{BASE}/id/")})
    assert int(g.value(registry, VOID.distinctSubjects)) == len(subjects)
    assert str(g.value(registry, VOID.uriSpace)) == f"{BASE}/id/"
    assert g.value(registry, VOID.sparqlEndpoint) == URIRef(f"{BASE}/sparql")
    partitions = {g.value(p, VOID["class"]): p for p in g.objects(registry, VOID.classPartition)}
    assert set(partitions) == set(union.objects(None, RDF.type))
    for cls, partition in partitions.items():
        instances = set(union.subjects(RDF.type, cls))
        assert int(g.value(partition, VOID.entities)) == len(instances), cls
        assert int(g.value(partition, VOID.triples)) == sum(len(list(union.predicate_objects(s))) for s in instances)
    vocabularies = {str(v) for v in g.objects(registry, VOID.vocabulary)}
    assert {"https://data.kpmpc.lt/ontology/", "http://www.w3.org/2004/02/skos/core#",
            "http://data.europa.eu/snb/model/elm/"} <= vocabularies


def test_releases_are_versions_of_the_registry_dataset(catalogue):
    _, releases, g = catalogue
    registry, first, second = registry_uri(BASE), release_uri(BASE, "2026.1"), release_uri(BASE, "2026.2")
    assert set(g.objects(registry, DCAT.hasVersion)) == {first, second}
    assert {first, second} <= set(g.objects(catalogue_uri(BASE), DCAT.dataset))
    for release, node in zip(sorted(releases, key=lambda r: r.name), (first, second), strict=True):
        assert g.value(node, DCTERMS.isVersionOf) == registry
        assert str(g.value(node, DCAT.version)) == release.name
        assert str(g.value(node, DCTERMS.issued)) == release.issued
        assert {n.language for n in g.objects(node, ADMS.versionNotes)} == {"lt", "en"}
        urls = {str(g.value(d, DCAT.downloadURL)) for d in g.objects(node, DCAT.distribution)}
        assert urls == {f"{BASE}/datasets/releases/{release.name}/{f.name}" for f in release.files}
    assert g.value(second, DCAT.previousVersion) == first and g.value(first, DCAT.previousVersion) is None


def test_release_description_file_is_the_catalogue_entry(catalogue, tmp_path):
    _, releases, g = catalogue
    own = Graph().parse(tmp_path / "releases" / "2026.2" / "release.ttl", format="turtle")
    node = release_uri(BASE, "2026.2")
    assert set(own.predicate_objects(node)) == set(g.predicate_objects(node))


def test_a_catalogue_without_dumps_still_describes_the_services():
    g = describe_catalogue(BASE, dumps=None)
    conforms, _, report = validate(g, shacl_graph=dcat_ap_shapes(), inference="none")
    assert conforms, report
    assert g.value(registry_uri(BASE), VOID.triples) is None
    assert not any(str(url).startswith(f"{BASE}/datasets/kpmpc-registry") for url in g.objects(None, DCAT.downloadURL))


def test_the_transcribed_shapes_catch_what_is_missing(catalogue):
    """The check above is not vacuous: dropping a mandatory property or a node's type fails it."""
    _, _, graph = catalogue
    for triple in [(catalogue_uri(BASE), DCTERMS.title, None), (None, RDF.type, DCTERMS.LicenseDocument),
                   (None, SPDX.algorithm, None)]:
        broken = Graph() + graph
        broken.remove(triple)
        assert not validate(broken, shacl_graph=dcat_ap_shapes(), inference="none")[0], triple
