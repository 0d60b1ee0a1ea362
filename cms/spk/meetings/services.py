"""What a coordinator does to a meeting, each step atomic: schedule and invite, share a
material into the committee's private collection, approve and publish the minutes."""

from __future__ import annotations

import re

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction, Locale
from wagtail.rich_text import RichText

from cms.spk.models import Committee, Member
from cms.spk.roles import STAFF_GROUP

from .models import Meeting, MeetingInvitation, MeetingMaterial


class MeetingError(Exception):
    """A step refused for a reason the coordinator should read (shown as a message)."""


def current_members(committee: Committee):
    return Member.objects.filter(memberships__in=committee.current_memberships()).distinct()


def sync_invitations(meeting: Meeting, members) -> None:
    """Invite exactly `members`; answers and attendance of those who stay invited are kept."""
    wanted = {member.pk for member in members}
    meeting.invitations.exclude(member_id__in=wanted).delete()
    have = set(meeting.invitations.values_list("member_id", flat=True))
    MeetingInvitation.objects.bulk_create(
        [MeetingInvitation(meeting=meeting, member_id=pk) for pk in sorted(wanted - have)]
    )


@transaction.atomic
def schedule_meeting(meeting: Meeting, user, members=None) -> Meeting:
    """Save a new meeting; by default every current member of the committee is invited."""
    meeting.created_by = user
    meeting.save()
    sync_invitations(meeting, current_members(meeting.committee) if members is None else members)
    return meeting


def members_collection(committee: Committee) -> Collection:
    """The committee's private collection: Wagtail's document serving admits only KPMPC staff,
    so a file's /documents/ address is useless to the public and to members alike."""
    name = _collection_name(committee)
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    collection = root.get_children().filter(name=name).first()
    if collection is None:
        collection = root.add_child(instance=Collection(name=name))
    restriction = CollectionViewRestriction.objects.filter(
        collection=collection, restriction_type=BaseViewRestriction.GROUPS
    ).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=BaseViewRestriction.GROUPS
        )
    restriction.groups.add(Group.objects.get_or_create(name=STAFF_GROUP)[0])
    return collection


def _collection_name(committee: Committee) -> str:
    return f"SPK {committee.code} — nariams"


@transaction.atomic
def share_material(meeting: Meeting, uploaded, title: str, user) -> MeetingMaterial:
    document_model = get_document_model()
    document = document_model(title=title, file=uploaded, collection=members_collection(meeting.committee),
                        uploaded_by_user=user)
    document._set_document_file_metadata()
    document.save()
    return MeetingMaterial.objects.create(meeting=meeting, document=document, title=title, shared_by=user)


@transaction.atomic
def approve_minutes(meeting: Meeting, user) -> None:
    if meeting.status == Meeting.STATUS_CANCELLED:
        raise MeetingError(_("The meeting was cancelled: it has no minutes to approve."))
    if not meeting.has_started:
        raise MeetingError(_("Minutes can be approved only after the meeting has taken place."))
    if meeting.minutes_status != Meeting.MINUTES_DRAFT:
        raise MeetingError(_("These minutes are already approved."))
    if not (meeting.minutes_public.strip() or meeting.minutes_private.strip() or meeting.decisions.strip()):
        raise MeetingError(_("Write the minutes before approving them."))
    meeting.minutes_status = Meeting.MINUTES_APPROVED
    meeting.minutes_approved_by = user
    meeting.minutes_approved_at = timezone.now()
    if meeting.status == Meeting.STATUS_SCHEDULED:
        meeting.status = Meeting.STATUS_HELD
    meeting.save()


def committee_page_for(committee: Committee):
    from cms.committees.models import CommitteePage

    if committee.sector_id is None:
        return None
    return (
        CommitteePage.objects.live()
        .filter(sector_id=committee.sector_id, locale=Locale.objects.filter(language_code="lt").first())
        .first()
    )


def text_to_html(text: str) -> str:
    """Plain text as rich-text paragraphs: blank lines split paragraphs, newlines become <br/>."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if part.strip()]
    return "".join(f"<p>{escape(part).replace(chr(10), '<br/>')}</p>" for part in paragraphs)


@transaction.atomic
def publish_minutes(meeting: Meeting):
    """Create or update the public MeetingPage under the committee's page and publish it.
    Only the public part goes there: never the private minutes, invitations or attendance."""
    from cms.committees.models import MeetingPage

    if meeting.minutes_status == Meeting.MINUTES_DRAFT:
        raise MeetingError(_("Only approved minutes can be published."))
    parent = committee_page_for(meeting.committee)
    if parent is None:
        raise MeetingError(
            _("The committee has no published public page (committee page for its sector in Lithuanian), "
              "so the minutes cannot be published. Ask the editors to create it first.")
        )
    page = MeetingPage.objects.filter(pk=meeting.public_page_id).first() if meeting.public_page_id else None
    if page is None:
        page = MeetingPage(slug=_free_slug(parent, meeting), locale=parent.locale)
        _fill_page(page, meeting)
        parent.add_child(instance=page)
    else:
        _fill_page(page, meeting)
    page.save_revision().publish()
    meeting.public_page = page
    meeting.minutes_status = Meeting.MINUTES_PUBLISHED
    meeting.minutes_published_at = timezone.now()
    meeting.save()
    return page


def _fill_page(page, meeting: Meeting) -> None:
    page.title = meeting.title_lt
    page.starts_at = meeting.starts_at
    page.place = meeting.place
    page.agenda = text_to_html(meeting.agenda)
    page.decisions = text_to_html(meeting.decisions)
    body = text_to_html(meeting.minutes_public)
    page.body = [("paragraph", RichText(body))] if body else []


def _free_slug(parent, meeting: Meeting) -> str:
    base = f"{timezone.localtime(meeting.starts_at):%Y-%m-%d}-{slugify(meeting.title_lt)[:60]}".strip("-")
    taken = set(parent.get_children().values_list("slug", flat=True))
    return base if base not in taken else f"{base}-{meeting.pk}"
