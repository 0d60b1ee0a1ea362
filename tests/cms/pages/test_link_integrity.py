"""Link integrity: who references a page, document or registry entity, before it goes away."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cms.news.models import NewsPage, NewsSector
from cms.site.demo.files import demo_document
from cms.site.models import SectionPage
from cms.site.references import page_registry_references, pages_referencing

from .builders import add

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pages(cms, registry):
    section, _ = add(cms["lt"], SectionPage, "naujienos", {"title": "Naujienos"})
    target, _ = add(section, SectionPage, "apie", {"title": "Apie"})
    minutes = demo_document("Protokolas", "protokolas.pdf", ["minutes"])
    news, _ = add(section, NewsPage, "naujiena", {
        "title": "Naujiena",
        "body": [
            ("paragraph", f'<p><a linktype="page" id="{target.pk}">Apie</a></p>'),
            ("document", minutes),
            ("registry_reference", [("qualification", registry["qualification"]),
                                    ("standard", registry["standard"])]),
        ],
    }, sector_tags=[NewsSector(sector=registry["s08"])])
    return {"section": section, "target": target, "minutes": minutes, "news": news, **registry}


def test_page_registry_references_lists_live_entities_in_order(pages):
    assert page_registry_references(pages["news"]) == [
        ("qualification", "K4101301"), ("standard", "PSI01"), ("sector", "S08"),
    ]


def test_pages_referencing_an_entity(pages):
    assert pages_referencing(pages["qualification"]) == [pages["news"]]
    assert pages_referencing(pages["s08"]) == [pages["news"]]  # through the sector tag
    assert pages_referencing(pages["s09"]) == []

    # A draft that starts using S09: only counted when drafts are asked for.
    news = pages["news"]
    news.sector_tags.add(NewsSector(sector=pages["s09"]))
    news.save_revision()
    assert pages_referencing(pages["s09"]) == []
    assert [p.pk for p in pages_referencing(pages["s09"], include_drafts=True)] == [news.pk]

    # Unpublished: no longer a live referrer, still one for deletion.
    news.unpublish()
    assert pages_referencing(pages["qualification"]) == []
    assert [p.pk for p in pages_referencing(pages["qualification"], include_drafts=True)] == [news.pk]


def test_admin_warns_before_deleting_or_unpublishing_a_referenced_page(client, admin_user, pages):
    client.force_login(admin_user)
    target = pages["target"]
    for view in ("wagtailadmin_pages:delete", "wagtailadmin_pages:unpublish"):
        response = client.get(reverse(view, args=[target.pk]))
        assert response.status_code == 200 and response.context["usage_count"] == 1
    usage = client.get(reverse("wagtailadmin_pages:usage", args=[target.pk]))
    assert "Naujiena" in usage.content.decode()


def test_admin_warns_before_deleting_a_referenced_document(client, admin_user, pages):
    client.force_login(admin_user)
    response = client.get(reverse("wagtaildocs:delete", args=[pages["minutes"].pk]))
    assert response.status_code == 200 and response.context["usage_count"] == 1
    usage = client.get(reverse("wagtaildocs:document_usage", args=[pages["minutes"].pk]))
    assert "Naujiena" in usage.content.decode()


def test_registry_entity_used_by_a_live_page_cannot_be_unpublished_or_deleted(client, admin_user, pages):
    from cms.registry.models import Qualification
    from cms.registry.services import UnpublishRefused

    q = Qualification.objects.get(pk=pages["qualification"].pk)
    with pytest.raises(UnpublishRefused) as refused:
        q.unpublish()
    assert [r.pk for r in refused.value.referrers] == [pages["news"].pk]

    client.force_login(admin_user)
    response = client.post(reverse("wagtailsnippets_registry_qualification:delete", args=[q.pk]), follow=False)
    assert response.status_code == 302
    shown = " ".join(str(m) for m in response.wsgi_request._messages)
    assert "Naujiena" in shown
    assert Qualification.objects.filter(pk=q.pk, live=True).exists()
