"""A query result as a table of display cells, for the endpoint's HTML page.

Built from the runner's own output (SPARQL JSON for SELECT/ASK, N-Triples for graphs), so the
page shows exactly what the API would send.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pyoxigraph as ox

from graph.sparql_endpoint.runner import QueryResult

__all__ = ["Cell", "Table", "table"]

_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Cell:
    text: str = ""
    href: str | None = None  # IRIs that a browser can follow
    note: str = ""  # @lang or ^^datatype of a literal, "blank node"


@dataclass
class Table:
    variables: list[str] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    boolean: bool | None = None


def _iri(value: str) -> Cell:
    return Cell(value, value if value.startswith(("http://", "https://")) else None)


def _literal(value: str, language: str | None, datatype: str | None) -> Cell:
    if language:
        return Cell(value, note=f"@{language}")
    if datatype and datatype != _XSD + "string":
        short = datatype.replace(_XSD, "xsd:")
        return Cell(value, note=f"^^{short}")
    return Cell(value)


def _json_cell(term: dict | None) -> Cell:
    if term is None:
        return Cell()
    kind, value = term.get("type"), term.get("value", "")
    if kind == "uri":
        return _iri(value)
    if kind == "bnode":
        return Cell(f"_:{value}", note="blank node")
    if kind == "triple":
        return Cell(json.dumps(value))
    return _literal(value, term.get("xml:lang"), term.get("datatype"))


def _ox_cell(term) -> Cell:
    if isinstance(term, ox.NamedNode):
        return _iri(term.value)
    if isinstance(term, ox.BlankNode):
        return Cell(f"_:{term.value}", note="blank node")
    if isinstance(term, ox.Literal):
        return _literal(term.value, term.language, term.datatype.value)
    return Cell(str(term))


def table(result: QueryResult) -> Table:
    """``result`` (SPARQL JSON results or N-Triples) as rows of cells."""
    if result.format.name == "json":
        data = json.loads(result.body)
        if "boolean" in data:
            return Table(boolean=bool(data["boolean"]))
        variables = data["head"].get("vars", [])
        rows = [[_json_cell(b.get(v)) for v in variables] for b in data["results"]["bindings"]]
        return Table(variables, rows)
    triples = ox.parse(result.body, ox.RdfFormat.N_TRIPLES)
    rows = [[_ox_cell(q.subject), _ox_cell(q.predicate), _ox_cell(q.object)] for q in triples]
    return Table(["subject", "predicate", "object"], rows)
