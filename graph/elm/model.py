"""The in-memory ELM LOQ dataset: read once from the store, written as both RDF and XML.

Plain frozen dataclasses, so the Turtle and the ``loq:Courses`` XML cannot drift apart: both
serialisers walk the same objects. Texts are ``LangText``: ``((language, text), …)`` sorted by
language, one text per language (the profile's ``sh:uniqueLang``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rdflib import URIRef

from graph.uris import sub_uri

__all__ = [
    "Address",
    "ElmDataset",
    "LangText",
    "LearningOutcome",
    "Location",
    "Organisation",
    "Qualification",
    "Skipped",
    "elm_node",
]

LangText = tuple[tuple[str, str], ...]


def elm_node(parent: str, kind: str) -> URIRef:
    """``{parent}/elm/{kind}``: an export-only node owned by ``parent`` (homepage, credit point…)."""
    return sub_uri(parent, "elm", kind)


@dataclass(frozen=True)
class Address:
    uri: URIRef
    country: URIRef
    #: The street address, written as an ``elm:Note`` (the profile's ``elm:fullAddress``).
    full_address_lt: str | None = None
    full_address_uri: URIRef | None = None


@dataclass(frozen=True)
class Location:
    uri: URIRef
    names: LangText
    address: Address


@dataclass(frozen=True)
class Organisation:
    uri: URIRef
    legal_names: LangText
    location: Location
    homepage: str | None = None
    #: National legal-entity code (juridinio asmens kodas), written as a LegalIdentifier.
    registration: str | None = None
    registration_country: URIRef | None = None


@dataclass(frozen=True)
class LearningOutcome:
    uri: URIRef
    titles: LangText


@dataclass(frozen=True)
class Qualification:
    uri: URIRef
    code: str
    titles: LangText
    descriptions: LangText
    eqf_level: URIRef
    nqf_level: URIRef
    isced_f: tuple[URIRef, ...]
    languages: tuple[URIRef, ...]
    outcomes: tuple[LearningOutcome, ...]
    homepage: str
    learning_setting: URIRef | None = None
    #: ECVET points as the profile wants them (``elm:point`` is an xsd:string).
    credit_points: str | None = None
    modified: dt.datetime | None = None


@dataclass(frozen=True)
class Skipped:
    """A published qualification left out because the profile's mandatory data is missing."""

    uri: URIRef
    reason: str


@dataclass(frozen=True)
class ElmDataset:
    qualifications: tuple[Qualification, ...]
    #: Awards every qualification and publishes the dataset (see awarding.py for why one body).
    awarding_body: Organisation
    #: Where the qualifications are awarded (the country).
    awarding_location: Location
    identifier_scheme: str
    skipped: tuple[Skipped, ...] = ()

    @property
    def locations(self) -> tuple[Location, ...]:
        return (self.awarding_body.location, self.awarding_location)
