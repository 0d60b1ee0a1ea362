"""End to end in headless Chromium (Debian's chromium + chromium-driver, Selenium): log in, type a
query, pick a suggestion with the keyboard, tick a facet, check the results and counts.

Outside CI the test is skipped (with the reason) when chromium or chromedriver is missing; in CI
(`CI=true`) it fails instead.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from tests.browser import wait

pytestmark = pytest.mark.django_db(transaction=True)


def count_shown(driver) -> int:
    from selenium.webdriver.common.by import By

    return int(driver.find_element(By.ID, "result-count").text.split()[0])


def test_type_pick_tick_and_read_results(browser, live_server, register):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    get_user_model().objects.create_superuser("staff", "staff@example.test", "pw-browser")
    browser.get(f"{live_server.url}/search/?lang=lt")
    browser.find_element(By.ID, "id_username").send_keys("staff")  # the Wagtail admin login
    browser.find_element(By.ID, "id_password").send_keys("pw-browser", Keys.ENTER)
    box = wait(browser, lambda d: d.find_element(By.ID, "q"))

    # Autocomplete: type, arrow down to the suggestion, Enter picks it and searches.
    box.send_keys("vir")
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#q-suggestions [role=option]"))
    assert box.get_attribute("aria-expanded") == "true"
    box.send_keys(Keys.ARROW_DOWN)
    active = box.get_attribute("aria-activedescendant")
    assert browser.find_element(By.ID, active).get_attribute("aria-selected") == "true"

    # Typed query without diacritics, submitted with Enter.
    box = browser.find_element(By.ID, "q")
    box.send_keys(Keys.ESCAPE)
    box.clear()
    box.send_keys("virejas", Keys.ENTER)
    wait(browser, lambda d: "q=virejas" in d.current_url)
    first = browser.find_element(By.CSS_SELECTOR, "ol.hits li a")
    assert first.text == "Virėjas" and first.find_element(By.TAG_NAME, "mark").text == "Virėjas"
    before = count_shown(browser)

    # Tick the "qualification" type facet (keyboard: Space), apply, check hits and counts.
    facet = browser.find_element(By.CSS_SELECTOR, 'input[name="type"][value="qualification"]')
    label_count = int(facet.find_element(By.XPATH, "..").text.rsplit("(", 1)[1].rstrip(")"))
    facet.send_keys(Keys.SPACE)
    assert facet.is_selected()
    browser.find_element(By.XPATH, "//aside//button[@type='submit']").click()
    wait(browser, lambda d: "type=qualification" in d.current_url)
    hits = browser.find_elements(By.CSS_SELECTOR, "ol.hits > li")
    assert count_shown(browser) == label_count == len(hits) <= before
    assert {h.get_attribute("data-type") for h in hits} == {"qualification"}
    assert hits[0].get_attribute("data-code") == "K4101301"
    assert browser.find_element(By.CSS_SELECTOR, 'input[name="type"][value="qualification"]').is_selected()

    # The URL is the state: reloading it gives the same page.
    url = browser.current_url
    browser.get(url)
    assert count_shown(browser) == label_count
