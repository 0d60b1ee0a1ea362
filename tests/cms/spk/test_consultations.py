"""Consultations on drafts: a coordinator opens one on a draft standard, members evaluate per
section until the deadline, the coordinator reads the summary and closes with the conclusion,
which registry editors then see on the draft in the Wagtail admin."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from cms.registry.models import Competence, OccupationalStandard, QualificationUnit
from cms.spk.consultations import services
from cms.spk.consultations.models import Consultation, Evaluation, SectionRemark

DRAFT_NAME = "Slaptas juodraštis: virėjo profesinis standartas"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def make_unit(standard, code, name_lt, name_en):
    unit = QualificationUnit(code=code, name_lt=name_lt, name_en=name_en, standard=standard, ltks_level=4)
    unit.competences = [Competence(code=f"{code}-K1", name_lt=f"{name_lt}: kompetencija", name_en="A competence")]
    unit.save()
    return unit


@pytest.fixture
def draft_standard(spk):
    standard = OccupationalStandard.objects.create(
        code="PSI01", name_lt=DRAFT_NAME, name_en="Secret draft: cook occupational standard", sector=spk.s08, live=False,
    )
    make_unit(standard, "PSI01-V01", "Patiekalų gaminimas", "Preparing dishes")
    make_unit(standard, "PSI01-V02", "Maisto sauga", "Food safety")
    return standard


def in_a_week():
    return timezone.localtime() + datetime.timedelta(days=7)


def open_by_post(spk, standard, user=None, **fields):
    data = {"draft": f"standard:{standard.pk}", "title": "Virėjo standarto projektas",
            "deadline": in_a_week().strftime("%Y-%m-%dT%H:%M"), **fields}
    client = spk.client_for(user or spk.coordinator)
    return client.post(reverse("spk:consultations:open", args=[spk.c08.pk]), data, **EN)


def evaluation_data(consultation, verdict, comment="", **remarks_by_key):
    data = {"verdict": verdict, "comment": comment}
    for section in consultation.sections.all():
        data[f"remark_{section.pk}"] = remarks_by_key.get(section.key.replace(":", "_").replace("-", "_"), "")
    return data


@pytest.fixture
def consultation(spk, draft_standard):
    return services.open_consultation(spk.c08, draft_standard, title="Virėjo standarto projektas",
                                      deadline=in_a_week(), user=spk.coordinator)


def test_full_flow_open_evaluate_summarise_close(spk, draft_standard):
    response = open_by_post(spk, draft_standard)
    consultation = Consultation.objects.get()
    assert response.status_code == 302 and response.url == reverse("spk:consultations:detail", args=[consultation.pk])
    assert list(consultation.sections.values_list("key", flat=True)) == ["general", "unit:PSI01-V01", "unit:PSI01-V02"]

    detail = spk.client_for(spk.member).get(response.url + "?lang=en")
    assert detail.status_code == 200
    for text in (DRAFT_NAME, "PSI01-V02", "Maisto sauga", "PSI01-V01-K1", "Submit my evaluation"):
        assert text in detail.content.decode()

    url = reverse("spk:consultations:evaluate", args=[consultation.pk])
    posted = spk.client_for(spk.member).post(url, evaluation_data(
        consultation, "approve_with_remarks", unit_PSI01_V01="Trūksta desertų gaminimo.", general="Gera struktūra."))
    assert posted.status_code == 302
    spk.client_for(spk.chair).post(url, evaluation_data(
        consultation, "reject", comment="Per anksti.", unit_PSI01_V02="Neatitinka HACCP reikalavimų."))
    assert Evaluation.objects.count() == 2 and SectionRemark.objects.count() == 3

    summary = spk.client_for(spk.coordinator).get(reverse("spk:consultations:summary", args=[consultation.pk]), **EN)
    page = summary.content.decode()
    assert summary.status_code == 200
    counts = {value: count for value, _label, count in summary.context["summary"].counts}
    assert counts == {"approve": 0, "approve_with_remarks": 1, "reject": 1}
    assert summary.context["summary"].not_answered == []  # the former member is not asked
    by_section = {section.key: [r.text for r in remarks] for section, remarks in summary.context["summary"].by_section}
    assert by_section == {"general": ["Gera struktūra."], "unit:PSI01-V01": ["Trūksta desertų gaminimo."],
                          "unit:PSI01-V02": ["Neatitinka HACCP reikalavimų."]}
    assert "Neatitinka HACCP reikalavimų." in page and "Per anksti." in page

    closed = spk.client_for(spk.coordinator).post(
        reverse("spk:consultations:close", args=[consultation.pk]),
        {"conclusion": "approve_with_remarks", "conclusion_text": "Papildyti desertų gaminimu."})
    assert closed.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == "closed" and consultation.conclusion == "approve_with_remarks"
    assert consultation.concluded_by == spk.coordinator and consultation.closed_at is not None

    entry = ModelLogEntry.objects.for_instance(draft_standard).get(action="spk.consultation_closed")
    assert entry.data["conclusion"] == "approve_with_remarks"
    assert entry.data["counts"] == {"approve": 0, "approve_with_remarks": 1, "reject": 1}
    admin = spk.client_for(spk.admin)
    history = admin.get(reverse("wagtailsnippets_registry_occupationalstandard:history", args=[draft_standard.pk]), **EN)
    assert history.status_code == 200
    assert "SPK S08 concluded: approve with remarks. Papildyti desertų gaminimu." in history.content.decode()
    listing = admin.get(reverse("spk_consultations:index"), {"entity_code": "psi01"}, **EN)
    assert listing.status_code == 200 and "Virėjo standarto projektas" in listing.content.decode()
    assert "Virėjo standarto projektas" not in admin.get(
        reverse("spk_consultations:index"), {"entity_code": "PSF01"}, **EN).content.decode()


def test_member_revises_until_the_deadline(spk, consultation):
    url = reverse("spk:consultations:evaluate", args=[consultation.pk])
    client = spk.client_for(spk.member)
    client.post(url, evaluation_data(consultation, "reject", unit_PSI01_V01="Blogai."))
    client.post(url, evaluation_data(consultation, "approve"))
    evaluation = Evaluation.objects.get()
    assert evaluation.verdict == "approve" and not evaluation.remarks.exists()
    detail = client.get(reverse("spk:consultations:detail", args=[consultation.pk]) + "?lang=en")
    assert "Save my revised evaluation" in detail.content.decode()


def test_late_evaluation_is_refused_and_nothing_saved(spk, consultation):
    Consultation.objects.filter(pk=consultation.pk).update(deadline=timezone.now() - datetime.timedelta(minutes=1))
    response = spk.client_for(spk.member).post(
        reverse("spk:consultations:evaluate", args=[consultation.pk]) + "?lang=en",
        evaluation_data(consultation, "approve"), follow=True)
    assert "The deadline" in response.content.decode() and "has passed" in response.content.decode()
    assert not Evaluation.objects.exists()
    assert "Submit my evaluation" not in response.content.decode()
    in_lithuanian = spk.client_for(spk.member).post(
        reverse("spk:consultations:evaluate", args=[consultation.pk]), evaluation_data(consultation, "approve"),
        follow=True).content.decode()
    assert "praėjo: vertinimai nebepriimami" in in_lithuanian and not Evaluation.objects.exists()


def test_evaluation_after_closing_is_refused(spk, consultation):
    services.close_consultation(consultation, conclusion="approve", conclusion_text="", user=spk.coordinator)
    with pytest.raises(services.EvaluationRefused):
        services.submit_evaluation(consultation, spk.member, verdict="approve", comment="", remarks={})
    response = spk.client_for(spk.member).post(
        reverse("spk:consultations:evaluate", args=[consultation.pk]) + "?lang=en",
        evaluation_data(consultation, "approve"), follow=True)
    assert "This consultation is closed" in response.content.decode()
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize("who, read, evaluate", [
    ("member", 200, 302), ("chair", 200, 302), ("other", 403, 403), ("former", 403, 403),
    ("staff", 200, 403), ("coordinator", 200, 403),
])
def test_who_reads_and_who_evaluates(spk, consultation, who, read, evaluate):
    client = spk.client_for(getattr(spk, who))
    assert client.get(reverse("spk:consultations:detail", args=[consultation.pk])).status_code == read
    response = client.post(reverse("spk:consultations:evaluate", args=[consultation.pk]),
                           evaluation_data(consultation, "approve"))
    assert response.status_code == evaluate
    assert Evaluation.objects.exists() == (evaluate == 302)


def test_summary_is_for_staff_and_coordinators(spk, consultation):
    url = reverse("spk:consultations:summary", args=[consultation.pk])
    assert spk.client_for(spk.member).get(url).status_code == 403
    assert spk.client_for(spk.staff).get(url).status_code == 200
    assert spk.client_for(spk.member).get(reverse("spk:consultations:close", args=[consultation.pk])).status_code == 403


def test_another_committees_coordinator_cannot_open_or_close(spk, draft_standard, consultation):
    from .conftest import make_staff

    coordinator_s09 = make_staff("coordinator-s09", coordinates=[spk.c09])
    response = open_by_post(spk, draft_standard, user=coordinator_s09)
    assert response.status_code == 403
    close = spk.client_for(coordinator_s09).post(reverse("spk:consultations:close", args=[consultation.pk]),
                                                 {"conclusion": "approve"})
    assert close.status_code == 403
    assert Consultation.objects.get().status == "open"
    assert open_by_post(spk, draft_standard, user=spk.member.user).status_code == 403


def test_bad_verdict_and_missing_reasons_are_form_errors(spk, consultation):
    client = spk.client_for(spk.member)
    url = reverse("spk:consultations:evaluate", args=[consultation.pk]) + "?lang=en"
    bad = client.post(url, evaluation_data(consultation, "maybe"))
    assert bad.status_code == 400 and "Select a valid choice" in bad.content.decode()
    bare = client.post(url, evaluation_data(consultation, "reject"))
    assert bare.status_code == 400 and "needs at least one remark" in bare.content.decode()
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize("path", [
    "/members/consultations/999999/", "/members/consultations/999999/summary/",
    "/members/consultations/999999/close/", "/members/consultations/open/999999/",
])
def test_unknown_ids_are_404(spk, path):
    assert spk.client_for(spk.coordinator).get(path).status_code == 404
    assert spk.client_for(spk.member).post("/members/consultations/999999/evaluate/").status_code == 404


def test_only_a_draft_can_be_opened(spk, draft_standard):
    published = OccupationalStandard.objects.create(code="PSI02", name_lt="Paskelbtas", sector=spk.s08, live=True)
    response = open_by_post(spk, published)
    assert response.status_code == 400
    assert "PSI02 is published and has no unpublished changes" in response.content.decode()
    with pytest.raises(services.ValidationError):
        services.open_consultation(spk.c08, published, title="x", deadline=in_a_week(), user=spk.coordinator)
    OccupationalStandard.objects.filter(pk=published.pk).update(has_unpublished_changes=True)
    published.refresh_from_db()
    assert open_by_post(spk, published).status_code == 302
    assert not Consultation.objects.filter(standard=draft_standard).exists()


def test_open_form_refuses_other_sectors_past_deadlines_and_duplicates(spk, draft_standard):
    foreign = OccupationalStandard.objects.create(code="PSJ01", name_lt="Kitas", sector=spk.s09, live=False)
    assert "does not belong to this committee" in open_by_post(spk, foreign).content.decode()
    past = open_by_post(spk, draft_standard, deadline="2020-01-01T10:00")
    assert past.status_code == 400 and "The deadline must be in the future" in past.content.decode()
    assert open_by_post(spk, draft_standard, draft="standard:abc").status_code == 400
    assert open_by_post(spk, draft_standard).status_code == 302
    again = open_by_post(spk, draft_standard)
    assert again.status_code == 400 and "already under consultation" in again.content.decode()
    assert Consultation.objects.count() == 1


def test_members_read_the_latest_draft_revision(spk, draft_standard):
    draft_standard.name_lt = "Pataisytas juodraščio pavadinimas"
    draft_standard.save_revision()
    assert OccupationalStandard.objects.get().name_lt == DRAFT_NAME  # the row is unchanged
    consultation = services.open_consultation(spk.c08, draft_standard, title="t", deadline=in_a_week(),
                                              user=spk.coordinator)
    page = spk.client_for(spk.member).get(reverse("spk:consultations:detail", args=[consultation.pk])).content
    assert "Pataisytas juodraščio pavadinimas" in page.decode()


def test_draft_never_reaches_public_surfaces(spk, consultation, client):
    for path in ("/api/v1/standards/PSI01/", "/id/standard/PSI01", "/api/v1/units/PSI01-V01/"):
        response = client.get(path, HTTP_ACCEPT="application/json")
        assert response.status_code == 404, path
        assert DRAFT_NAME not in response.content.decode()
    listing = client.get("/api/v1/standards/")
    assert DRAFT_NAME not in listing.content.decode()
    assert client.get(reverse("spk:consultations:detail", args=[consultation.pk])).status_code == 302  # to login


def make_draft_programme(sector, code="M44101301"):
    from cms.registry.models import Module, ProgrammeModule, Qualification, QualificationOutcome, VetProgramme

    qualification = Qualification(code="K4101301", name_lt="Virėjas", name_en="Cook", ltks_level=4, isced_f="1013")
    qualification.sectors = [sector]
    qualification.outcomes = [QualificationOutcome(text_lt="Gaminti patiekalus")]
    qualification.save()
    intro = Module.objects.create(code="4000006", name_lt="Įvadas į profesiją", ltks_level=4, credits=2)
    cooking = Module.objects.create(code="4101301", name_lt="Karštųjų patiekalų gaminimas", ltks_level=4, credits=40)
    programme = VetProgramme(code=code, name_lt="Virėjo programos projektas", qualification=qualification,
                             ltks_level=4, credits=42)
    programme.module_links = [ProgrammeModule(module=intro, role="introductory"),
                              ProgrammeModule(module=cooking, role="competence")]
    programme.save()
    return programme


def test_programme_draft_has_a_section_per_module(spk):
    programme = make_draft_programme(spk.s08)
    response = spk.client_for(spk.coordinator).post(
        reverse("spk:consultations:open", args=[spk.c08.pk]),
        {"draft": f"programme:{programme.pk}", "deadline": in_a_week().strftime("%Y-%m-%dT%H:%M")})
    consultation = Consultation.objects.get()
    assert response.status_code == 302 and consultation.programme == programme
    assert consultation.title == "Virėjo programos projektas"
    assert list(consultation.sections.values_list("key", flat=True)) == ["general", "module:4000006", "module:4101301"]
    page = spk.client_for(spk.member).get(response.url).content.decode()
    assert "Karštųjų patiekalų gaminimas" in page and "4000006" in page
    refused = spk.client_for(spk.admin).post(
        reverse("spk:consultations:open", args=[spk.c09.pk]),
        {"draft": f"programme:{programme.pk}", "deadline": in_a_week().strftime("%Y-%m-%dT%H:%M")}, **EN)
    assert "does not belong to this committee" in refused.content.decode()


def test_dashboard_shows_open_consultations_answered_or_not(spk, consultation):
    client = spk.client_for(spk.member)
    page = client.get("/members/?lang=en").content.decode()
    assert "Open consultations" in page and "not answered" in page
    Evaluation.objects.create(consultation=consultation, member=spk.member, verdict="approve")
    page = client.get("/members/?lang=en").content.decode()
    assert "answered" in page and "not answered" not in page
    assert "Open consultations" not in spk.client_for(spk.other).get("/members/?lang=en").content.decode()


def test_digest_source_reports_opening_and_closing_once_each(spk, consultation):
    from cms.spk import feeds

    before = consultation.opened_at - datetime.timedelta(seconds=1)
    items = [item for item in feeds.items_since([spk.c08], before) if item.topic == feeds.TOPIC_CONSULTATIONS]
    assert [item.key for item in items] == [f"consultation:{consultation.pk}:opened"]
    assert items[0].title_en == "Consultation opened: Virėjo standarto projektas"
    assert items[0].title_lt.startswith("Atvert") and items[0].url == f"/members/consultations/{consultation.pk}/"
    assert not [i for i in feeds.items_since([spk.c09], before) if i.topic == feeds.TOPIC_CONSULTATIONS]
    after_opening = timezone.now()
    services.close_consultation(consultation, conclusion="reject", conclusion_text="Netinka.", user=spk.coordinator)
    items = [item for item in feeds.items_since([spk.c08], after_opening) if item.topic == feeds.TOPIC_CONSULTATIONS]
    assert [item.key for item in items] == [f"consultation:{consultation.pk}:closed"]
    assert items[0].summary_en == "Conclusion: reject"
