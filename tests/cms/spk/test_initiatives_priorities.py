"""Priorities: members rank their sector's published standards; the ranking is saved whole or
not at all, and the committee sees the Borda-count aggregate."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.spk.initiatives import services
from cms.spk.initiatives.models import Initiative, PriorityVote
from tests.cms import factories

from .conftest import make_member

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def standards(spk):
    """Three published S08 standards (A, B, C), one draft, one S09 standard."""
    factories.publish(spk.s08)
    factories.publish(spk.s09)
    a = factories.standard(spk.s08, code="PSI01")
    b = factories.standard(spk.s08, code="PSI02")
    c = factories.standard(spk.s08, code="PSI03")
    draft = factories.standard(spk.s08, code="PSI04", live=False)
    elsewhere = factories.standard(spk.s09, code="PSJ01")
    return a, b, c, draft, elsewhere


def ranking_url(committee):
    return reverse("spk:initiatives:ranking", args=[committee.pk])


def post_ranking(client, committee, *pairs):
    return client.post(ranking_url(committee) + "?lang=en", {f"rank_{s.pk}": r for s, r in pairs})


def test_ranking_is_saved_whole_and_duplicates_keep_the_previous_one(spk, standards):
    a, b, c, draft, elsewhere = standards
    member = spk.client_for(spk.member)
    form_page = member.get(ranking_url(spk.c08)).content.decode()
    assert "PSI01" in form_page and "PSI03" in form_page
    assert "PSI04" not in form_page and "PSJ01" not in form_page  # drafts and other sectors are not ranked

    assert post_ranking(member, spk.c08, (a, 2), (b, 1), (c, 3)).status_code == 302
    kept = {a.pk: 2, b.pk: 1, c.pk: 3}
    assert services.member_ranking(spk.c08, spk.member) == kept

    response = post_ranking(member, spk.c08, (a, 1), (b, 1), (c, 2))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Rank 1 is given to more than one standard (PSI01, PSI02)" in page
    assert "your previous ranking is kept" in page
    assert services.member_ranking(spk.c08, spk.member) == kept

    # re-ranking replaces everything at once; a blank field leaves that standard unranked
    assert post_ranking(member, spk.c08, (a, 1), (b, ""), (c, 2)).status_code == 302
    assert services.member_ranking(spk.c08, spk.member) == {a.pk: 1, c.pk: 2}
    assert PriorityVote.objects.filter(member=spk.member).count() == 2


def test_garbage_ranks_are_form_errors(spk, standards):
    a, b, c, draft, elsewhere = standards
    member = spk.client_for(spk.member)
    post_ranking(member, spk.c08, (a, 1))
    for bad in ((a, "abc"), (a, 0), (a, 4), (a, "-1")):
        assert post_ranking(member, spk.c08, bad).status_code == 400
    # a field for a standard outside the sector is simply not part of the form
    assert post_ranking(member, spk.c08, (elsewhere, 1), (draft, 2), (b, 1)).status_code == 302
    assert services.member_ranking(spk.c08, spk.member) == {b.pk: 1}
    assert not PriorityVote.objects.filter(standard__in=[elsewhere, draft]).exists()


def test_aggregate_ranking_is_a_borda_count_of_current_members(spk, standards):
    a, b, c, *_ = standards
    third = make_member("Aistė", "Trečioji", spk.c08)
    post_ranking(spk.client_for(spk.member), spk.c08, (a, 1), (b, 2), (c, 3))  # A3 B2 C1
    post_ranking(spk.client_for(spk.chair), spk.c08, (b, 1), (a, 2), (c, 3))  # B3 A2 C1
    post_ranking(spk.client_for(third), spk.c08, (b, 1), (c, 2))  # B3 C2
    # a former member's old votes no longer count
    for standard, rank in ((c, 1), (a, 2), (b, 3)):
        PriorityVote.objects.create(committee=spk.c08, member=spk.former, standard=standard, rank=rank)

    rows, voters = services.aggregate_ranking(spk.c08)
    assert voters == 3
    assert [(r.standard.code, r.points, r.voters) for r in rows] == [
        ("PSI02", 8, 3), ("PSI01", 5, 2), ("PSI03", 4, 3)]
    assert rows[0].mean_rank == pytest.approx(4 / 3)

    page = spk.client_for(spk.member).get(
        reverse("spk:initiatives:priorities", args=[spk.c08.pk]) + "?lang=en").content.decode()
    assert "3 members have ranked the standards" in page and "Borda" in page
    assert page.index("PSI02") < page.index("PSI01") < page.index("PSI03")
    assert "My ranking" in page

    committee_page = spk.client_for(spk.chair).get(reverse("spk:committee", args=[spk.c08.pk]) + "?lang=en")
    text = committee_page.content.decode()
    assert 'id="priorities"' in text and "3 members have ranked the standards" in text
    staff_page = spk.client_for(spk.staff).get(reverse("spk:initiatives:priorities", args=[spk.c08.pk]))
    assert staff_page.status_code == 200 and b"Edit my ranking" not in staff_page.content


def test_only_current_members_rank_and_other_committees_cannot_look(spk, standards):
    a, *_ = standards
    other = spk.client_for(spk.other)
    assert other.get(ranking_url(spk.c08)).status_code == 403
    assert post_ranking(other, spk.c08, (a, 1)).status_code == 403
    assert other.get(reverse("spk:initiatives:priorities", args=[spk.c08.pk])).status_code == 403
    assert post_ranking(spk.client_for(spk.former), spk.c08, (a, 1)).status_code == 403
    assert spk.client_for(spk.coordinator).get(ranking_url(spk.c08)).status_code == 403
    assert not PriorityVote.objects.exists()
    chair = spk.client_for(spk.chair)
    assert chair.get(ranking_url(spk.chairs)).status_code == 404  # no sector, nothing to rank
    assert chair.get(reverse("spk:initiatives:priorities", args=[999999])).status_code == 404


def test_related_standard_must_be_of_the_committees_sector(spk, standards):
    a, b, c, draft, elsewhere = standards
    member = spk.client_for(spk.member)
    propose = reverse("spk:initiatives:propose", args=[spk.c08.pk]) + "?lang=en"
    data = {"kind": "standard_update", "title": "Atnaujinti", "description": "Būtina."}
    refused = member.post(propose, {**data, "standard": elsewhere.pk})
    assert refused.status_code == 400 and "Select a valid choice" in refused.content.decode()
    assert member.post(propose, {**data, "standard": draft.pk}).status_code == 400
    assert member.post(propose, {**data, "standard": a.pk}).status_code == 302
    assert Initiative.objects.get().standard == a

    stray = Initiative(committee=spk.c08, kind="standard_update", title="x", description="y", standard=elsewhere)
    with pytest.raises(ValidationError) as refused_model:
        stray.full_clean()
    assert "standard" in refused_model.value.message_dict
