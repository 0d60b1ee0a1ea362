"""Issue 7 point 2: with private data in every SPK app, no public surface carries any of it —
the registry API and search, the pages and documents API, document serving, the graph and
SPARQL, the dumps, the change feed, the public pages, and the members' area to anonymous
visitors. Only the consenting chair's name, role and organisation may appear publicly."""

from __future__ import annotations

import datetime
import gzip
import html
import io
import json

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.models import Page

from cms.committees.models import CommitteePage
from cms.linked_data.tasks import refresh_dumps
from cms.registry.models import OccupationalStandard
from cms.site.editorial.tree import ensure_site_tree
from cms.site.models import SectionPage
from cms.spk.assessors.models import AssessorEntry
from cms.spk.consultations import services as consultations
from cms.spk.initiatives.models import Initiative, InitiativeComment
from cms.spk.meetings.models import Meeting
from cms.spk.meetings.services import approve_minutes, publish_minutes, schedule_meeting, share_material
from tests.cms import factories
from tests.cms.pages.builders import add

pytestmark = pytest.mark.django_db

MINUTES_PRIVATE = "Privati protokolo dalis ZXMIN4417 apie biudžetą"
MINUTES_PUBLIC = "Vieša protokolo dalis: pritarta planui."
FILE_MARKER = "ZXFILE5521 konfidencialus priedas"
MATERIAL_TITLE = "Vidinė medžiaga ZXMAT0932"
EVALUATION_REMARK = "Pastaba ZXEVAL3391 apie skyrių"
INITIATIVE_TEXT = "Iniciatyva ZXINIT8812 dėl naujos kvalifikacijos"
INITIATIVE_COMMENT = "Komentaras ZXCOMM1204"
ASSESSOR_NOTE = "Galiu vertinti ZXASSESS6610 savaitgaliais"
DRAFT_NAME = "Slaptas projektas ZXDRAFT7070 konditerio standartas"
CONSULTATION_TITLE = "Konsultacija ZXCONS2203"
CHAIR_PHONE = "+37069990042"


@pytest.fixture
def datasets(settings, tmp_path):
    settings.DATASETS_DIR = tmp_path / "datasets"
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield settings.DATASETS_DIR
    cache.clear()


@pytest.fixture
def world(spk, graph, datasets, django_capture_on_commit_callbacks):
    """Published registry data in S08, the S08 committee page, and private data in every SPK app.
    Publishing reaches the graph through the outbox's on-commit hook, run here as a commit would."""
    build_world(spk, lambda: django_capture_on_commit_callbacks(execute=True))
    refresh_dumps.apply().get()  # the dumps as a harvester downloads them
    return spk


def build_world(spk, committed) -> None:
    spk.chair.phone = CHAIR_PHONE
    spk.chair.save()
    with committed():
        factories.publish(spk.s08)
    with committed():
        published = factories.standard(spk.s08, code="PSI02")
    with committed():
        factories.qualification([spk.s08], published)
    with committed():
        section, _ = add(ensure_site_tree()["lt"], SectionPage, "komitetai", {"title": "Komitetai"})
        spk.page, _ = add(section, CommitteePage, "s08", {"title": "Apgyvendinimo SPK"}, sector=spk.s08)

    now = timezone.now()
    spk.meeting = schedule_meeting(Meeting(
        committee=spk.c08, title_lt="Eilinis posėdis", title_en="Regular meeting", place="Vilnius",
        starts_at=now - datetime.timedelta(days=1), ends_at=now - datetime.timedelta(days=1, hours=-2),
        minutes_public=MINUTES_PUBLIC, minutes_private=MINUTES_PRIVATE, agenda="1. Planas"), spk.coordinator)
    pdf = f"%PDF-1.4\n% {FILE_MARKER}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".encode()
    spk.material = share_material(spk.meeting, SimpleUploadedFile("priedas.pdf", pdf), MATERIAL_TITLE,
                                  spk.coordinator)
    approve_minutes(spk.meeting, spk.coordinator)
    with committed():
        spk.meeting_page = publish_minutes(spk.meeting)

    draft = OccupationalStandard.objects.create(code="PSI99", name_lt=DRAFT_NAME, name_en=DRAFT_NAME,
                                                sector=spk.s08, live=False)
    spk.consultation = consultations.open_consultation(
        spk.c08, draft, title=CONSULTATION_TITLE, deadline=now + datetime.timedelta(days=7), user=spk.coordinator)
    general = spk.consultation.sections.get(key="general")
    consultations.submit_evaluation(spk.consultation, spk.member, verdict="approve_with_remarks", comment="",
                                    remarks={general.pk: EVALUATION_REMARK})
    spk.initiative = Initiative.objects.create(committee=spk.c08, kind=Initiative.KIND_NEW_QUALIFICATION,
                                               title=INITIATIVE_TEXT, description=INITIATIVE_TEXT,
                                               proposed_by=spk.member)
    InitiativeComment.objects.create(initiative=spk.initiative, author=spk.member.user, body=INITIATIVE_COMMENT)
    spk.entry = AssessorEntry.objects.create(member=spk.member, region="kaunas", availability_note=ASSESSOR_NOTE,
                                             consent_given_at=now)


def private_strings(spk) -> list[str]:
    people = [spk.chair, spk.member, spk.other, spk.former]
    return [
        *(person.email for person in people), spk.coordinator.email, CHAIR_PHONE, spk.member.phone,
        *(person.full_name for person in people if not person.listed_publicly), "Kitaitė", "Buvęs",
        MINUTES_PRIVATE, FILE_MARKER, MATERIAL_TITLE, EVALUATION_REMARK, INITIATIVE_TEXT, INITIATIVE_COMMENT,
        ASSESSOR_NOTE, DRAFT_NAME, CONSULTATION_TITLE,
    ]


def leaked(spk, body: bytes | str) -> list[str]:
    """The private strings found in `body`, as written, JSON-escaped or HTML-escaped."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    found = []
    for secret in private_strings(spk):
        spellings = {secret, json.dumps(secret)[1:-1], html.escape(secret)}
        if any(spelling in text for spelling in spellings):
            found.append(secret)
    return found


def assert_clean(spk, response, where: str) -> None:
    assert response.status_code < 500, f"{where}: {response.status_code}"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:2] == b"\x1f\x8b":
        body = gzip.GzipFile(fileobj=io.BytesIO(body)).read()
    assert leaked(spk, body) == [], where


def test_registry_api_and_search_carry_nothing_private(world, client):
    for endpoint in ("sectors", "levels", "standards", "units", "qualifications", "programmes", "modules"):
        listing = client.get(f"/api/v1/{endpoint}/", {"page_size": 100})
        assert listing.status_code == 200, endpoint
        assert_clean(world, listing, endpoint)
        for row in listing.json()["results"][:5]:
            key = row.get("code") or row.get("id")
            assert_clean(world, client.get(f"/api/v1/{endpoint}/{key}/"), f"{endpoint}/{key}")
    assert client.get("/api/v1/standards/PSI99/").status_code == 404  # the draft under consultation
    search = {"/api/v1/search": "hits", "/api/v1/search/autocomplete": "suggestions"}
    for path, key in search.items():
        assert client.get(path, {"q": "Virėjas"}).json()[key]  # the published qualification is found
    for secret in [*private_strings(world), "ZXDRAFT7070", "ZXINIT8812", "Narys"]:
        for path, key in search.items():
            response = client.get(path, {"q": secret})
            assert response.status_code == 200 and response.json()[key] == [], (path, secret)


def test_pages_and_documents_api_and_public_pages(world, client):
    listing = client.get("/api/cms/v2/pages/", {"fields": "*", "limit": 100})
    assert listing.status_code == 200
    assert_clean(world, listing, "pages listing")
    ids = [item["id"] for item in listing.json()["items"]]
    assert world.page.pk in ids and world.meeting_page.pk in ids
    for model in ("cms_committees.CommitteePage", "cms_committees.MeetingPage"):
        assert_clean(world, client.get("/api/cms/v2/pages/", {"type": model, "fields": "*"}), model)
    for pk in ids:
        assert_clean(world, client.get(f"/api/cms/v2/pages/{pk}/"), f"page {pk}")
    committee = client.get(f"/api/cms/v2/pages/{world.page.pk}/").json()
    assert [m["name"] for m in committee["members"]] == [world.chair.full_name]  # the consenting chair only
    meeting = client.get(f"/api/cms/v2/pages/{world.meeting_page.pk}/").content.decode()
    assert MINUTES_PUBLIC in meeting

    for path in ("/api/cms/v2/documents/", "/api/cms/v2/images/", "/api/cms/v2/navigation/",
                 "/api/cms/v2/preview/"):
        assert_clean(world, client.get(path), path)
    assert client.get("/api/cms/v2/pages/", {"search": "Vieša protokolo dalis"}).json()["items"]  # search works
    for secret in ("ZXMIN4417", "ZXMAT0932", "ZXFILE5521", "ZXDRAFT7070", "ZXCONS2203", world.member.email):
        for path in ("/api/cms/v2/pages/", "/api/cms/v2/documents/"):
            found = client.get(path, {"search": secret})
            assert found.status_code == 200 and found.json()["items"] == [], (path, secret)
    assert client.get(f"/api/cms/v2/documents/{world.material.document_id}/").status_code == 404

    for page in (world.page, world.meeting_page):
        public = client.get(Page.objects.get(pk=page.pk).url, follow=True)
        assert public.status_code == 200
        assert_clean(world, public, f"HTML {page.url}")


def test_no_spk_model_is_in_wagtails_search_index():
    from django.apps import apps
    from wagtail.search.index import Indexed

    spk_models = [m for m in apps.get_models() if m.__module__.startswith("cms.spk.")]
    assert len(spk_models) > 10
    assert [m.__name__ for m in spk_models if issubclass(m, Indexed)] == []


def test_private_material_files_are_not_served(world, client):
    document = world.material.document
    served = client.get(document.url)
    assert served.status_code in (302, 403, 404)
    if served.status_code == 302:
        assert "/login" in served["Location"]
    assert_clean(world, served, "document URL")
    assert client.get(f"/media/{document.file.name}").status_code == 404
    assert client.get(f"/media/documents/{document.file.name.rsplit('/', 1)[-1]}").status_code == 404
    member = world.client_for(world.member)
    assert member.get(document.url).status_code in (302, 403)  # members download through /members/ only


def test_graph_sparql_dumps_and_change_feed(world, client, graph, settings):
    assert graph.triple_count() > 0
    everything = io.BytesIO()
    graph.dump("nquads", everything)
    assert b"PSI02" in everything.getvalue() and leaked(world, everything.getvalue()) == [], "graph store"
    def sparql_matches(text: str) -> list:
        query = f'SELECT ?s WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(CONTAINS(STR(?o), "{text}")) }}'
        response = client.get("/sparql", {"query": query}, HTTP_ACCEPT="application/sparql-results+json")
        assert response.status_code == 200, response.content[:300]
        return response.json()["results"]["bindings"]

    assert sparql_matches("Virėjas")  # the query form does find published data
    for secret in (world.member.email, MINUTES_PRIVATE, DRAFT_NAME, world.other.full_name, ASSESSOR_NOTE):
        assert sparql_matches(secret) == [], secret

    for path in ("/id/sector/S08", "/id/standard/PSI02", "/id/standard/PSI99", "/search/?q=Narys"):
        assert_clean(world, client.get(path, HTTP_ACCEPT="text/turtle"), path)
    assert client.get("/id/standard/PSI99", HTTP_ACCEPT="text/turtle").status_code == 404  # the draft

    index = client.get("/datasets/", HTTP_ACCEPT="text/html")
    assert index.status_code == 200
    assert_clean(world, index, "/datasets/")
    manifest = json.loads((settings.DATASETS_DIR / "manifest.json").read_text())
    names = [f["name"] for f in manifest["files"]]
    assert names
    for name in names:
        dump = client.get(f"/datasets/{name}")
        assert dump.status_code == 200, name
        assert_clean(world, dump, f"dump {name}")
    nt = gzip.decompress(b"".join(client.get("/datasets/kpmpc-registry.nt.gz").streaming_content))
    assert b"K4101301" in nt  # the dumps do hold the published registry
    for path in ("/datasets/catalogue.ttl", "/datasets/elm/qualifications.ttl", "/ldes"):
        assert_clean(world, client.get(path, HTTP_ACCEPT="text/turtle"), path)
    stream = client.get("/ldes", HTTP_ACCEPT="text/turtle").content.decode()
    for number in range(0, 5):
        if f"/ldes/page/{number}" in stream:
            assert_clean(world, client.get(f"/ldes/page/{number}", HTTP_ACCEPT="text/turtle"), f"ldes {number}")


PUBLIC_MEMBER_PAGES = {"spk:login", "spk:password_reset", "spk:password_reset_done", "spk:password_reset_confirm",
                       "spk:password_reset_complete", "spk:digests:unsubscribe"}


def members_routes(resolver=None, namespace="spk"):
    """(name, {argument: converter}) for every URL of the members' area."""
    resolver = resolver or get_resolver().namespace_dict["spk"][1]
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from members_routes(pattern, f"{namespace}:{pattern.namespace}" if pattern.namespace else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}", dict(pattern.pattern.converters)


def test_anonymous_visitors_get_nothing_from_the_members_area(world, client):
    ids = {"spk:meetings": world.meeting.pk, "spk:consultations": world.consultation.pk,
           "spk:initiatives": world.initiative.pk, "spk:assessors": world.entry.pk, "spk": world.c08.pk}
    routes = list(members_routes())
    assert len(routes) > 30
    for name, arguments in routes:
        namespace = name.rsplit(":", 1)[0]
        kwargs = {arg: (world.material.pk if arg == "material_pk" else world.c08.pk if arg == "committee_pk"
                        else ids[namespace]) if type(conv).__name__ == "IntConverter" else "x"
                  for arg, conv in arguments.items()}
        url = reverse(name, kwargs=kwargs)
        response = client.get(url)
        if name in PUBLIC_MEMBER_PAGES:
            assert response.status_code in (200, 302, 400, 404), (url, response.status_code)
        else:
            assert response.status_code in (302, 403, 404, 405), (url, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith(reverse("spk:login")), url
        assert_clean(world, response, url)
