"""The SPK demo, assembled from the people and each app's demo content."""

from __future__ import annotations

from ..models import Committee, Member, Membership
from .people import load_people


def load_demo_spk() -> dict[str, int]:
    load_people()
    return {
        "committees": Committee.objects.count(),
        "members": Member.objects.count(),
        "memberships": Membership.objects.count(),
    }
