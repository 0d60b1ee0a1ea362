"""A member in headless Chromium: follows a link to a consultation, logs in, evaluates the draft
with a remark on one section, sees the confirmation; then opens another committee's meeting
and gets the refusal page."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cms.registry.models import OccupationalStandard
from cms.spk.consultations import services
from cms.spk.consultations.models import Evaluation
from cms.spk.meetings.models import Meeting
from tests.browser import wait

pytestmark = pytest.mark.django_db(transaction=True)


def test_member_logs_in_evaluates_a_draft_and_is_refused_elsewhere(browser, live_server, spk):
    from selenium.webdriver.common.by import By

    draft = OccupationalStandard.objects.create(code="PSI01", name_lt="Virėjo standarto projektas",
                                                name_en="Cook standard (draft)", sector=spk.s08, live=False)
    consultation = services.open_consultation(
        spk.c08, draft, title="Virėjo standarto projektas",
        deadline=timezone.localtime() + datetime.timedelta(days=7), user=spk.coordinator)
    browser.delete_all_cookies()
    browser.get(f"{live_server.url}/members/consultations/{consultation.pk}/?lang=en")
    wait(browser, lambda d: d.find_elements(By.ID, "id_username"))
    assert "/members/login/" in browser.current_url
    browser.find_element(By.ID, "id_username").send_keys(spk.member.email)
    browser.find_element(By.ID, "id_password").send_keys("pw-for-tests-1")
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "input[name=verdict]"))
    assert f"/members/consultations/{consultation.pk}/" in browser.current_url

    browser.find_element(By.CSS_SELECTOR, "input[name=verdict][value=approve_with_remarks]").click()
    first_section = consultation.sections.order_by("pk").first()
    browser.find_element(By.NAME, f"remark_{first_section.pk}").send_keys("Trūksta maisto saugos reikalavimų.")
    browser.find_element(By.NAME, "comment").submit()
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".messages li"))
    evaluation = Evaluation.objects.get(consultation=consultation, member=spk.member)
    assert evaluation.verdict == "approve_with_remarks"
    assert [r.text for r in evaluation.remarks.all()] == ["Trūksta maisto saugos reikalavimų."]

    meeting = Meeting.objects.create(committee=spk.c09, title_lt="IRT posėdis", title_en="ICT meeting",
                                     starts_at=timezone.now() + datetime.timedelta(days=3),
                                     ends_at=timezone.now() + datetime.timedelta(days=3, hours=2))
    browser.get(f"{live_server.url}/members/meetings/{meeting.pk}/?lang=en")
    heading = wait(browser, lambda d: d.find_element(By.TAG_NAME, "h1"))
    assert heading.text == "Access refused"
    assert "IRT posėdis" not in browser.page_source
