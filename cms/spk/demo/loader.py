"""The SPK demo, assembled from the people and each app's demo content. Every step skips what
an earlier run made, so running it again creates nothing."""

from __future__ import annotations

from django.utils import timezone

from ..assessors.models import AssessorEntry, ConsentRecord
from ..consultations.models import Consultation, Evaluation, SectionRemark
from ..digests.models import DigestDelivery, Subscription
from ..digests.services import ensure_default_subscriptions
from ..initiatives.models import Initiative, InitiativeComment, InitiativeStatusChange, PriorityVote
from ..meetings.models import Meeting, MeetingInvitation, MeetingMaterial
from ..models import Committee, Member, Membership
from .assessors import load_assessors
from .consultations import load_consultations
from .initiatives import load_chairs_initiative, load_initiatives
from .meetings import load_meetings
from .people import FEATURED, load_people

COUNTED = {
    "committees": Committee, "members": Member, "memberships": Membership,
    "meetings": Meeting, "meeting invitations": MeetingInvitation, "meeting materials": MeetingMaterial,
    "consultations": Consultation, "evaluations": Evaluation, "section remarks": SectionRemark,
    "initiatives": Initiative, "initiative status changes": InitiativeStatusChange,
    "initiative comments": InitiativeComment, "priority votes": PriorityVote,
    "assessor entries": AssessorEntry, "consent records": ConsentRecord,
    "digest subscriptions": Subscription, "digest deliveries": DigestDelivery,
}


def featured_committees(committees: dict[str, Committee]) -> list[Committee]:
    """The website demo's featured committees, else the first three (another registry)."""
    chosen = [committees[code] for code in FEATURED if code in committees]
    return chosen or list(committees.values())[:3]


def counts() -> dict[str, int]:
    return {name: model.objects.count() for name, model in COUNTED.items()}


def load_demo_spk() -> dict[str, int]:
    """Load the demo (the caller wraps it in one transaction); returns the totals per kind."""
    people = load_people()
    coordinator = people["coordinators"][0]
    featured = featured_committees(people["committees"])
    for committee in featured:
        acting = committee.coordinators.order_by("pk").first() or coordinator
        load_meetings(committee, acting)
        load_consultations(committee, acting)
        load_initiatives(committee, acting)
    load_chairs_initiative(people["chairs"], coordinator)
    load_assessors(featured)
    ensure_default_subscriptions(timezone.now())  # nothing is sent: the digest task does that
    return counts()
