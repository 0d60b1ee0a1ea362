"""The system check that every mapped RDF term is defined in an ontology."""

from __future__ import annotations

import dataclasses

from rdflib import URIRef

from cms.registry.checks import check_rdf_mappings
from cms.registry.models import Qualification
from graph.mapping import Value


def test_real_mappings_use_only_defined_terms():
    assert check_rdf_mappings() == []


def test_an_undefined_ontology_term_is_reported(monkeypatch):
    typo = URIRef("https://data.kpmpc.lt/ontology/credtis")
    broken = dataclasses.replace(
        Qualification.rdf_mapping,
        fields=(*Qualification.rdf_mapping.fields, Value("code", typo)),
    )
    monkeypatch.setattr(Qualification, "rdf_mapping", broken)

    errors = check_rdf_mappings()

    assert [e.id for e in errors] == ["registry.E001"]
    assert str(typo) in errors[0].msg
