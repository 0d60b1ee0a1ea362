"""Moderation workflows: draft → approval by a group → published (Wagtail workflows)."""

from __future__ import annotations

from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

SITE_WORKFLOW = ("KPMPC redakcinė peržiūra", "Moderatorių patvirtinimas")


def committee_workflow_names(sector_code: str) -> tuple[str, str]:
    return f"SPK {sector_code} peržiūra", f"SPK {sector_code}: koordinatoriaus arba moderatoriaus patvirtinimas"


def ensure_approval_workflow(names: tuple[str, str], groups) -> Workflow:
    workflow_name, task_name = names
    task = GroupApprovalTask.objects.filter(name=task_name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=task_name)
    task.groups.set(groups)
    workflow, _ = Workflow.objects.get_or_create(name=workflow_name)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def assign_workflow(workflow: Workflow, pages) -> None:
    """The nearest ancestor with a workflow decides, so a committee's overrides the site's."""
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
