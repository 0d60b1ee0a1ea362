"""Initiatives: proposing, the status workflow and its history, who sees and does what, the
chairs' cross-sector view, the digest events, and bad input."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cms.spk import feeds
from cms.spk.initiatives import services
from cms.spk.initiatives.models import Initiative, InitiativeComment

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def url(name, *args):
    return reverse(f"spk:initiatives:{name}", args=args)


def make_initiative(committee, member, title="Atnaujinti virėjo standartą", **fields):
    return Initiative.objects.create(committee=committee, proposed_by=member, title=title,
                                     kind=fields.pop("kind", Initiative.KIND_STANDARD_UPDATE),
                                     description="Reikia naujų kompetencijų.", **fields)


def move(client, initiative, status, note="Pagrįsta"):
    return client.post(url("change_status", initiative.pk) + "?lang=en", {"status": status, "note": note})


def test_propose_review_accept_done_keeps_full_history(spk):
    member_client = spk.client_for(spk.member)
    response = member_client.post(url("propose", spk.c08.pk), {
        "kind": Initiative.KIND_NEW_QUALIFICATION, "title": "Sommelier kvalifikacija",
        "description": "Rinkai trūksta someljė.",
    })
    initiative = Initiative.objects.get(title="Sommelier kvalifikacija")
    assert response.status_code == 302 and response["Location"] == url("detail", initiative.pk)
    assert (initiative.committee, initiative.proposed_by, initiative.status) == (spk.c08, spk.member, "proposed")

    coordinator = spk.client_for(spk.coordinator)
    before = timezone.now()
    for status in ("under_review", "accepted", "done"):
        assert move(coordinator, initiative, status, note=f"Dėl {status}").status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == "done"
    history = list(initiative.status_changes.all())
    assert [(h.from_status, h.to_status) for h in history] == [
        ("proposed", "under_review"), ("under_review", "accepted"), ("accepted", "done")]
    assert all(h.changed_by == spk.coordinator and h.changed_at >= before for h in history)
    assert history[1].note == "Dėl accepted"

    page = member_client.get(url("detail", initiative.pk) + "?lang=en").content.decode()
    assert page.count('class="status-change"') == 3
    assert "accepted → done" in page and "Dėl under_review" in page and "coordinator-user" in page
    assert "Jonas Narys" in page  # who proposed
    assert "Change the status" not in page  # members do not get the form
    lithuanian = member_client.get(url("detail", initiative.pk) + "?lang=lt").content.decode()
    assert "Istorija" in lithuanian and "priimta → įgyvendinta" in lithuanian


def test_wrong_transition_is_refused_with_a_message_and_nothing_changes(spk):
    initiative = make_initiative(spk.c08, spk.member)
    coordinator = spk.client_for(spk.coordinator)
    response = move(coordinator, initiative, "accepted")
    assert response.status_code == 400
    assert "cannot become “accepted”; allowed: under review" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.status == "proposed" and not initiative.status_changes.exists()

    move(coordinator, initiative, "under_review")
    move(coordinator, initiative, "rejected")
    response = move(coordinator, initiative, "done")
    assert response.status_code == 400 and "can no longer change" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.status == "rejected" and initiative.status_changes.count() == 2

    with pytest.raises(ValidationError):
        services.change_status(initiative, "under_review", spk.coordinator)


def test_another_committee_cannot_see_or_propose_or_comment(spk):
    initiative = make_initiative(spk.c08, spk.member)
    other = spk.client_for(spk.other)
    assert other.get(url("detail", initiative.pk)).status_code == 403
    assert other.post(url("add_comment", initiative.pk), {"body": "Labas"}).status_code == 403
    response = other.post(url("propose", spk.c08.pk), {"kind": "other", "title": "Įsiveržimas", "description": "x"})
    assert response.status_code == 403
    assert not Initiative.objects.filter(title="Įsiveržimas").exists()
    assert initiative.title not in other.get(url("list")).content.decode()
    # a member whose term ended is out too
    former = spk.client_for(spk.former)
    assert former.get(url("detail", initiative.pk)).status_code == 403
    assert former.get(url("propose", spk.c08.pk)).status_code == 403


def test_only_the_coordinator_or_an_admin_changes_status(spk):
    initiative = make_initiative(spk.c08, spk.member)
    s09_initiative = make_initiative(spk.c09, spk.other)
    for who in (spk.member, spk.chair, spk.staff):
        assert move(spk.client_for(who), initiative, "under_review").status_code == 403
    assert move(spk.client_for(spk.coordinator), s09_initiative, "under_review").status_code == 403
    initiative.refresh_from_db()
    s09_initiative.refresh_from_db()
    assert initiative.status == s09_initiative.status == "proposed"
    assert move(spk.client_for(spk.admin), s09_initiative, "under_review").status_code == 302
    s09_initiative.refresh_from_db()
    assert s09_initiative.status == "under_review"


def test_members_comment_and_staff_only_read(spk):
    initiative = make_initiative(spk.c08, spk.member)
    response = spk.client_for(spk.chair).post(url("add_comment", initiative.pk), {"body": "Pritariu."})
    assert response.status_code == 302
    assert InitiativeComment.objects.get(initiative=initiative).author == spk.chair.user
    staff = spk.client_for(spk.staff)
    assert "Pritariu." in staff.get(url("detail", initiative.pk)).content.decode()
    assert staff.post(url("add_comment", initiative.pk), {"body": "Ne narys"}).status_code == 403
    assert InitiativeComment.objects.count() == 1


def test_chairs_see_all_committees_together_plain_members_do_not(spk):
    ours = make_initiative(spk.c08, spk.member, title="Turizmo gido standartas")
    theirs = make_initiative(spk.c09, spk.other, title="Programuotojo kvalifikacija",
                             kind=Initiative.KIND_NEW_QUALIFICATION)
    chair = spk.client_for(spk.chair)
    page = chair.get(url("cross_sector")).content.decode()
    assert ours.title in page and theirs.title in page
    filtered = chair.get(url("cross_sector"), {"sector": spk.s09.pk}).content.decode()
    assert theirs.title in filtered and ours.title not in filtered
    by_kind = chair.get(url("cross_sector"), {"kind": "standard_update", "status": "proposed"}).content.decode()
    assert ours.title in by_kind and theirs.title not in by_kind
    assert chair.get(url("detail", theirs.pk)).status_code == 200  # readable, not commentable
    assert chair.post(url("add_comment", theirs.pk), {"body": "x"}).status_code == 403

    assert spk.client_for(spk.member).get(url("cross_sector")).status_code == 403
    assert spk.client_for(spk.other).get(url("cross_sector")).status_code == 403
    assert spk.client_for(spk.staff).get(url("cross_sector")).status_code == 200
    # garbage filter values are ignored, not a 500
    assert chair.get(url("cross_sector"), {"sector": "abc", "status": "<x>"}).status_code == 200


def test_list_filters_and_dashboard_section(spk):
    make_initiative(spk.c08, spk.member, title="Pirmoji")
    second = make_initiative(spk.c08, spk.member, title="Antroji", kind=Initiative.KIND_OTHER)
    services.change_status(second, "under_review", spk.coordinator)
    member = spk.client_for(spk.member)
    listed = member.get(url("list"), {"status": "under_review"}).content.decode()
    assert "Antroji" in listed and "Pirmoji" not in listed
    assert "Pirmoji" in member.get(url("list"), {"kind": "standard_update"}).content.decode()
    dashboard_page = member.get(reverse("spk:dashboard")).content.decode()
    assert "Pirmoji" in dashboard_page and url("propose", spk.c08.pk) in dashboard_page
    assert "Pirmoji" not in spk.client_for(spk.other).get(reverse("spk:dashboard")).content.decode()


def test_digest_events_have_stable_keys_and_both_languages(spk):
    since = timezone.now() - datetime.timedelta(minutes=1)
    initiative = make_initiative(spk.c08, spk.member, title="Barmeno standartas")
    services.change_status(initiative, "under_review", spk.coordinator, note="Svarstysime posėdyje")
    items = [i for i in feeds.items_since([spk.c08], since) if i.topic == feeds.TOPIC_INITIATIVES]
    assert [i.key for i in items] == [f"initiative:{initiative.pk}:proposed",
                                      f"initiative:{initiative.pk}:status:under_review"]
    assert items[0].url == f"/members/initiatives/{initiative.pk}/"
    assert items[1].title_en == "Initiative “Barmeno standartas” is now under review"
    assert items[1].title_lt == "Iniciatyva „Barmeno standartas“ dabar svarstoma"
    assert items[1].summary_lt == "Svarstysime posėdyje"
    assert not [i for i in feeds.items_since([spk.c09], since) if i.topic == feeds.TOPIC_INITIATIVES]
    assert not [i for i in feeds.items_since([spk.c08], timezone.now()) if i.topic == feeds.TOPIC_INITIATIVES]


def test_bad_ids_are_404_and_garbage_posts_are_form_errors(spk):
    member = spk.client_for(spk.member)
    coordinator = spk.client_for(spk.coordinator)
    assert member.get(url("detail", 999999)).status_code == 404
    assert coordinator.post(url("change_status", 999999), {"status": "accepted"}).status_code == 404
    assert member.get(url("propose", 999999)).status_code == 404
    assert member.post(url("add_comment", 999999), {"body": "x"}).status_code == 404

    garbage = {"kind": "<script>", "title": "", "description": "", "standard": "abc", "qualification": "-1"}
    response = member.post(url("propose", spk.c08.pk) + "?lang=en", garbage)
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert not Initiative.objects.exists()

    initiative = make_initiative(spk.c08, spk.member)
    for data in ({}, {"status": "nonsense", "note": "x"}, {"status": "under_review", "note": ""}):
        assert coordinator.post(url("change_status", initiative.pk), data).status_code == 400
    assert member.post(url("add_comment", initiative.pk), {"body": ""}).status_code == 400
    assert member.get(url("change_status", initiative.pk)).status_code == 405
    initiative.refresh_from_db()
    assert initiative.status == "proposed" and not initiative.comments.exists()


def test_anonymous_visitors_are_sent_to_login(spk):
    initiative = make_initiative(spk.c08, spk.member)
    for path in (url("list"), url("cross_sector"), url("detail", initiative.pk), url("propose", spk.c08.pk),
                 url("priorities", spk.c08.pk), url("ranking", spk.c08.pk)):
        response = Client().get(path)
        assert response.status_code == 302 and response["Location"].startswith(reverse("spk:login"))


def test_a_chair_reading_another_committees_initiative_gets_no_link_into_its_space(spk):
    from cms.spk.initiatives.models import Initiative

    initiative = Initiative.objects.create(committee=spk.c09, kind="other", title="IRT iniciatyva",
                                           description="Aprašymas", proposed_by=spk.other)
    page = spk.client_for(spk.chair).get(f"/members/initiatives/{initiative.pk}/").content.decode()
    assert "IRT iniciatyva" in page
    assert f'/members/committees/{spk.c09.pk}/"' not in page
    own = spk.client_for(spk.other).get(f"/members/initiatives/{initiative.pk}/").content.decode()
    assert f'/members/committees/{spk.c09.pk}/"' in own
