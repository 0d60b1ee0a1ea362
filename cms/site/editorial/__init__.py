"""Editorial set-up: page tree, groups, collections, workflows. Idempotent (setup_cms)."""

from __future__ import annotations

from django.db import transaction

from .groups import (
    COORDINATOR_COLLECTION_RIGHTS,
    COORDINATOR_PAGE_RIGHTS,
    MODERATORS,
    committee_collection_name,
    coordinators_group_name,
    ensure_collection,
    ensure_group,
    ensure_site_groups,
    grant_collection_rights,
    grant_page_rights,
)
from .tree import ensure_site_tree
from .workflows import SITE_WORKFLOW, assign_workflow, committee_workflow_names, ensure_approval_workflow


def ensure_committee_editorial(page) -> None:
    """A committee's coordinators edit and approve its subtree (every translation of the
    committee page) and its documents collection; moderators may approve too."""
    code = page.sector.code
    coordinators = ensure_group(coordinators_group_name(code))
    pages = [page, *page.get_translations()]
    for translated in pages:
        grant_page_rights(coordinators, translated, COORDINATOR_PAGE_RIGHTS)
    grant_collection_rights(coordinators, ensure_collection(committee_collection_name(code)),
                            COORDINATOR_COLLECTION_RIGHTS)
    moderators = ensure_group(MODERATORS)
    workflow = ensure_approval_workflow(committee_workflow_names(code), [coordinators, moderators])
    assign_workflow(workflow, pages)


def setup_cms() -> dict[str, int]:
    from cms.committees.models import CommitteePage

    with transaction.atomic():
        homes = ensure_site_tree()
        groups = ensure_site_groups(homes.values())
        workflow = ensure_approval_workflow(SITE_WORKFLOW, [groups[MODERATORS]])
        assign_workflow(workflow, homes.values())
        committees = list(CommitteePage.objects.select_related("sector"))
        for page in committees:
            ensure_committee_editorial(page)
    return {"locales": len(homes), "groups": len(groups), "committees": len(committees)}


__all__ = ["ensure_committee_editorial", "ensure_site_tree", "setup_cms"]
