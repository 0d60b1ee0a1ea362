"""The digest's own source: public news pages about a committee's sector (under its committee
page or tagged with the sector), a page and its translation being one item."""

from __future__ import annotations

import pytest

from cms.committees.models import CommitteePage
from cms.news.models import NewsPage, NewsSector
from cms.registry.models import Sector
from cms.site.editorial.tree import ensure_site_tree
from cms.site.models import SectionPage
from cms.spk.digests.models import DigestDelivery
from cms.spk.digests.services import send_digests
from tests.cms.pages.builders import add

from .smtp import text_and_html


@pytest.fixture
def news(spk):
    # Pages may only name live sectors; the spk world's sectors are plain rows (no graph here).
    Sector.objects.filter(pk__in=[spk.s08.pk, spk.s09.pk]).update(live=True)
    home = ensure_site_tree()["lt"]
    section, _ = add(home, SectionPage, "spk", {"title": "SPK"}, {"title": "SPK"})
    committee_page, _ = add(section, CommitteePage, "s08", {"title": "Apgyvendinimo SPK"},
                            {"title": "Accommodation SPK"}, sector=spk.s08)
    under_committee, _ = add(committee_page, NewsPage, "posedis-ivyko",
                             {"title": "Įvyko SPK posėdis", "intro": "<p>Aptarti <b>virėjo</b> standartai.</p>"})
    tagged_s09, tagged_s09_en = add(section, NewsPage, "ikt-standartas", {"title": "Atnaujintas IRT standartas"},
                                    {"title": "ICT standard updated"}, sector_tags=[NewsSector(sector=spk.s09)])
    untagged, _ = add(section, NewsPage, "bendra", {"title": "Bendra KPMPC naujiena"})
    draft, _ = add(committee_page, NewsPage, "juodrastis", {"title": "Juodraštis"})
    draft.unpublish()
    return {"under_committee": under_committee, "tagged_s09": tagged_s09, "tagged_s09_en": tagged_s09_en,
            "untagged": untagged, "draft": draft}


def all_text(messages) -> str:
    return "".join("".join(text_and_html(m)) for m in messages)


def test_news_of_the_sector_reaches_its_members_with_public_links(spk, smtp, news):
    send_digests()

    (lithuanian,) = smtp.to(spk.member.email)
    text, html = text_and_html(lithuanian)
    page = news["under_committee"]
    assert "Įvyko SPK posėdis" in text and "Aptarti virėjo standartai." in text  # intro as plain text
    assert page.get_full_url() in text and f'href="{page.get_full_url()}"' in html
    assert "Naujienos" in text
    assert "IRT standartas" not in text and "Bendra KPMPC" not in text and "Juodraštis" not in text

    (english,) = smtp.to(spk.other.email)
    text_en = all_text([english])
    assert "ICT standard updated" in text_en and news["tagged_s09_en"].get_full_url() in text_en
    assert "Įvyko SPK posėdis" not in text_en

    assert set(DigestDelivery.objects.values_list("item_key", flat=True)) == {
        f"news:{news['under_committee'].pk}", f"news:{news['tagged_s09'].pk}"}
    assert not any(spk.former.email in r.rcpt_tos for r in smtp.received)


def test_publishing_a_translation_later_is_not_news_again(spk, smtp, news):
    from cms.spk.digests.news import news_items

    send_digests()
    smtp.clear()
    page = news["under_committee"]
    translation = page.copy_for_translation(news["tagged_s09_en"].locale)
    translation.title = "SPK meeting held"
    translation.save_revision().publish()

    items = news_items([spk.c08], page.first_published_at.replace(year=2000))
    assert [i.key for i in items] == [f"news:{page.pk}"] and items[0].title("en") == "SPK meeting held"
    assert send_digests().sent == 0 and smtp.messages == []


def test_members_area_lists_the_news_of_my_committees_only(spk, news):
    page = spk.client_for(spk.member).get("/members/").content.decode()
    assert "Mano komitetų naujienos" in page and "Įvyko SPK posėdis" in page
    assert "Atnaujintas IRT standartas" not in page and "Juodraštis" not in page
    english = spk.client_for(spk.other).get("/members/").content.decode()
    assert "News of my committees" in english and "ICT standard updated" in english
    assert "Įvyko SPK posėdis" not in english
