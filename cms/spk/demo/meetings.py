"""Demo meetings of a committee: one held a month ago (materials, attendance, approved minutes,
published to the public meeting page when the committee has one) and one coming up (agenda,
materials shared, some answers). Made through cms.spk.meetings.services, as a coordinator would."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from cms.site.demo.files import pdf_bytes

from ..meetings import services
from ..meetings.models import Meeting, MeetingInvitation
from ..models import Committee, Member


def at(days: int, hour: int = 10) -> datetime.datetime:
    """Today + `days` at `hour` o'clock, Vilnius time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def roster(committee: Committee) -> list[Member]:
    """Current members in the order people.py made them: chair, deputy, secretary, members."""
    return list(services.current_members(committee).order_by("pk"))


def _standard_name(committee: Committee) -> str:
    standard = committee.sector.standards.filter(live=True).order_by("code").first() if committee.sector_id else None
    return f"„{standard.name_lt}“" if standard else "sektoriaus profesinių standartų"


def _share(meeting: Meeting, title: str, filename: str, lines: list[str], user, shared_at=None) -> None:
    material = services.share_material(meeting, ContentFile(pdf_bytes(lines), name=filename), title, user)
    if shared_at is not None:  # a past meeting's materials went out before it, not today
        type(material).objects.filter(pk=material.pk).update(shared_at=shared_at)


def _answer(invitation: MeetingInvitation, response: str, when) -> None:
    invitation.response, invitation.responded_at = response, when
    invitation.save(update_fields=["response", "responded_at"])


def past_meeting(committee: Committee, coordinator) -> Meeting | None:
    code = committee.code
    title = f"{code} komiteto posėdis: profesinio standarto aptarimas"
    if Meeting.objects.filter(committee=committee, title_lt=title).exists():
        return None
    meeting = services.schedule_meeting(Meeting(
        committee=committee, title_lt=title, title_en=f"{code} committee meeting: discussing the occupational standard",
        starts_at=at(-35, 10), ends_at=at(-35, 12), place="KPMPC, Gedimino pr. 28, Vilnius (demo)",
        agenda=f"1. Standarto {_standard_name(committee)} atnaujinimo eiga.\n"
               "2. Sektoriaus kvalifikacijų prioritetai.\n3. Kiti klausimai.",
    ), coordinator)
    before = at(-42, 9)
    _share(meeting, f"{code} posėdžio darbotvarkė", f"{code.lower()}-darbotvarke-demo.pdf",
           [f"SPK {code} meeting agenda (demo)"], coordinator, before)
    _share(meeting, f"{code} standarto atnaujinimo apžvalga", f"{code.lower()}-apzvalga-demo.pdf",
           [f"SPK {code} occupational standard review (demo)"], coordinator, before)
    invitations = list(meeting.invitations.order_by("member_id"))
    for position, invitation in enumerate(invitations):
        excused, absent = position == len(invitations) - 1, position == len(invitations) - 2
        _answer(invitation, MeetingInvitation.RESPONSE_DECLINED if excused else MeetingInvitation.RESPONSE_ACCEPTED,
                at(-40, 12))
        invitation.attendance = (MeetingInvitation.ATTENDANCE_EXCUSED if excused else
                                 MeetingInvitation.ATTENDANCE_ABSENT if absent else MeetingInvitation.ATTENDANCE_PRESENT)
        invitation.save(update_fields=["attendance"])
    meeting.status = Meeting.STATUS_HELD
    meeting.minutes_public = (f"Posėdyje dalyvavo {len(invitations) - 2} komiteto nariai. Aptarta standarto "
                              f"{_standard_name(committee)} atnaujinimo eiga ir sektoriaus kvalifikacijų prioritetai.")
    meeting.minutes_private = ("Nariai pasidalijo darbdavių apklausos preliminariais rezultatais (neskelbti). "
                               "Sutarta kitame posėdyje aptarti konkrečius pasiūlymus.")
    meeting.decisions = "1. Pritarti standarto atnaujinimo planui.\n2. Prioritetus aptarti kitame posėdyje."
    meeting.save()
    services.approve_minutes(meeting, coordinator)
    if services.committee_page_for(committee) is not None:  # no public committee page: stay approved
        services.publish_minutes(meeting)
    Meeting.objects.filter(pk=meeting.pk).update(created_at=at(-49, 9))  # scheduled weeks before it took place
    return meeting


def upcoming_meeting(committee: Committee, coordinator) -> Meeting | None:
    code = committee.code
    title = f"{code} komiteto posėdis: konsultacijos ir iniciatyvos"
    if Meeting.objects.filter(committee=committee, title_lt=title).exists():
        return None
    meeting = services.schedule_meeting(Meeting(
        committee=committee, title_lt=title, title_en=f"{code} committee meeting: consultations and initiatives",
        starts_at=at(14, 13), ends_at=at(14, 15), online_url="https://meet.spk-demo.example/posedis",
        agenda="1. Konsultacijos dėl standarto projekto rezultatai.\n2. Narių iniciatyvos.\n"
               "3. Vertintojų banko papildymas.",
    ), coordinator)
    _share(meeting, f"{code} posėdžio darbotvarkė (būsimas)", f"{code.lower()}-darbotvarke-busimas-demo.pdf",
           [f"SPK {code} upcoming meeting agenda (demo)"], coordinator)
    _share(meeting, f"{code} iniciatyvų suvestinė", f"{code.lower()}-iniciatyvos-demo.pdf",
           [f"SPK {code} initiatives overview (demo)"], coordinator)
    answers = [MeetingInvitation.RESPONSE_ACCEPTED, MeetingInvitation.RESPONSE_ACCEPTED,
               MeetingInvitation.RESPONSE_DECLINED]
    for invitation, response in zip(meeting.invitations.order_by("member_id"), answers, strict=False):
        _answer(invitation, response, timezone.now())
    return meeting


def load_meetings(committee: Committee, coordinator) -> None:
    past_meeting(committee, coordinator)
    upcoming_meeting(committee, coordinator)
