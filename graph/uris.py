"""The one place where IRIs and named-graph names are minted (ontology/MODEL.md, "URIs").

Stable URIs come from stable codes under one configurable base (W3C "Cool URIs for the
Semantic Web"), so every caller goes through these functions instead of concatenating
strings: a typo'd type slug or a code with a space fails here, loudly, before it reaches
the store.
"""

from __future__ import annotations

import re

from rdflib import URIRef

__all__ = [
    "CODE_PATTERN",
    "TYPE_SLUGS",
    "entity_uri",
    "graph_name",
    "normalise_base",
    "parse_entity_uri",
    "scheme_uri",
    "sub_uri",
    "vocab_graph_name",
]

#: Registry entity types: the ``{type}`` segment of ``{BASE}/id/{type}/{code}``.
TYPE_SLUGS: frozenset[str] = frozenset(
    {
        "sector",
        "committee",
        "standard",
        "unit",
        "competence",
        "qualification",
        "programme",
        "module",
        "level",
    }
)

#: What a code (or any other IRI path segment we mint) may look like: IRI-safe, no slash.
CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_SEGMENT_PATTERN = re.compile(r"^[a-z][a-z0-9-]*$")


def normalise_base(base: str) -> str:
    """Return ``base`` without trailing slashes, checking it is an absolute http(s) IRI."""
    # str(): rdflib's URIRef overrides startswith, so compare plain strings.
    if not isinstance(base, str) or not str(base).startswith(("http://", "https://")):
        raise ValueError(f"base must be an absolute http(s) IRI, got {base!r}")
    stripped = str(base).rstrip("/")
    if " " in stripped or "#" in stripped or "?" in stripped:
        raise ValueError(f"base must not contain spaces, '#' or '?', got {base!r}")
    return stripped


def _check_slug(type_slug: str) -> str:
    if type_slug not in TYPE_SLUGS:
        known = ", ".join(sorted(TYPE_SLUGS))
        raise ValueError(f"Unknown entity type {type_slug!r}; known types: {known}")
    return type_slug


def _check_code(code: str | int, *, what: str = "code") -> str:
    if isinstance(code, bool) or not isinstance(code, (str, int)):
        raise ValueError(f"{what} must be a string or an integer, got {code!r}")
    text = str(code)
    if not CODE_PATTERN.match(text):
        raise ValueError(
            f"Invalid {what} {text!r}: use letters, digits, '.', '_' or '-', "
            "starting with a letter or digit (no spaces or slashes)"
        )
    return text


def _check_segment(segment: str) -> str:
    if not isinstance(segment, str) or not _SEGMENT_PATTERN.match(segment):
        raise ValueError(f"Invalid IRI segment {segment!r}: use lower-case letters, digits and '-'")
    return segment


def entity_uri(base: str, type_slug: str, code: str | int) -> URIRef:
    """``{base}/id/{type}/{code}``: the IRI of a registry entity."""
    return URIRef(f"{normalise_base(base)}/id/{_check_slug(type_slug)}/{_check_code(code)}")


def graph_name(base: str, type_slug: str, code: str | int) -> URIRef:
    """``{base}/graph/{type}/{code}``: the named graph holding one entity's triples."""
    return URIRef(f"{normalise_base(base)}/graph/{_check_slug(type_slug)}/{_check_code(code)}")


def vocab_graph_name(base: str, name: str) -> URIRef:
    """``{base}/graph/vocab/{name}``: the named graph of a reference vocabulary."""
    return URIRef(f"{normalise_base(base)}/graph/vocab/{_check_code(name, what='vocabulary name')}")


def scheme_uri(base: str, name: str) -> URIRef:
    """``{base}/id/scheme/{name}``: one of our SKOS concept schemes (``ltks``, ``sector``)."""
    return URIRef(f"{normalise_base(base)}/id/scheme/{_check_code(name, what='scheme name')}")


def sub_uri(parent: str, segment: str, key: str | int) -> URIRef:
    """``{parent}/{segment}/{key}``: a node owned by ``parent`` (``…/outcome/1``, ``…/module/4102201``)."""
    if not isinstance(parent, str) or not str(parent).startswith(("http://", "https://")):
        raise ValueError(f"parent must be an absolute http(s) IRI, got {parent!r}")
    return URIRef(f"{str(parent).rstrip('/')}/{_check_segment(segment)}/{_check_code(key, what='key')}")


def parse_entity_uri(base: str, uri: str) -> tuple[str, str] | None:
    """Return ``(type_slug, code)`` when ``uri`` is exactly an entity IRI under ``base``, else None.

    Sub-node IRIs (``…/outcome/1``) and IRIs under another base are not entity IRIs.
    """
    prefix = normalise_base(base) + "/id/"
    text = str(uri)
    if not text.startswith(prefix):
        return None
    parts = text[len(prefix) :].split("/")
    if len(parts) != 2:
        return None
    type_slug, code = parts
    if type_slug not in TYPE_SLUGS or not CODE_PATTERN.match(code):
        return None
    return type_slug, code
