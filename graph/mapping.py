"""Declarative RDF mappings: what each registry model means in RDF, read by one projector.

Django models declare a mapping next to their fields (the way Wagtail declares
``search_fields``); :func:`graph.projection.project` turns an :class:`EntityRecord` into
triples with it, a Django system check walks :meth:`EntityMapping.terms` to prove every term
exists in the ontology, and :func:`field_for_result` maps a SHACL result back to the form
field it is about. Keeping the mapping as plain data (no Django here) is what lets
``graph/`` stay a library that is tested without a database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from rdflib import Literal as RDFLiteral
from rdflib import URIRef

from graph.uris import TYPE_SLUGS, entity_uri, parse_entity_uri, sub_uri

__all__ = [
    "ChildMapping",
    "ChildUri",
    "Children",
    "ConceptRef",
    "Constant",
    "Embedded",
    "EntityMapping",
    "EntityRecord",
    "FieldLocation",
    "FieldMapping",
    "MappingError",
    "Ref",
    "Text",
    "Value",
    "field_for_result",
]


class MappingError(ValueError):
    """A mapping declaration, or a record value, that the projector cannot turn into RDF."""


def _check_slug(type_slug: str) -> None:
    if type_slug not in TYPE_SLUGS:
        raise MappingError(f"Unknown entity type {type_slug!r}; known types: {', '.join(sorted(TYPE_SLUGS))}")


@dataclass(frozen=True)
class Text:
    """A language-tagged literal from a text field; empty text is skipped."""

    field: str
    predicate: URIRef
    lang: str


@dataclass(frozen=True)
class Value:
    """A typed literal (date → xsd:date, datetime → xsd:dateTime, bool, int, Decimal, str).

    ``datatype`` forces the datatype of a string (or other) value; ``many`` reads a list.
    """

    field: str
    predicate: URIRef
    datatype: URIRef | None = None
    many: bool = False


@dataclass(frozen=True)
class Ref:
    """A link to another registry entity: the value is its code, the IRI is minted for ``target``."""

    field: str
    predicate: URIRef
    target: str
    many: bool = False

    def __post_init__(self) -> None:
        _check_slug(self.target)


ConceptLookup = Mapping[Any, URIRef] | Callable[[Any], URIRef | None]


@dataclass(frozen=True)
class ConceptRef:
    """A link to a vocabulary concept chosen by the field value (a choice, a level number).

    ``concepts`` is a mapping (value → concept IRI) or a callable; a value the mapping does not
    know raises :class:`MappingError` (a missing case in the declaration, not an editor error).
    """

    field: str
    predicate: URIRef
    concepts: ConceptLookup = field(hash=False)
    many: bool = False


@dataclass(frozen=True)
class Constant:
    """A triple every entity of the type has (``skos:inScheme``); ``value`` may need the base."""

    predicate: URIRef
    value: URIRef | RDFLiteral | Callable[[str], URIRef] = field(hash=False)


@dataclass(frozen=True)
class ChildUri:
    """How a child or embedded node gets its IRI.

    ``minted``: the node is a registry entity of its own (``{BASE}/id/{type}/{row[key]}``);
    ``sub``: the node belongs to its parent (``{parent}/{segment}/{row[key]}``).
    """

    kind: Literal["minted", "sub"]
    name: str
    key: str

    @classmethod
    def minted(cls, type_slug: str, key: str = "code") -> ChildUri:
        _check_slug(type_slug)
        return cls("minted", type_slug, key)

    @classmethod
    def sub(cls, segment: str, key: str = "position") -> ChildUri:
        return cls("sub", segment, key)

    def mint(self, *, base: str, parent: URIRef, row: Mapping[str, Any]) -> URIRef:
        """The IRI of the node described by ``row`` under ``parent``."""
        key = row.get(self.key)
        if key is None or key == "":
            raise MappingError(f"Cannot mint a {self.name!r} IRI: the row has no {self.key!r} value")
        if self.kind == "minted":
            return entity_uri(base, self.name, key)
        return sub_uri(parent, self.name, key)


@dataclass(frozen=True)
class ChildMapping:
    """The mapping of one row of a :class:`Children` field (a learning outcome, a competence)."""

    rdf_types: tuple[URIRef, ...]
    uri: ChildUri
    fields: tuple[FieldMapping, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "rdf_types", tuple(self.rdf_types))
        object.__setattr__(self, "fields", tuple(self.fields))


@dataclass(frozen=True)
class Children:
    """A list of dicts, each a node linked from the parent (and back, with ``inverse``)."""

    field: str
    predicate: URIRef
    child: ChildMapping
    inverse: URIRef | None = None


@dataclass(frozen=True)
class Embedded:
    """A node built from the parent's own values (the committee of a sector, same code).

    ``uri.key`` names a field of the parent (default ``code``). With ``only_if`` set, the node is
    emitted only when that field of the parent is non-empty and not False.
    """

    predicate: URIRef
    rdf_types: tuple[URIRef, ...]
    uri: ChildUri
    fields: tuple[FieldMapping, ...]
    inverse: URIRef | None = None
    only_if: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "rdf_types", tuple(self.rdf_types))
        object.__setattr__(self, "fields", tuple(self.fields))


FieldMapping = Text | Value | Ref | ConceptRef | Constant | Children | Embedded
_VALUE_FIELDS = (Text, Value, Ref, ConceptRef)


@dataclass(frozen=True)
class EntityMapping:
    """The RDF mapping of one registry model: its type slug, classes and field mappings."""

    type_slug: str
    rdf_types: tuple[URIRef, ...]
    fields: tuple[FieldMapping, ...]
    code_field: str = "code"

    def __post_init__(self) -> None:
        _check_slug(self.type_slug)
        object.__setattr__(self, "rdf_types", tuple(self.rdf_types))
        object.__setattr__(self, "fields", tuple(self.fields))

    def predicates(self) -> frozenset[URIRef]:
        """Every predicate the mapping can emit (children, embedded nodes and inverses included)."""
        found: set[URIRef] = set()
        for item in _walk(self.fields):
            found.add(item.predicate)
            if isinstance(item, (Children, Embedded)) and item.inverse is not None:
                found.add(item.inverse)
        return frozenset(found)

    def terms(self) -> frozenset[URIRef]:
        """Every IRI the mapping names: classes, predicates, datatypes, constant and mapped concepts.

        Callables (a concept function, a constant built from the base) cannot be enumerated and are
        left out; a system check can still call them on sample values.
        """
        found: set[URIRef] = set(self.rdf_types) | set(self.predicates())
        for item in _walk(self.fields):
            if isinstance(item, Value) and item.datatype is not None:
                found.add(item.datatype)
            elif isinstance(item, ConceptRef) and isinstance(item.concepts, Mapping):
                found.update(item.concepts.values())
            elif isinstance(item, Constant) and isinstance(item.value, URIRef):
                found.add(item.value)
            elif isinstance(item, Children):
                found.update(item.child.rdf_types)
            elif isinstance(item, Embedded):
                found.update(item.rdf_types)
        return frozenset(found)


def _walk(fields: tuple[FieldMapping, ...]) -> Iterator[FieldMapping]:
    for item in fields:
        yield item
        if isinstance(item, Children):
            yield from _walk(item.child.fields)
        elif isinstance(item, Embedded):
            yield from _walk(item.fields)


@dataclass(frozen=True)
class EntityRecord:
    """Plain data for one entity, produced by the Django side: the projector's only input."""

    type_slug: str
    code: str
    values: dict[str, Any]


@dataclass(frozen=True)
class FieldLocation:
    """Where a validation result belongs in the edit form.

    ``field`` is a top-level field name; for a result on a child row, ``index`` is the row's
    position in the list (None when unknown), ``key`` the row key from the IRI and
    ``child_field`` the field inside the row (None when the result is about the row as a whole).
    """

    field: str
    index: int | None = None
    child_field: str | None = None
    key: str | None = None


def _pick(fields: tuple[FieldMapping, ...], path: object, lang: str | None) -> str | None:
    """The name of the value field with predicate ``path``, preferring a matching language."""
    candidates = [f for f in fields if isinstance(f, _VALUE_FIELDS) and f.predicate == path]
    if not candidates:
        candidates_children = [f for f in fields if isinstance(f, Children) and f.predicate == path]
        return candidates_children[0].field if candidates_children else None

    def lang_of(f: FieldMapping) -> str | None:
        return f.lang.lower() if isinstance(f, Text) else None

    if lang is not None:
        exact = [f for f in candidates if lang_of(f) == lang.lower()]
        if exact:
            return exact[0].field
    untagged = [f for f in candidates if lang_of(f) is None]
    return (untagged or candidates)[0].field


def _row_index(rows: object, key_field: str, key: str) -> int | None:
    if not isinstance(rows, (list, tuple)):
        return None
    for index, row in enumerate(rows):
        if isinstance(row, Mapping) and str(row.get(key_field)) == key:
            return index
    return None


def field_for_result(
    mapping: EntityMapping,
    *,
    entity_uri: str,
    focus_node: object,
    path: object,
    lang: str | None = None,
    record: EntityRecord | None = None,
) -> FieldLocation | None:
    """Map a SHACL result (focus node, path, language) to the form field it is about.

    Top-level focus → the field whose (predicate, lang) matches (``lang=None`` prefers an
    untagged field, else the first). Focus on a child node → the children field, the row index
    (looked up in ``record`` when given) and the child field. None when nothing matches (show
    the message as a form-level error).
    """
    focus = str(focus_node)
    subject = str(entity_uri)
    if focus == subject:
        name = _pick(mapping.fields, path, lang)
        return FieldLocation(name) if name else None
    base = subject.rsplit("/id/", 1)[0]
    values = record.values if record is not None else {}
    for item in mapping.fields:
        if isinstance(item, Embedded) and _is_embedded_node(item, focus, subject, base, values, mapping):
            name = _pick(item.fields, path, lang)
            return FieldLocation(name) if name else None
        if not isinstance(item, Children):
            continue
        key = _child_key(item.child.uri, focus, subject, base)
        if key is None:
            continue
        index = _row_index(values.get(item.field), item.child.uri.key, key)
        child_field = None if path == item.inverse else _pick(item.child.fields, path, lang)
        return FieldLocation(item.field, index=index, child_field=child_field, key=key)
    return None


def _child_key(uri: ChildUri, focus: str, subject: str, base: str) -> str | None:
    if uri.kind == "sub":
        prefix = f"{subject}/{uri.name}/"
        rest = focus[len(prefix) :] if focus.startswith(prefix) else None
        return rest if rest and "/" not in rest else None
    parsed = parse_entity_uri(base, focus) if base.startswith(("http://", "https://")) else None
    return parsed[1] if parsed and parsed[0] == uri.name else None


def _is_embedded_node(
    item: Embedded,
    focus: str,
    subject: str,
    base: str,
    values: Mapping[str, Any],
    mapping: EntityMapping,
) -> bool:
    key = values.get(item.uri.key)
    if key is None and item.uri.key == mapping.code_field:
        key = subject.rsplit("/", 1)[-1]
    if key is None:
        return _child_key(item.uri, focus, subject, base) is not None
    try:
        return focus == str(item.uri.mint(base=base, parent=URIRef(subject), row={item.uri.key: key}))
    except ValueError:
        return False
