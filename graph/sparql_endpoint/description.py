"""The SPARQL 1.1 Service Description of the public endpoint (what GET /sparql without a query
returns to RDF clients)."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from graph.sparql_endpoint.formats import GRAPH_FORMATS, RESULT_FORMATS
from ontology.namespaces import bind_prefixes

__all__ = ["SD", "service_description"]

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
W3C_FORMATS = Namespace("http://www.w3.org/ns/formats/")
# The W3C format IRIs (https://www.w3.org/ns/formats/) of what the endpoint writes.
_FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV", "ttl": "Turtle", "jsonld": "JSON-LD", "nt": "N-Triples", "rdf": "RDF_XML",
}  # fmt: skip


def service_description(
    endpoint: str,
    *,
    timeout: float,
    max_rows: int,
    title: str = "KPMPC qualifications register SPARQL endpoint",
) -> Graph:
    """``endpoint`` described: query language, result formats, the union default graph and the limits."""
    graph = bind_prefixes(Graph())
    graph.bind("sd", SD)
    graph.bind("formats", W3C_FORMATS)
    service = URIRef(endpoint)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS):
        graph.add((service, SD.resultFormat, W3C_FORMATS[_FORMAT_IRIS[fmt.name]]))
    dataset, default_graph = BNode(), BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    graph.add(
        (
            default_graph,
            RDFS.comment,
            Literal("The union of all named graphs: one per published entity", lang="en"),
        )
    )
    graph.add((service, DCTERMS.title, Literal(title, lang="en")))
    limits = (
        f"Read-only: SPARQL Update and SERVICE are refused. Each query may run for {timeout:g} s; results are "
        f"cut at {max_rows} rows or triples, and a cut result says so (header X-SPARQL-Truncated)."
    )
    graph.add((service, RDFS.comment, Literal(limits, lang="en")))
    return graph
