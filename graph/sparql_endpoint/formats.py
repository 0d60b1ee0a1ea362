"""Output formats of the SPARQL endpoint: names, media types, aliases, per query-form family.

Two families: **results** (SELECT and ASK: SPARQL JSON, XML, CSV, TSV) and **graph**
(CONSTRUCT and DESCRIBE: Turtle, JSON-LD, N-Triples, RDF/XML). A client names a format by
media type (``Accept``) or by name (``?format=``); some names mean one thing per family, as
clients use them: SPARQLWrapper sends ``format=xml`` for both SELECT (results XML) and
CONSTRUCT (RDF/XML), ``format=json`` for CONSTRUCT means JSON-LD.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

__all__ = ["FAMILIES", "GRAPH", "GRAPH_FORMATS", "RESULTS", "RESULT_FORMATS", "OutputFormat", "find_format"]

RESULTS = "results"
GRAPH = "graph"
FAMILIES = (RESULTS, GRAPH)


@dataclass(frozen=True)
class OutputFormat:
    name: str  # the canonical ?format= value
    family: str
    content_type: str  # what the response says
    media_types: tuple[str, ...]  # what Accept may ask for it by (the first is the canonical one)
    aliases: tuple[str, ...]  # other ?format= values
    ox_format: ox.QueryResultsFormat | ox.RdfFormat

    @property
    def media_type(self) -> str:
        return self.media_types[0]


RESULT_FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("json", RESULTS, "application/sparql-results+json",
                 ("application/sparql-results+json", "application/json"), ("srj",), ox.QueryResultsFormat.JSON),
    OutputFormat("xml", RESULTS, "application/sparql-results+xml",
                 ("application/sparql-results+xml", "application/xml", "text/xml"), ("srx",),
                 ox.QueryResultsFormat.XML),
    OutputFormat("csv", RESULTS, "text/csv; charset=utf-8", ("text/csv",), (), ox.QueryResultsFormat.CSV),
    OutputFormat("tsv", RESULTS, "text/tab-separated-values; charset=utf-8",
                 ("text/tab-separated-values",), (), ox.QueryResultsFormat.TSV),
)  # fmt: skip

GRAPH_FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("ttl", GRAPH, "text/turtle; charset=utf-8",
                 ("text/turtle", "application/x-turtle", "application/turtle", "text/n3"),
                 ("turtle", "n3"), ox.RdfFormat.TURTLE),
    OutputFormat("jsonld", GRAPH, "application/ld+json",
                 ("application/ld+json", "application/json"), ("json-ld", "json"), ox.RdfFormat.JSON_LD),
    OutputFormat("nt", GRAPH, "application/n-triples",
                 ("application/n-triples", "text/plain"), ("ntriples", "n-triples"), ox.RdfFormat.N_TRIPLES),
    OutputFormat("rdf", GRAPH, "application/rdf+xml",
                 ("application/rdf+xml", "application/xml", "text/xml"), ("xml", "rdfxml", "rdf+xml"),
                 ox.RdfFormat.RDF_XML),
)  # fmt: skip

_BY_FAMILY = {RESULTS: RESULT_FORMATS, GRAPH: GRAPH_FORMATS}


def formats(family: str) -> tuple[OutputFormat, ...]:
    return _BY_FAMILY[family]


def find_format(family: str, value: str) -> OutputFormat | None:
    """The family's format a ``?format=`` value (name, alias or media type) stands for, else None."""
    wanted = value.strip().lower().split(";")[0].strip()
    for fmt in _BY_FAMILY[family]:
        if wanted == fmt.name or wanted in fmt.aliases or wanted in fmt.media_types:
            return fmt
    return None


def describe(family: str) -> str:
    """``json (application/sparql-results+json), …``: what a 406 lists."""
    return ", ".join(f"{fmt.name} ({fmt.media_type})" for fmt in _BY_FAMILY[family])
