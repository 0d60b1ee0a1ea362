"""The outbox in the Wagtail admin: pending and failed events with their error, and a retry.

Events are written by the pipeline only: the admin lists and inspects them (view permission)
and puts failed ones back in the queue (change permission); nobody adds, edits or deletes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton, ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models.outbox import OutboxEvent
from .outbox import retry_events


class OutboxPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action not in ("view", "change"):  # no add, delete or copy: the pipeline owns rows
            return False
        return super().user_has_permission(user, action)


class StatusColumn(StatusTagColumn):
    def get_primary(self, instance):
        return instance.status == OutboxEvent.DONE


class OutboxIndexView(generic.IndexView):
    retry_url_name = ""
    retry_failed_url_name = ""

    def get_edit_url(self, instance):
        return None

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if instance.status != OutboxEvent.DONE and self.user_has_permission("change"):
            url = reverse(self.retry_url_name, args=[instance.pk])
            buttons.insert(0, ListingButton(_("Retry"), url=url, icon_name="resubmit", priority=5))
        return buttons

    @property
    def header_buttons(self):
        if not self.user_has_permission("change"):
            return []
        return [HeaderButton(_("Retry all failed"), url=reverse(self.retry_failed_url_name), icon_name="resubmit")]


class RetryView(View):
    """GET asks for confirmation; POST puts the event(s) back in the queue."""

    permission_policy = None
    index_url_name = ""
    template_name = "registry/outbox_retry.html"

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def events(self, pk=None):
        if pk is not None:
            return [get_object_or_404(OutboxEvent, pk=pk)]
        return list(OutboxEvent.objects.filter(status=OutboxEvent.FAILED).order_by("id")[:500])

    def get(self, request, pk=None):
        return TemplateResponse(request, self.template_name, {
            "events": self.events(pk), "index_url": reverse(self.index_url_name),
            "page_title": _("Retry outbox events"),
        })

    def post(self, request, pk=None):
        with transaction.atomic():
            count = retry_events([e.pk for e in self.events(pk)])
        messages.success(request, ngettext(
            "%(n)d event queued again.", "%(n)d events queued again.", count) % {"n": count})
        return redirect(self.index_url_name)


class OutboxViewSet(ModelViewSet):
    model = OutboxEvent
    icon = "resubmit"
    menu_label = gettext_lazy("Graph sync queue")
    menu_order = 900
    add_to_admin_menu = True
    index_view_class = OutboxIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["status", "action", "type_slug"]
    search_fields = ["code", "entity_key", "last_error"]
    ordering = ["-id"]
    inspect_view_fields = ["entity_key", "action", "status", "attempts", "last_error",
                           "created_at", "touched_at", "applied_at"]
    list_display = [
        "entity_key",  # first: the title column, which carries the row's buttons
        Column("id", label="#"),
        "action",
        StatusColumn("status", label=gettext_lazy("status")),
        "attempts",
        Column("last_error", label=gettext_lazy("last error")),
        "created_at",
        "applied_at",
    ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            **kwargs) | {"retry_url_name": self.get_url_name("retry"),
                         "retry_failed_url_name": self.get_url_name("retry_failed")}

    def retry_view(self):
        return RetryView.as_view(permission_policy=self.permission_policy,
                                 index_url_name=self.get_url_name("index"))

    def get_urlpatterns(self):
        # Only the read views and retry: no add, edit, delete, copy or history.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("retry/<int:pk>/", self.retry_view(), name="retry"),
            path("retry-failed/", self.retry_view(), name="retry_failed"),
        ]


register_permission_policy(OutboxEvent, OutboxPermissionPolicy(OutboxEvent))
