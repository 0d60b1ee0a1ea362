"""News digests through a real SMTP server (aiosmtpd): who gets what, in which language, once."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from cms.spk import feeds
from cms.spk.digests import tasks
from cms.spk.digests.models import DigestDelivery, Subscription
from cms.spk.digests.services import send_digests

from .smtp import text_and_html

_ids = itertools.count(1)


@pytest.fixture
def events():
    """A feed source of our own, registered like the meetings/consultations apps do."""
    happened: list[feeds.FeedItem] = []

    def source(committees, since):
        ids = {c.pk for c in committees}
        return [item for item in happened if item.committee_id in ids and item.happened_at > since]

    def add(committee, topic=feeds.TOPIC_MEETINGS, title_lt=None, title_en=None):
        n = next(_ids)
        item = feeds.FeedItem(
            key=f"test:{n}", topic=topic, committee_id=committee.pk,
            title_lt=title_lt or f"Įvykis {n}", title_en=title_en or f"Event {n}",
            url=f"/members/{topic}/{n}/", happened_at=timezone.now(), summary_lt="Santrauka", summary_en="Summary",
        )
        happened.append(item)
        return item

    feeds.register_source("test-events", source)
    yield add
    feeds._SOURCES.pop("test-events", None)


def test_a_member_gets_one_lithuanian_email_with_text_and_html(spk, smtp, events):
    meeting = events(spk.c08, feeds.TOPIC_MEETINGS, "Posėdis dėl virėjo standarto")
    events(spk.c08, feeds.TOPIC_CONSULTATIONS, "Konsultacija: virėjo standartas")
    events(spk.c08, feeds.TOPIC_INITIATIVES, "Iniciatyva: barista")

    result = tasks.send_digests.delay().get()

    received = smtp.to(spk.member.email)
    assert len(received) == 1
    message = received[0]
    assert message["Subject"] == "KPMPC SPK: 3 naujienos"
    assert message["To"] == spk.member.email and message["Content-Language"] == "lt"
    text, html = text_and_html(message)
    assert "Posėdis dėl virėjo standarto" in text and "Posėdis dėl virėjo standarto" in html
    assert spk.c08.name_lt in text and "Posėdžiai" in text and "Konsultacijos" in html
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + meeting.url
    assert link in text and f'href="{link}"' in html
    assert "/members/subscriptions/unsubscribe/" in message["List-Unsubscribe"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert result["failed"] == 0 and result["sent"] == len(smtp.messages)
    assert set(DigestDelivery.objects.filter(member=spk.member).values_list("item_key", flat=True)) == {
        f"test:{n}" for n in range(meeting_no(meeting), meeting_no(meeting) + 3)
    }


def meeting_no(item) -> int:
    return int(item.key.split(":")[1])


def test_the_s09_member_gets_english_and_never_an_s08_item(spk, smtp, events):
    s08_item = events(spk.c08, title_lt="Tik S08 nariams", title_en="For S08 members only")
    events(spk.c09, feeds.TOPIC_CONSULTATIONS, "ISRT konsultacija", "ICT consultation")

    send_digests()

    (message,) = smtp.to(spk.other.email)
    assert message["Subject"] == "KPMPC SPK: 1 news item"
    text, html = text_and_html(message)
    assert "ICT consultation" in text and "Consultations" in html and spk.c09.name_en in text
    assert "Unsubscribe from these digests" in text
    assert s08_item.title_en not in text + html and s08_item.title_lt not in text + html
    assert not DigestDelivery.objects.filter(member=spk.other, item_key=s08_item.key).exists()
    assert "ISRT konsultacija" not in "".join(text_and_html(smtp.to(spk.member.email)[0]))


def test_running_twice_sends_nothing_the_second_time(spk, smtp, events):
    events(spk.c08)
    first = send_digests()
    count = len(smtp.messages)
    assert first.sent == count >= 2  # member and chair of S08

    second = send_digests()
    assert (second.sent, second.items) == (0, 0)
    assert len(smtp.messages) == count

    later = events(spk.c08)  # only what is new goes out on the next run
    send_digests()
    (again,) = smtp.to(spk.member.email)[1:]
    assert again["Subject"] == "KPMPC SPK: 1 naujiena" and later.title_lt in text_and_html(again)[0]


def test_a_former_member_gets_nothing(spk, smtp, events):
    events(spk.c08)
    send_digests()
    assert smtp.to(spk.member.email) and not smtp.to(spk.former.email)
    assert not DigestDelivery.objects.filter(member=spk.former).exists()


def test_an_unsubscribed_member_gets_nothing(spk, smtp, events):
    spk.client_for(spk.member).get("/members/subscriptions/")  # default subscriptions made here
    Subscription.objects.filter(member=spk.member).update(active=False)
    events(spk.c08)
    send_digests()
    assert not smtp.to(spk.member.email) and smtp.to(spk.chair.email)


def test_the_unsubscribe_link_in_the_email_works_without_login(spk, smtp, events):
    events(spk.c08)
    send_digests()
    (message,) = smtp.to(spk.member.email)
    url = str(message["List-Unsubscribe"]).strip().strip("<>")  # a long header arrives folded
    assert url in text_and_html(message)[0]
    path = url.removeprefix(settings.WAGTAILADMIN_BASE_URL.rstrip("/"))
    anonymous = Client()

    confirm = anonymous.get(path)
    assert confirm.status_code == 200 and "Atsisakyti" in confirm.content.decode()
    assert Subscription.objects.filter(member=spk.member, active=True).exists()  # GET changes nothing

    done = anonymous.post(path)  # no CSRF token, as a mail client's one-click POST
    assert done.status_code == 200 and spk.member.email in done.content.decode()
    assert not Subscription.objects.filter(member=spk.member, active=True).exists()

    smtp.clear()
    events(spk.c08)
    send_digests()
    assert not smtp.to(spk.member.email) and smtp.to(spk.chair.email)


def test_a_broken_or_expired_unsubscribe_link_is_a_clear_400(spk, monkeypatch):
    from cms.spk.digests import tokens

    anonymous = Client()
    broken = anonymous.get("/members/subscriptions/unsubscribe/not-a-token/?lang=en")
    assert broken.status_code == 400 and "not valid" in broken.content.decode()
    tampered = tokens.unsubscribe_token(spk.member)[:-2] + "xx"
    assert anonymous.post(f"/members/subscriptions/unsubscribe/{tampered}/").status_code == 400

    monkeypatch.setattr(tokens, "MAX_AGE", datetime.timedelta(seconds=-1))
    expired = anonymous.get(f"/members/subscriptions/unsubscribe/{tokens.unsubscribe_token(spk.member)}/?lang=en")
    assert expired.status_code == 400 and "expired" in expired.content.decode()


def test_smtp_down_records_nothing_and_the_next_run_sends(spk, smtp, events):
    item = events(spk.c08)
    smtp.stop()

    down = send_digests()
    assert down.sent == 0 and spk.member.email in down.failed
    assert not DigestDelivery.objects.exists()
    assert Subscription.objects.filter(last_sent_at__isnull=False).count() == 0

    smtp.start()
    back = send_digests()
    assert back.failed == [] and back.sent >= 2
    (message,) = smtp.to(spk.member.email)
    assert item.title_lt in text_and_html(message)[0]


def test_members_choose_topics_and_frequency_on_their_subscriptions_page(spk, smtp, events):
    client = spk.client_for(spk.member)
    page = client.get("/members/subscriptions/")
    assert page.status_code == 200 and spk.c08.name_lt in page.content.decode()
    (sub,) = Subscription.objects.filter(member=spk.member)
    form = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": str(sub.pk),
            "form-0-active": "on", "form-0-frequency": "daily", "form-0-news": "on",
            "form-0-consultations": "on", "form-0-initiatives": "on"}  # meetings off

    bad = client.post("/members/subscriptions/?lang=en", {**form, "form-0-frequency": "hourly"})
    assert bad.status_code == 200 and "Select a valid choice" in bad.content.decode()
    assert client.post("/members/subscriptions/", form).status_code == 302

    events(spk.c08, feeds.TOPIC_MEETINGS, "Posėdis")
    consultation = events(spk.c08, feeds.TOPIC_CONSULTATIONS, "Konsultacija")
    send_digests()
    (message,) = smtp.to(spk.member.email)
    text = text_and_html(message)[0]
    assert consultation.title_lt in text and "Posėdis" not in text


def test_staff_without_a_member_record_see_an_explanation(spk):
    response = spk.client_for(spk.coordinator).get("/members/subscriptions/?lang=en")
    assert response.status_code == 200 and "not a member of any committee" in response.content.decode()
    assert Client().get("/members/subscriptions/").status_code == 302  # login first


def test_a_weekly_subscription_waits_a_week_after_its_last_digest(spk, smtp, events):
    send_digests()  # makes the default subscriptions
    Subscription.objects.filter(member=spk.member).update(
        frequency=Subscription.WEEKLY, last_sent_at=timezone.now() - datetime.timedelta(days=2))
    events(spk.c08)
    send_digests()
    assert not smtp.to(spk.member.email) and smtp.to(spk.chair.email)

    Subscription.objects.filter(member=spk.member).update(last_sent_at=timezone.now() - datetime.timedelta(days=7))
    send_digests()
    assert len(smtp.to(spk.member.email)) == 1


def test_the_command_and_the_beat_schedule(spk, smtp, events):
    from cms.config.celery import app

    events(spk.c08)
    call_command("send_digests")
    assert smtp.to(spk.member.email)
    entry = settings.CELERY_BEAT_SCHEDULE["spk-digests-daily"]
    assert entry["task"] == tasks.send_digests.name == "cms.spk.digests.tasks.send_digests"
    assert entry["task"] in app.tasks and app.conf.timezone == "Europe/Vilnius"


def test_the_dashboard_says_which_digests_the_member_receives(spk):
    page = spk.client_for(spk.member).get("/members/").content.decode()
    assert "Naujienų santraukos" in page and spk.c08.name_lt in page and "/members/subscriptions/" in page
    Subscription.objects.filter(member=spk.member).update(active=False)
    assert "Santraukų negaunate." in spk.client_for(spk.member).get("/members/").content.decode()
    assert "Naujienų santraukos" not in spk.client_for(spk.coordinator).get("/members/").content.decode()


def test_a_member_cannot_change_another_members_subscription(spk):
    spk.client_for(spk.other).get("/members/subscriptions/")
    (theirs,) = Subscription.objects.filter(member=spk.other)
    client = spk.client_for(spk.member)
    client.get("/members/subscriptions/")
    response = client.post("/members/subscriptions/", {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": str(theirs.pk), "form-0-frequency": "weekly"})
    assert response.status_code in (200, 302)  # Django's formset ignores rows outside its queryset
    assert Subscription.objects.count() == 2
    theirs.refresh_from_db()
    assert theirs.active and theirs.frequency == Subscription.DAILY
