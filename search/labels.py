"""Labels of facet values that live in the graph (the index holds codes only).

``type`` and ``status`` values are the product's own words: the UI translates them (gettext).
"""

from __future__ import annotations

from graph.stores.base import GraphStore
from graph.uris import scheme_uri
from ontology.namespaces import EQF, ISCED_F, SKOS
from search.graph_rows import rows
from search.graph_terms import Vocab

__all__ = ["facet_labels"]

Labels = dict[str, dict[str, dict[str, str]]]


def facet_labels(store: GraphStore, base: str) -> Labels:
    """``{facet: {value: {"lt": …, "en": …}}}`` for sector, ltks_level, eqf_level and isced."""
    labels: Labels = {"sector": {}, "ltks_level": {}, "eqf_level": {}, "isced": {}}
    for ref in Vocab(store, base).sectors.values():
        labels["sector"][ref.code or ""] = {k: v for k, v in (("lt", ref.name_lt), ("en", ref.name_en)) if v}
    query = (
        "SELECT ?n ?label ?lang WHERE { "
        f"?l <{SKOS.inScheme}> <{scheme_uri(base, 'ltks')}> ; <{SKOS.notation}> ?n ; <{SKOS.prefLabel}> ?label "
        "BIND(LANG(?label) AS ?lang) }"
    )
    for n, label, lang in rows(store, query, ("n", "label", "lang")):
        labels["ltks_level"].setdefault(n, {})[lang] = label
    for facet, namespace in (("eqf_level", str(EQF)), ("isced", str(ISCED_F))):
        query = (
            f"SELECT ?c ?label ?lang WHERE {{ ?c <{SKOS.prefLabel}> ?label "
            f'FILTER(STRSTARTS(STR(?c), "{namespace}")) BIND(LANG(?label) AS ?lang) }}'
        )
        for concept, label, lang in rows(store, query, ("c", "label", "lang")):
            code = concept[len(namespace) :]
            if code and "/" not in code and lang in ("lt", "en"):
                labels[facet].setdefault(code, {})[lang] = label
    return labels
