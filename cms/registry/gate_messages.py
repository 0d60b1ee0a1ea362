"""Placing SHACL results on an admin form, in the editor's language."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from django.utils.translation import gettext as _
from rdflib import URIRef
from rdflib.namespace import SH

from ontology.loader import shapes_graph


@lru_cache(maxsize=512)
def shape_language(shape: URIRef | None) -> str | None:
    """The language a shape constrains (its sh:languageIn, possibly inside a qualified shape)."""
    if shape is None:
        return None
    graph = shapes_graph()
    candidates = [shape, *graph.objects(shape, SH.qualifiedValueShape)]
    for node in candidates:
        for lst in graph.objects(node, SH.languageIn):
            items = list(graph.items(lst))
            if len(items) == 1:
                return str(items[0])
    return None


def warning_text(result, lang: str) -> str:
    parts = [issue.message(lang) for issue in result.warnings]
    return _("Published with warnings: %(warnings)s") % {"warnings": "; ".join(parts)}


def place_issues(*, form, issues: Iterable, locate: Callable, lang: str) -> None:
    """Attach each issue to its field (or inline row field); unplaced ones become form errors."""
    for issue in issues:
        message = issue.message(lang)
        location = locate(issue)
        if location is not None and _place(form, location, message):
            continue
        form.add_error(None, message)


def _place(form, location, message: str) -> bool:
    if getattr(location, "index", None) is None:
        if location.field in form.fields:
            form.add_error(location.field, message)
            return True
        return False
    formset = getattr(form, "formsets", {}).get(location.field)
    if formset is None:
        return False
    live_forms = [f for f in formset.forms if not _marked_deleted(f)]
    if location.index >= len(live_forms):
        return False
    row = live_forms[location.index]
    child_field = getattr(location, "child_field", None)
    row.add_error(child_field if child_field in row.fields else None, message)
    return True


def _marked_deleted(row) -> bool:
    return bool(getattr(row, "cleaned_data", {}).get("DELETE"))
