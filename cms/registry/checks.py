"""System check: every term a model's RDF mapping uses is defined (CONVENTIONS)."""

from __future__ import annotations

from django.core import checks
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from ontology.loader import load_vocabulary
from ontology.namespaces import ADMS, ELM, ESCO, KQ

_CLOSED = (ELM, ESCO, ADMS, SKOS, DCTERMS, RDF)


def _defined(term: URIRef, ontology_subjects: set) -> bool:
    if str(term).startswith(str(KQ._NS)):
        return term in ontology_subjects
    for namespace in _CLOSED:
        prefix = str(namespace._NS)
        if str(term).startswith(prefix):
            return str(term)[len(prefix):] in namespace.__annotations__
    return True  # concepts of external schemes (EQF, ISCED-F) are checked by the shapes


@checks.register()
def check_rdf_mappings(app_configs=None, **kwargs):
    from .models import REGISTRY_MODELS

    ontology = load_vocabulary("ontology", base="https://example.invalid")
    subjects = set(ontology.subjects())
    errors = []
    for model in REGISTRY_MODELS:
        for term in sorted(model.rdf_mapping.terms()):
            if isinstance(term, URIRef) and not _defined(term, subjects):
                errors.append(
                    checks.Error(
                        f"{model.__name__}.rdf_mapping uses {term}, which no ontology defines",
                        hint="Add it to ontology/kpmpc.ttl and ontology/namespaces.py, or fix the term.",
                        obj=model,
                        id="registry.E001",
                    )
                )
    return errors
