"""The change feed (LDES) over HTTP: stream, pages, single versions, and `?since=` to start
harvesting from a point in time. Fed by the outbox pipeline (cms.registry.versions)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Min
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.timezone import is_naive, make_aware
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cms.registry.graph_store import linked_data_base
from cms.registry.models import EntityVersion
from graph.ldes import Member, Page, member_graph, page_graph, stream_graph

RDF_TYPES = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}
FORMAT_PARAM = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples",
                "rdf": "application/rdf+xml", "html": "text/html"}


def _page_size() -> int:
    return getattr(settings, "LDES_PAGE_SIZE", 100)


def _media_type(request) -> str | None:
    wanted = request.GET.get("format")
    if wanted:
        return FORMAT_PARAM.get(wanted)
    if not request.headers.get("Accept"):
        return "text/turtle"  # harvesters that do not say: the LDES default
    return request.get_preferred_type([*RDF_TYPES, "text/html"])


def _not_acceptable() -> HttpResponse:
    offered = ", ".join([*RDF_TYPES, "text/html"])
    response = HttpResponse(
        _("Not acceptable. Available media types: %(types)s; or ?format=ttl|jsonld|nt|rdf|html.")
        % {"types": offered}, status=406, content_type="text/plain; charset=utf-8")
    response["Vary"] = "Accept"
    return response


def _rdf_response(graph, media_type: str, *, max_age: int) -> HttpResponse:
    body = graph.serialize(format=RDF_TYPES[media_type], encoding="utf-8")
    response = HttpResponse(body, content_type=f"{media_type}; charset=utf-8")
    response["Vary"] = "Accept"
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={max_age}" + (", immutable" if max_age >= 86400 else "")
    return response


def _member(row: EntityVersion) -> Member:
    return Member(row.id, row.entity_uri, row.change, row.generated_at, row.ntriples)


@require_safe
def stream(request):
    since = request.GET.get("since")
    if since is not None:
        return _redirect_since(request, since)
    media_type = _media_type(request)
    if media_type is None:
        return _not_acceptable()
    if media_type == "text/html":
        return page(request, 1)
    graph = stream_graph(
        linked_data_base(),
        titles={"lt": "KPMPC kvalifikacijų registro pakeitimų srautas",
                "en": "KPMPC qualifications registry change feed"},
        description={"lt": "Paskelbtų registro įrašų versijos laiko tvarka; ?since=<data> pradeda nuo to laiko.",
                     "en": "Versions of published registry entries in time order; ?since=<date> starts there."},
    )
    return _rdf_response(graph, media_type, max_age=300)


def _moment(raw: str):
    """``raw`` as a date-time (a date is its midnight); None when it is not one, or names none
    (parse_datetime/parse_date raise ValueError for a well-formed but impossible 2026-13-45)."""
    try:
        moment = parse_datetime(raw)
        if moment is None and (day := parse_date(raw)) is not None:
            moment = parse_datetime(f"{day.isoformat()}T00:00:00")
    except ValueError:
        return None
    return moment


def _redirect_since(request, raw: str) -> HttpResponse:
    moment = _moment(raw)
    if moment is None:
        return HttpResponse(_("Invalid “since”: give an ISO 8601 date or date-time, e.g. 2026-11-01T00:00:00Z."),
                            status=400, content_type="text/plain; charset=utf-8")
    if is_naive(moment):
        moment = make_aware(moment)
    first = EntityVersion.objects.filter(generated_at__gte=moment).order_by("id").first()
    total = EntityVersion.objects.count()
    rank = EntityVersion.objects.filter(id__lt=first.id).count() if first else max(total - 1, 0)
    target = reverse("ldes:page", args=[rank // _page_size() + 1])
    if request.GET.get("format"):
        target += "?" + urlencode({"format": request.GET["format"]})
    return HttpResponseRedirect(target, status=303)


@require_safe
def page(request, number: int):
    media_type = _media_type(request)
    if media_type is None:
        return _not_acceptable()
    size = _page_size()
    versions = EntityVersion.objects.order_by("id")
    total = versions.count()
    if number < 1 or (number > 1 and (number - 1) * size >= total):
        return HttpResponse(_("No such page of the change feed."), status=404, content_type="text/plain; charset=utf-8")
    start = (number - 1) * size
    rows = list(versions[start:start + size])
    has_next = start + size < total
    next_from = versions[start + size:start + 2 * size].aggregate(first=Min("generated_at"))["first"] if has_next else None
    current = Page(number, [_member(r) for r in rows], number + 1 if has_next else None, next_from)
    full = len(rows) == size and has_next  # a page that will never change again
    if media_type == "text/html":
        return render(request, "linked_data/ldes_page.html", {
            "page": current, "rows": rows, "has_next": has_next, "total": total,
            "lang": (request.LANGUAGE_CODE or "lt")[:2]})
    return _rdf_response(page_graph(linked_data_base(), current), media_type, max_age=86400 if full else 60)


@require_safe
def version(request, member_id: int):
    media_type = _media_type(request)
    if media_type is None or media_type == "text/html":
        media_type = "text/turtle" if media_type == "text/html" else None
    if media_type is None:
        return _not_acceptable()
    row = EntityVersion.objects.filter(pk=member_id).first()
    if row is None:
        return HttpResponse(_("No such version."), status=404, content_type="text/plain; charset=utf-8")
    return _rdf_response(member_graph(linked_data_base(), _member(row)), media_type, max_age=86400)
