"""What the views do to the bank: save a member's entry with its consent, erase it on
withdrawal, and filter it for staff. Writes are atomic."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from cms.spk import roles
from cms.spk.models import Member, Membership

from .models import CONSENT_VERSION, AssessorEntry, ConsentRecord


def may_volunteer(user) -> bool:
    """Only a member with a current membership may join or edit the bank."""
    return roles.current_memberships(user).exists()


def needs_consent(entry: AssessorEntry | None) -> bool:
    """A new entry, or one whose consent was given to an older text, asks again."""
    return entry is None or entry.consent_version != CONSENT_VERSION


@transaction.atomic
def save_entry(member: Member, form) -> AssessorEntry:
    """Create or update the member's entry from a valid AssessorEntryForm."""
    entry = form.save(commit=False)
    entry.member = member
    consenting = "consent" in form.cleaned_data
    if consenting:
        entry.consent_given_at = timezone.now()
        entry.consent_version = CONSENT_VERSION
    entry.save()
    entry.qualifications.set(form.cleaned_data["qualification_codes"])
    entry.units.set(form.cleaned_data["unit_codes"])
    entry.set_levels(form.cleaned_data["levels"])
    entry.set_languages(form.cleaned_data["languages"])
    if consenting:
        ConsentRecord.objects.create(
            member=member, action=ConsentRecord.ACTION_GIVEN, at=entry.consent_given_at, text_version=CONSENT_VERSION
        )
    return entry


@transaction.atomic
def withdraw(member: Member) -> bool:
    """Erase the member's entry and every relation of it; log the withdrawal. False when
    there was nothing to withdraw."""
    entry = AssessorEntry.objects.select_for_update().filter(member=member).first()
    if entry is None:
        return False
    version = entry.consent_version
    entry.delete()  # cascades to levels and languages; M2M link rows go with it
    ConsentRecord.objects.create(
        member=member, action=ConsentRecord.ACTION_WITHDRAWN, at=timezone.now(), text_version=version
    )
    return True


def search(filters: dict) -> QuerySet[AssessorEntry]:
    """Entries matching the cleaned BankSearchForm data; every filter given must hold."""
    entries = AssessorEntry.objects.select_related("member").prefetch_related(
        "qualifications", "units", "levels", "languages"
    )
    for word in (filters.get("q") or "").split():
        entries = entries.filter(
            Q(member__first_name__icontains=word) | Q(member__last_name__icontains=word)
            | Q(member__organisation__icontains=word)
        )
    # Each multi-valued filter as a subquery: no duplicate rows, no DISTINCT needed.
    if filters.get("qualification"):
        entries = entries.filter(pk__in=AssessorEntry.objects.filter(
            qualifications__code=filters["qualification"]).values("pk"))
    if filters.get("level"):
        entries = entries.filter(pk__in=AssessorEntry.objects.filter(levels__level=filters["level"]).values("pk"))
    if filters.get("region"):
        entries = entries.filter(region=filters["region"])
    if filters.get("language"):
        entries = entries.filter(pk__in=AssessorEntry.objects.filter(
            languages__code=filters["language"]).values("pk"))
    if filters.get("available_on"):
        entries = entries.available_on(filters["available_on"])
    if filters.get("committee"):
        entries = entries.filter(pk__in=in_committee(filters["committee"]).values("pk"))
    return entries


def in_committee(committee) -> QuerySet[AssessorEntry]:
    """Current members of the committee, and anyone who assesses a qualification of its sector."""
    on_committee = Membership.objects.current().filter(committee=committee).values("member")
    matches = Q(member__in=on_committee)
    if committee.sector_id:
        matches |= Q(qualifications__sectors=committee.sector_id)
    return AssessorEntry.objects.filter(matches)


def current_committees(entries) -> dict[int, list]:
    """Member id → committees they sit on today, for the results table (one query)."""
    rows = Membership.objects.current().filter(member__in=[e.member_id for e in entries]).select_related(
        "committee", "committee__sector"
    )
    found: dict[int, list] = {}
    for row in rows:
        found.setdefault(row.member_id, []).append(row.committee)
    return found
