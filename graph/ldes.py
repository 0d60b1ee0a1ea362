"""The change feed as a Linked Data Event Stream (LDES, SEMIC/TREE): version objects of the
registry's entities, appended as changes reach the graph, paginated with TREE relations.

- stream ``{base}/ldes`` (``ldes:EventStream``), pages ``{base}/ldes/page/{n}`` (``tree:Node``);
- member ``{base}/ldes/version/{id}``: ``dcterms:isVersionOf`` the entity, ``prov:generatedAtTime``,
  typed ``as:Create`` / ``as:Update`` / ``as:Delete`` (withdrawn from publication), carrying the
  entity's whole graph at that version with the entity's IRIs moved under the version IRI (so a
  member never changes once published: its outcomes are version-specific too);
- each page links the next with a ``tree:GreaterThanOrEqualToRelation`` on the timestamp, so a
  harvester that stopped at a time skips pages it has, and the last page is the one to poll.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

__all__ = ["AS", "LDES", "TREE", "HYDRA", "Member", "Page", "member_graph", "page_graph",
           "page_uri", "stream_graph", "stream_uri", "version_uri"]

LDES = Namespace("https://w3id.org/ldes#")
TREE = Namespace("https://w3id.org/tree#")
AS = Namespace("https://www.w3.org/ns/activitystreams#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
PREFIXES = {"ldes": LDES, "tree": TREE, "as": AS, "prov": PROV, "dcterms": DCTERMS, "hydra": HYDRA}

CHANGE_TYPES = {"created": AS.Create, "updated": AS.Update, "withdrawn": AS.Delete}


@dataclass(frozen=True)
class Member:
    id: int
    entity_uri: str
    change: str  # created | updated | withdrawn
    generated_at: datetime
    ntriples: str  # the entity's graph at this version ("" when withdrawn)


@dataclass(frozen=True)
class Page:
    number: int
    members: Sequence[Member]
    next_number: int | None = None
    next_from: datetime | None = None  # earliest timestamp on the next page


def stream_uri(base: str) -> URIRef:
    return URIRef(f"{base}/ldes")


def page_uri(base: str, number: int) -> URIRef:
    return URIRef(f"{base}/ldes/page/{number}")


def version_uri(base: str, member_id: int) -> URIRef:
    return URIRef(f"{base}/ldes/version/{member_id}")


def _bind(g: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def _describe_stream(g: Graph, base: str) -> URIRef:
    stream = stream_uri(base)
    g.add((stream, RDF.type, LDES.EventStream))
    g.add((stream, LDES.timestampPath, PROV.generatedAtTime))
    g.add((stream, LDES.versionOfPath, DCTERMS.isVersionOf))
    g.add((stream, TREE.view, page_uri(base, 1)))
    return stream


def stream_graph(base: str, *, titles: dict[str, str], description: dict[str, str]) -> Graph:
    """The entry point: what the stream is and where its first page is."""
    g = _bind(Graph())
    stream = _describe_stream(g, base)
    for lang, text in titles.items():
        g.add((stream, DCTERMS.title, Literal(text, lang=lang)))
    for lang, text in description.items():
        g.add((stream, DCTERMS.description, Literal(text, lang=lang)))
    _search_template(g, base, page_uri(base, 1))
    return g


def _search_template(g: Graph, base: str, node: URIRef) -> None:
    """``{base}/ldes{?since}`` redirects to the page holding the first version at or after it."""
    template = BNode()
    mapping = BNode()
    g.add((node, TREE.search, template))
    g.add((template, RDF.type, HYDRA.IriTemplate))
    g.add((template, HYDRA.template, Literal(f"{base}/ldes{{?since}}")))
    g.add((template, HYDRA.variableRepresentation, HYDRA.BasicRepresentation))
    g.add((template, HYDRA.mapping, mapping))
    g.add((mapping, RDF.type, HYDRA.IriTemplateMapping))
    g.add((mapping, HYDRA.variable, Literal("since")))
    g.add((mapping, HYDRA.property, PROV.generatedAtTime))
    g.add((mapping, HYDRA.required, Literal(False)))


def page_graph(base: str, page: Page) -> Graph:
    g = _bind(Graph())
    stream = _describe_stream(g, base)
    node = page_uri(base, page.number)
    g.add((node, RDF.type, TREE.Node))
    g.add((node, DCTERMS.isPartOf, stream))
    if page.next_number is not None and page.next_from is not None:
        relation = BNode()
        g.add((node, TREE.relation, relation))
        g.add((relation, RDF.type, TREE.GreaterThanOrEqualToRelation))
        g.add((relation, TREE.path, PROV.generatedAtTime))
        g.add((relation, TREE.value, _timestamp(page.next_from)))
        g.add((relation, TREE.node, page_uri(base, page.next_number)))
    for member in page.members:
        g.add((stream, TREE.member, version_uri(base, member.id)))
        _add_member(g, base, member)
    return g


def member_graph(base: str, member: Member) -> Graph:
    g = _bind(Graph())
    g.add((stream_uri(base), TREE.member, version_uri(base, member.id)))
    _add_member(g, base, member)
    return g


def _add_member(g: Graph, base: str, member: Member) -> None:
    version = version_uri(base, member.id)
    g.add((version, RDF.type, CHANGE_TYPES[member.change]))
    g.add((version, DCTERMS.isVersionOf, URIRef(member.entity_uri)))
    g.add((version, PROV.generatedAtTime, _timestamp(member.generated_at)))
    if not member.ntriples:
        return
    own = member.entity_uri
    for s, p, o in Graph().parse(data=member.ntriples, format="nt"):
        g.add((_move(s, own, version), p, _move(o, own, version)))


def _move(term, entity: str, version: URIRef):
    """The entity's IRIs (itself and its sub-resources) become the version's."""
    if isinstance(term, URIRef):
        text = str(term)
        if text == entity:
            return version
        if text.startswith(entity + "/"):
            return URIRef(str(version) + text[len(entity):])
    return term


def _timestamp(value: datetime) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.dateTime)
