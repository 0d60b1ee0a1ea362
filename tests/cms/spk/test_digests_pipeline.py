"""The digest with the real moving parts: two runs at once on PostgreSQL, and the Celery task
in a worker process. Both need PostgreSQL (DATABASE_URL): outside CI they skip with the reason
printed, in CI they must run (tests.pipeline.skip_or_fail)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.utils import timezone

from cms.news.models import NewsPage, NewsSector
from cms.registry.models import Sector
from cms.site.editorial.tree import ensure_site_tree
from cms.site.models import SectionPage
from cms.spk import feeds
from cms.spk.digests import tasks
from cms.spk.digests.models import DigestDelivery
from cms.spk.digests.services import send_digests
from tests.cms.pages.builders import add
from tests.pipeline import Worker, celery_sends_to, skip_or_fail, system_redis_url, wait_for
from tests.servers import free_port

from .smtp import text_and_html

pytestmark = pytest.mark.django_db(transaction=True)


def require_postgresql() -> None:
    if connection.vendor != "postgresql":
        skip_or_fail("two digest runs at once need a database with row locks: set DATABASE_URL to PostgreSQL")


def sector_news(spk, graph) -> NewsPage:
    """A live S08 news page: the digest's own source, which a worker process also has."""
    Sector.objects.filter(pk=spk.s08.pk).update(live=True)
    home = ensure_site_tree()["lt"]
    section, _ = add(home, SectionPage, "naujienos", {"title": "Naujienos"})
    page, _ = add(section, NewsPage, "spk-posedis", {"title": "Apgyvendinimo SPK posėdžio naujienos"},
                  sector_tags=[NewsSector(sector=spk.s08)])
    return page


def test_two_runs_at_once_send_each_item_once(spk, smtp, graph):
    require_postgresql()
    sector_news(spk, graph)
    now = timezone.now()
    for n in range(3):
        feeds.register_source(f"test-concurrent-{n}", lambda committees, since, n=n: [feeds.FeedItem(
            key=f"concurrent:{n}", topic=feeds.TOPIC_CONSULTATIONS, committee_id=spk.c08.pk,
            title_lt=f"Konsultacija {n}", title_en=f"Consultation {n}", url=f"/members/consultations/{n}/",
            happened_at=now)] if spk.c08 in committees else [])
    start, results, errors = threading.Barrier(2), [], []

    def run():
        try:
            start.wait()
            results.append(send_digests())
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    try:
        [t.start() for t in threads]
        [t.join(120) for t in threads]
    finally:
        for n in range(3):
            feeds._SOURCES.pop(f"test-concurrent-{n}", None)

    assert errors == [] and len(results) == 2
    assert [r.failed for r in results] == [[], []]
    assert len(smtp.to(spk.member.email)) == 1 and len(smtp.to(spk.chair.email)) == 1
    assert sum(r.sent for r in results) == len(smtp.messages) == 2
    assert DigestDelivery.objects.filter(member=spk.member).count() == 4  # 3 consultations + 1 news


def test_the_beat_task_runs_in_a_celery_worker(spk, smtp, graph):
    require_postgresql()
    page = sector_news(spk, graph)
    broker = system_redis_url(db=7)
    worker = Worker(
        broker_url=broker,
        graph_url=f"http://127.0.0.1:{free_port()}",  # the digest never touches the graph
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST=smtp.host, EMAIL_PORT=str(smtp.port),
    ).start()
    try:
        with celery_sends_to(broker):
            tasks.send_digests.delay()
            wait_for(lambda: smtp.to(spk.member.email) and smtp.to(spk.chair.email), 60, "the digests")
    finally:
        worker.stop()
    (message,) = smtp.to(spk.member.email)
    assert message["Subject"] == "KPMPC SPK: 1 naujiena"
    assert page.get_full_url() in text_and_html(message)[0]
    wait_for(lambda: DigestDelivery.objects.filter(item_key=f"news:{page.pk}").count() == 2, 10, "the log")
    assert "succeeded" in worker.log()
