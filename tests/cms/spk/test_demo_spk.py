"""load_demo_spk on a small published registry: every demo item the issue asks for exists, a
second run creates nothing, addresses are fake, and the drafts made for consultations never
reach the public API or the graph."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from rdflib import Literal
from rdflib.namespace import DCTERMS
from wagtail.documents.models import Document
from wagtail.models import CollectionViewRestriction, Page, Revision

from cms.registry.models import REGISTRY_MODELS, OccupationalStandard, OutboxEvent, VetProgramme
from cms.spk.assessors.models import AssessorEntry, ConsentRecord
from cms.spk.consultations.models import Consultation, SectionRemark
from cms.spk.digests.models import DigestDelivery, Subscription
from cms.spk.initiatives.models import Initiative, PriorityVote
from cms.spk.meetings.models import Meeting, MeetingInvitation
from cms.spk.models import Committee, Member, Membership
from graph.uris import graph_name
from tests.cms import factories

pytestmark = pytest.mark.django_db(transaction=True)
PUBLISHED_PSI01 = "Apgyvendinimo ir maitinimo sektoriaus profesinis standartas"
PUBLISHED_PROGRAMME = "Virėjo modulinė profesinio mokymo programa"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def registry(graph):
    """S08 with two standards, a qualification and a programme; S09 with a standard and a
    qualification but no programme (so its closed consultation reuses the standard's draft)."""
    s08 = factories.sector("S08")
    s09 = factories.sector("S09", name_lt="Informacinių ir ryšių technologijų", name_en="ICT", nace_sections="J")
    psi01 = factories.standard(s08, "PSI01")
    factories.standard(s08, "PSI02")
    psj02 = factories.standard(s09, "PSJ02")
    cook = factories.qualification([s08], psi01, [factories.unit(psi01, "PSI01-V01")])
    factories.qualification([s09], psj02, [factories.unit(psj02, "PSJ02-V01")], code="K4061301")
    modules = [factories.module("4000006", 2), factories.module("4101301", 40), factories.module("4101302", 5),
               factories.module("4000002", 5)]
    links = list(zip(modules, ["introductory", "competence", "optional", "final"], strict=True))
    factories.publish(factories.programme(cook, links, credits=52, optional_credits=5))
    return graph


def load(*commands) -> str:
    out = io.StringIO()
    for command in commands:
        call_command(command, stdout=out)
    return out.getvalue()


def table_sizes() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (Revision, Document, Page, OutboxEvent)}


def registry_events() -> int:
    """Outbox events of registry entities (published pages have events of their own)."""
    return OutboxEvent.objects.filter(type_slug__in=[m.rdf_mapping.type_slug for m in REGISTRY_MODELS]).count()


def check_meetings(committee: Committee, published: bool) -> None:
    past = committee.meetings.get(starts_at__lt=timezone.now())
    assert past.status == Meeting.STATUS_HELD and past.minutes_public and past.minutes_private
    assert past.minutes_approved_at is not None
    attendance = set(past.invitations.values_list("attendance", flat=True))
    assert MeetingInvitation.ATTENDANCE_PRESENT in attendance and "" not in attendance
    assert past.materials.count() == 2
    for material in past.materials.select_related("document__collection"):
        # the private collection only KPMPC staff may open
        assert material.document.collection.name == f"SPK {committee.code} — nariams"
        assert CollectionViewRestriction.objects.filter(collection=material.document.collection).exists()
    if published:
        assert past.minutes_status == Meeting.MINUTES_PUBLISHED and past.public_page.live
        page = past.public_page.specific
        assert past.minutes_private not in str(page.body) and page.get_parent().specific.sector_id == committee.sector_id
    else:
        assert past.minutes_status == Meeting.MINUTES_APPROVED and past.public_page is None

    upcoming = committee.meetings.get(starts_at__gt=timezone.now())
    assert upcoming.status == Meeting.STATUS_SCHEDULED and upcoming.agenda and upcoming.materials.count() == 2
    responses = set(upcoming.invitations.values_list("response", flat=True))
    assert {MeetingInvitation.RESPONSE_ACCEPTED, MeetingInvitation.RESPONSE_DECLINED} <= responses


def check_consultations(committee: Committee, closed_kind: str) -> None:
    opened = committee.consultations.get(status=Consultation.STATUS_OPEN)
    assert opened.deadline > timezone.now() and opened.entity_kind == "standard" and opened.accepts_evaluations
    assert opened.evaluations.count() == 3
    assert SectionRemark.objects.filter(evaluation__consultation=opened).count() >= 2
    assert "(atnaujinimo projektas)" in opened.draft().name_lt
    closed = committee.consultations.get(status=Consultation.STATUS_CLOSED)
    assert closed.entity_kind == closed_kind and closed.conclusion and closed.conclusion_text
    assert closed.deadline < timezone.now() and closed.evaluations.count() == 3


def check_initiatives(committee: Committee) -> None:
    rows = {i.status: i for i in committee.initiatives.all()}
    assert set(rows) == {code for code, _label in Initiative.STATUS_CHOICES}
    assert rows["done"].status_changes.count() == 3 and rows["proposed"].status_changes.count() == 0
    assert list(rows["done"].status_changes.values_list("to_status", flat=True)) == ["under_review", "accepted", "done"]
    assert PriorityVote.objects.filter(committee=committee).values("member").distinct().count() == 3


def check_assessors() -> None:
    entries = list(AssessorEntry.objects.all())
    assert len(entries) >= 3
    for entry in entries:
        assert entry.qualifications.exists() and entry.level_numbers and entry.language_codes and entry.region
        assert entry.member.assessor_consents.filter(action=ConsentRecord.ACTION_GIVEN).exists()
    withdrawn = ConsentRecord.objects.get(action=ConsentRecord.ACTION_WITHDRAWN).member
    assert not AssessorEntry.objects.filter(member=withdrawn).exists()
    assert withdrawn.assessor_consents.filter(action=ConsentRecord.ACTION_GIVEN).exists()


def check_drafts_stay_private(client, store) -> None:
    for model, code, slug, published in ((OccupationalStandard, "PSI01", "standards", PUBLISHED_PSI01),
                                         (VetProgramme, "M44101301", "programmes", PUBLISHED_PROGRAMME)):
        row = model.objects.get(code=code)
        assert row.live and row.has_unpublished_changes and row.name_lt == published
        draft_name = row.get_latest_revision_as_object().name_lt
        assert draft_name != published
        body = client.get(f"/api/v1/{slug}/{code}/", HTTP_ACCEPT="application/json")
        assert body.status_code == 200 and body.json()["names"]["lt"] == published
        assert draft_name not in body.content.decode()
        named = graph_name(settings.LINKED_DATA_BASE, model.rdf_mapping.type_slug, code)
        titles = set(store.get_graph(named).objects(None, DCTERMS.title))
        assert Literal(published, lang="lt") in titles and draft_name not in {str(t) for t in titles}


def test_demo_spk_loads_everything_once_with_fake_addresses(client, registry):
    load("load_demo_pages")
    events_before = registry_events()
    first = load("load_demo_spk")
    sizes_after_first = table_sizes()
    second = load("load_demo_spk")

    assert "meetings: 4" in first and first == second  # same totals: the second run made nothing
    assert table_sizes() == sizes_after_first
    assert registry_events() == events_before  # no registry entity was published or changed

    c08, c09 = (Committee.objects.get(sector__code=code) for code in ("S08", "S09"))
    check_meetings(c08, published=True)
    check_meetings(c09, published=True)
    check_consultations(c08, closed_kind="programme")
    check_consultations(c09, closed_kind="standard")
    check_initiatives(c08)
    check_initiatives(c09)
    assert Initiative.objects.filter(committee__kind=Committee.KIND_CHAIRS).exists()
    check_assessors()
    check_drafts_stay_private(client, registry)

    assert all(email.endswith("@spk-demo.example") for email in Member.objects.values_list("email", flat=True))
    current = Membership.objects.current().values_list("member", "committee").distinct()
    assert Subscription.objects.count() == len(current) > 0
    assert DigestDelivery.objects.count() == 0 and mail.outbox == []


def test_without_committee_pages_minutes_stay_approved(registry):
    load("load_demo_spk", "load_demo_spk")
    for code in ("S08", "S09"):
        committee = Committee.objects.get(sector__code=code)
        check_meetings(committee, published=False)
        assert committee.meetings.count() == 2
