"""Groups and their permissions: Plone's local roles, as Wagtail page and collection rights."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

MODERATORS = "KPMPC moderatoriai"
EDITORS = "KPMPC redaktoriai"

PAGE_RIGHTS = {
    MODERATORS: ("add", "change", "publish", "lock", "unlock", "bulk_delete"),
    EDITORS: ("add", "change", "lock"),  # drafts only: publishing goes through moderation
}
COORDINATOR_PAGE_RIGHTS = ("add", "change", "publish", "lock", "unlock")

MEDIA_ALL = ("add", "change", "delete", "choose")
COLLECTION_RIGHTS = {MODERATORS: MEDIA_ALL, EDITORS: ("add", "choose")}
COORDINATOR_COLLECTION_RIGHTS = MEDIA_ALL

GLOBAL_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("simple_translation", "submit_translation"),
)


def coordinators_group_name(sector_code: str) -> str:
    return f"SPK {sector_code} koordinatoriai"


def committee_collection_name(sector_code: str) -> str:
    return f"SPK {sector_code}"


def ensure_group(name: str) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    for app_label, codename in GLOBAL_PERMISSIONS:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            group.permissions.add(permission)
    return group


def grant_page_rights(group: Group, page: Page, rights) -> None:
    model_name = Page._meta.model_name
    for right in rights:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{right}_{model_name}")
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def grant_collection_rights(group: Group, collection: Collection, rights) -> None:
    for app_label, model in (("wagtaildocs", "document"), ("wagtailimages", "image")):
        for right in rights:
            permission = Permission.objects.get(content_type__app_label=app_label, codename=f"{right}_{model}")
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


def ensure_collection(name: str) -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def ensure_site_groups(homes) -> dict[str, Group]:
    groups = {}
    root_collection = Collection.get_first_root_node()
    for name, rights in PAGE_RIGHTS.items():
        group = groups[name] = ensure_group(name)
        for home in homes:
            grant_page_rights(group, home, rights)
        grant_collection_rights(group, root_collection, COLLECTION_RIGHTS[name])
    return groups
