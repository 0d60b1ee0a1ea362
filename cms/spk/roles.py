"""Who may see and do what on the SPK platform. One place, so every view asks the same way.

Roles: admin (superuser), KPMPC staff (group STAFF_GROUP), coordinator (KPMPC staff assigned
to a committee), chair and member (a current membership). Staff read every committee;
coordinators and admins manage; members see their own committees' private space only."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .models import Committee, Member, Membership

STAFF_GROUP = "KPMPC darbuotojai"


def is_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def is_staff(user) -> bool:
    """KPMPC staff, admins included."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=STAFF_GROUP).exists()


def member_of(user) -> Member | None:
    if not (user.is_authenticated and user.is_active):
        return None
    return Member.objects.filter(user=user).first()


def current_memberships(user) -> QuerySet[Membership]:
    member = member_of(user)
    if member is None:
        return Membership.objects.none()
    return Membership.objects.current().filter(member=member).select_related("committee", "committee__sector")


def member_committees(user) -> QuerySet[Committee]:
    """Committees whose private space the user enters as a member (current term only)."""
    return Committee.objects.filter(pk__in=current_memberships(user).values("committee")).distinct()


def coordinated_committees(user) -> QuerySet[Committee]:
    if not (user.is_authenticated and user.is_active):
        return Committee.objects.none()
    if is_admin(user):
        return Committee.objects.all()
    return Committee.objects.filter(coordinators=user)


def visible_committees(user) -> QuerySet[Committee]:
    """Every committee whose private material the user may read."""
    if is_staff(user):
        return Committee.objects.all()
    ids = set(member_committees(user).values_list("pk", flat=True))
    ids |= set(coordinated_committees(user).values_list("pk", flat=True))
    return Committee.objects.filter(pk__in=ids)


def is_chair(user, committee: Committee | None = None) -> bool:
    rows = current_memberships(user).filter(role=Membership.ROLE_CHAIR)
    return rows.filter(committee=committee).exists() if committee else rows.exists()


def can_view(user, committee: Committee) -> bool:
    return visible_committees(user).filter(pk=committee.pk).exists()


def can_manage(user, committee: Committee) -> bool:
    """Schedule meetings, open and close consultations, change initiative status."""
    return coordinated_committees(user).filter(pk=committee.pk).exists()


def require_view(user, committee: Committee) -> None:
    if not can_view(user, committee):
        raise PermissionDenied(_("This material belongs to another committee."))


def require_manage(user, committee: Committee) -> None:
    if not can_manage(user, committee):
        raise PermissionDenied(_("Only the committee's KPMPC coordinator can do this."))


def role_names(user) -> list[str]:
    """For display: the roles the user holds right now."""
    names = []
    if is_admin(user):
        names.append("admin")
    if is_staff(user):
        names.append("staff")
    if coordinated_committees(user).exists() and not is_admin(user):
        names.append("coordinator")
    if is_chair(user):
        names.append("chair")
    if current_memberships(user).exists():
        names.append("member")
    return names
