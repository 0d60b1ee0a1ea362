"""A member who joins a committee is invited to its meetings still to come, as if they had been
on the committee when the meeting was scheduled."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from cms.spk.models import Membership

from .models import Meeting, MeetingInvitation


@receiver(post_save, sender=Membership, dispatch_uid="spk_meetings_invite_newcomer")
def invite_to_upcoming_meetings(sender, instance: Membership, created: bool, raw=False, **kwargs):
    if raw or not created:
        return
    now = timezone.now()
    term_end = instance.term_end
    upcoming = Meeting.objects.filter(committee=instance.committee_id, status=Meeting.STATUS_SCHEDULED,
                                      starts_at__gte=now, starts_at__date__gte=instance.term_start)
    if term_end is not None:
        upcoming = upcoming.filter(starts_at__date__lte=term_end)
    invited = set(MeetingInvitation.objects.filter(member=instance.member_id, meeting__in=upcoming)
                  .values_list("meeting_id", flat=True))
    MeetingInvitation.objects.bulk_create([
        MeetingInvitation(meeting=meeting, member_id=instance.member_id)
        for meeting in upcoming if meeting.pk not in invited
    ])
