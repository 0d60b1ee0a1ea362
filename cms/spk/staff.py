"""The KPMPC staff group: admin access and the right to keep committees and member records.
Made after every migrate, so a fresh database has it without a setup step."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

from .roles import STAFF_GROUP

STAFF_PERMISSIONS = {
    "wagtailadmin": ("access_admin",),
    "spk": ("add_committee", "change_committee", "view_committee",
            "add_member", "change_member", "delete_member", "view_member",
            "add_membership", "change_membership", "delete_membership", "view_membership"),
}


def ensure_staff_group(**kwargs) -> Group:
    group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    for app_label, codenames in STAFF_PERMISSIONS.items():
        group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
    return group
