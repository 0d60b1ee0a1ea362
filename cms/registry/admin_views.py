"""Wagtail snippet views that put the SHACL gate in front of publishing.

A refused publish shows each violation on the form field it belongs to, in the editor's
language. On create, nothing is written; on edit, the draft revision is kept (it is the
editor's work) while the live version and the graph stay as they were."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.snippets.views import snippets

from graph.mapping import field_for_result
from graph.stores.base import StoreError

from .gate_messages import place_issues, shape_language, warning_text
from .records import record_for
from .services import PublishRefused, entity_project, entity_publish_gate

log = logging.getLogger(__name__)


def _language() -> str:
    return (get_language() or "lt")[:2]


class GateMixin:
    """Runs the gate before publishing and turns a refusal into field errors."""

    def _gate_or_refuse(self):
        obj = self.new_revision.as_object()
        result = entity_publish_gate(obj=obj)  # raises PublishRefused
        if result.warnings:
            messages.warning(self.request, warning_text(result, _language()))
        return result

    def _show_refusal(self, refused: PublishRefused):
        projection = entity_project(obj=refused.obj)
        record = record_for(refused.obj)
        mapping = type(refused.obj).rdf_mapping
        place_issues(
            form=self.form,
            issues=refused.result.violations,
            locate=lambda issue: field_for_result(
                mapping,
                entity_uri=projection.uri,
                focus_node=issue.focus_node,
                path=issue.path,
                lang=shape_language(issue.source_shape),
                record=record,
            ),
            lang=_language(),
        )
        self.produced_error_message = _(
            "Not published: the entity does not satisfy the registry rules. See the fields marked below."
        )
        return self.form_invalid(self.form)

    def _show_store_down(self, exc: StoreError):
        """The rules need the graph (referenced entities, vocabularies): without it, no publish."""
        log.warning("publish gate could not reach the graph store: %s", exc)
        self.produced_error_message = _(
            "Not published: the knowledge graph cannot be reached, so the registry rules cannot be "
            "checked. Nothing was published; try again in a few minutes."
        )
        if self.view_name != "create":
            messages.info(self.request, _("Your changes were saved as a draft."))
        return self.form_invalid(self.form)

    def publish_action(self):
        try:
            self._gate_or_refuse()
            return super().publish_action()
        except PublishRefused as refused:
            if self.view_name != "create":
                messages.info(self.request, _("Your changes were saved as a draft."))
            return self._show_refusal(refused)
        except StoreError as exc:
            return self._show_store_down(exc)

    def form_valid(self, form):
        if self.view_name == "create" and self.action == "publish":
            return self._create_and_publish(form)
        return super().form_valid(form)

    def _create_and_publish(self, form):
        """Create + publish in one transaction, so a refused publish leaves no row behind."""
        self.form = form
        try:
            with transaction.atomic():
                self.object = self.save_instance()
                self._gate_or_refuse()
                response = super().publish_action()
        except (PublishRefused, StoreError) as refused:
            form.instance.pk = None
            form.instance.id = None
            self.object = None
            if isinstance(refused, StoreError):
                return self._show_store_down(refused)
            return self._show_refusal(refused)
        if response is not None:
            return response
        response = self.save_action()
        return self.run_after_hook() or response


class RegistryCreateView(GateMixin, snippets.CreateView):
    pass


class RegistryEditView(GateMixin, snippets.EditView):
    pass


class RegistryWorkflowActionView(snippets.WorkflowActionView):
    """Approving a workflow publishes; a refused publish must not half-approve it."""

    def post(self, request, *args, **kwargs):
        try:
            with transaction.atomic():
                return super().post(request, *args, **kwargs)
        except StoreError:
            messages.error(request, _(
                "Not published: the knowledge graph cannot be reached, so the registry rules cannot be "
                "checked. Nothing was published; try again in a few minutes."))
            return redirect(self.redirect_url)
        except PublishRefused as refused:
            lang = _language()
            text = "; ".join(issue.message(lang) for issue in refused.result.violations)
            messages.error(request, _("Not published: %(errors)s") % {"errors": text})
            return redirect(self.redirect_url)
