"""/datasets/: the dumps, the releases and the DCAT-AP/VoID catalogue, for harvesters and people.

Files are served from DATASETS_DIR as written by the refresh task (never generated here):
ETag = the file's SHA-256 (as in the catalogue's spdx:checksum), Last-Modified, conditional GET
(304), CORS for every origin. ``.nt.gz`` is sent as it is on disk, ``application/gzip`` as a
download, not as N-Triples with ``Content-Encoding: gzip``: HTTP clients would decompress it on
the fly and the byte size and checksum in the catalogue would no longer match what they keep.
Before the first dump exists the answer is 503 with Retry-After, and a refresh is queued.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from graph.dumps import DUMPS, DumpFile
from graph.elm import FILE_NAMES as ELM_FILE_NAMES
from graph.releases import RELEASE_DESCRIPTION

from . import dumps
from .negotiation import BadFormat, available_types, negotiate

DUMP_NAMES = frozenset(spec.name for spec in DUMPS)
CATALOGUE_TYPES = {"ttl": "text/turtle; charset=utf-8", "jsonld": "application/ld+json",
                   "rdf": "application/rdf+xml; charset=utf-8", "nt": "application/n-triples; charset=utf-8"}
FILE_TYPES = {"ttl": "text/turtle; charset=utf-8", "jsonld": "application/ld+json",
              "xml": "application/xml; charset=utf-8", "nt": "application/n-triples; charset=utf-8"}
FORMAT_LABELS = {"nt": "N-Triples", "ttl": "Turtle", "jsonld": "JSON-LD", "rdf": "RDF/XML", "xml": "XML"}
SPARQL_PATH = "/sparql"  # the public endpoint (cms/config/urls.py)
LIVE_CACHE = "public, max-age=300"
RELEASE_CACHE = "public, max-age=31536000, immutable"


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """People get the listing; an RDF Accept header is sent on to the catalogue (303)."""
    chosen = _negotiated(request)
    if isinstance(chosen, HttpResponse):
        return chosen
    if chosen != "html":
        return _see_other(reverse("linked_data:catalogue-file", args=[chosen]))
    with _page_language(request):
        manifest = dumps.current_manifest()
        context = {
            "manifest": manifest,
            "generated": _when(manifest.generated) if manifest else None,
            "files": [_row(f, reverse("linked_data:dump", args=[f.name])) for f in manifest.files] if manifest else [],
            "releases": [_release(r) for r in dumps.releases()],
            "elm": [(name, reverse(f"linked_data:elm-{fmt}")) for fmt, name in ELM_FILE_NAMES.items()],
            "sparql": SPARQL_PATH,
            "catalogue": [(FORMAT_LABELS[key], reverse("linked_data:catalogue-file", args=[key]))
                          for key in CATALOGUE_TYPES],
        }
        response = render(request, "linked_data/datasets.html", context)
    patch_vary_headers(response, ["Accept", "Accept-Language"])
    return response


@require_safe
def catalogue(request: HttpRequest) -> HttpResponse:
    """The catalogue, negotiated (``/id/catalogue`` and ``/id/dataset/…`` should 303 here)."""
    chosen = _negotiated(request)
    if isinstance(chosen, HttpResponse):
        return chosen
    if chosen == "html":
        return _see_other(reverse("linked_data:datasets"))
    response = _catalogue(request, chosen)
    response["Content-Location"] = reverse("linked_data:catalogue-file", args=[chosen])
    patch_vary_headers(response, ["Accept"])
    return response


@require_safe
def catalogue_file(request: HttpRequest, ext: str) -> HttpResponse:
    if ext not in CATALOGUE_TYPES:
        return _error(404, _("No catalogue format “%(ext)s”; use one of: %(known)s.")
                      % {"ext": ext, "known": ", ".join(CATALOGUE_TYPES)})
    return _catalogue(request, ext)


@require_safe
def dump_file(request: HttpRequest, filename: str) -> HttpResponse:
    if filename not in DUMP_NAMES:
        return _error(404, _("No dataset file “%(name)s”; available: %(known)s.")
                      % {"name": filename, "known": ", ".join(sorted(DUMP_NAMES))})
    manifest = dumps.current_manifest()
    entry = manifest.file(filename) if manifest else None
    response = entry and _file(request, dumps.datasets_dir() / filename, entry, LIVE_CACHE)
    return response or _unavailable()


@require_safe
def release_page(request: HttpRequest, name: str) -> HttpResponse:
    release = dumps.release(name)
    if release is None:
        return _error(404, _("No release “%(name)s”.") % {"name": name})
    with _page_language(request):
        response = render(request, "linked_data/datasets_release.html", {"release": _release(release)})
    patch_vary_headers(response, ["Accept-Language"])
    return response


@require_safe
def release_file(request: HttpRequest, name: str, filename: str) -> HttpResponse:
    """A file of a release: the name is checked against the pattern, the file against the manifest."""
    release = dumps.release(name)
    entry = release.file(filename) if release else None
    response = entry and _file(request, dumps.releases_dir() / name / filename, entry, RELEASE_CACHE)
    if not response:
        return _error(404, _("No file “%(file)s” in release “%(name)s”.") % {"file": filename, "name": name})
    return response


def _catalogue(request: HttpRequest, fmt: str) -> HttpResponse:
    content = dumps.catalogue_content(fmt)
    if content is None:
        return _unavailable()
    etag = f'"{hashlib.sha256(content).hexdigest()[:32]}"'
    response = get_conditional_response(request, etag=etag) or HttpResponse(content, content_type=CATALOGUE_TYPES[fmt])
    response["ETag"] = etag
    response["Cache-Control"] = LIVE_CACHE
    response["Link"] = ", ".join(
        f'<{reverse("linked_data:catalogue-file", args=[key])}>; rel="alternate"; type="{media.split(";")[0]}"'
        for key, media in CATALOGUE_TYPES.items()
    )
    return _open(response)


def _file(request: HttpRequest, path: Path, entry: DumpFile, cache_control: str) -> HttpResponse | None:
    """The file as a download with its validators, or None when it is not on disk."""
    etag = f'"{entry.sha256}"'
    modified = int(datetime.fromisoformat(entry.modified).timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        try:
            handle = path.open("rb")
        except OSError:
            return None
        content_type = "application/gzip" if entry.compression == "gzip" else FILE_TYPES[entry.format]
        response = FileResponse(handle, content_type=content_type, filename=entry.name,
                                as_attachment=entry.name != RELEASE_DESCRIPTION)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = cache_control
    return _open(response)


def _unavailable() -> HttpResponse:
    outcome = dumps.schedule_dump_refresh(on_request=True)
    message = _("The dataset files are being generated; please try again in a few minutes.")
    if outcome == "not queued":  # no broker: requests never generate dumps
        message += " " + _("An administrator can generate them now with: manage.py export_dumps")
    response = _error(503, message)
    response["Retry-After"] = str(dumps.debounce_seconds() + 60)
    response["Cache-Control"] = "no-store"
    return response


def _negotiated(request: HttpRequest) -> str | HttpResponse:
    """The negotiated format key, or the 400/406 answer."""
    try:
        choice = negotiate(request)
    except BadFormat as exc:
        return _error(400, _("Unknown format “%(format)s”.") % {"format": exc})
    if choice is None:
        return _error(406, _("None of the requested types is available; available: %(types)s.")
                      % {"types": ", ".join(available_types())})
    return choice.format.key


def _see_other(url: str) -> HttpResponse:
    response = HttpResponse(status=303)
    response["Location"] = url
    patch_vary_headers(response, ["Accept"])
    return _open(response)


def _error(status: int, message: str) -> HttpResponse:
    return _open(HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8"))


def _open(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"  # open data
    response["Access-Control-Expose-Headers"] = "ETag, Content-Length, Content-Disposition"
    return response


def _page_language(request: HttpRequest):
    lang = request.GET.get("lang", "")
    return translation.override(lang if lang in dict(settings.LANGUAGES) else translation.get_language())


def _when(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _row(file: DumpFile, url: str) -> dict:
    return {"name": file.name, "url": url, "format": FORMAT_LABELS[file.format], "compression": file.compression,
            "triples": file.triples, "bytes": file.bytes, "sha256": file.sha256, "modified": _when(file.modified)}


def _release(release) -> dict:
    lang = translation.get_language()
    notes = dict(release.notes)
    return {
        "name": release.name,
        "url": reverse("linked_data:release", args=[release.name]),
        "issued": _when(release.issued),
        "notes": notes.get(lang) or notes.get("en") or "",
        "triples": release.statistics.triples,
        "files": [_row(f, reverse("linked_data:release-file", args=[release.name, f.name]))
                  for f in (*release.files, release.description)],
    }
