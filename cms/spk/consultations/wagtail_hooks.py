"""Registry editors see the SPK's conclusions where they work: a read-only "Consultations" listing
in the Wagtail admin (filter by entity code) and entries in the draft's own history."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.spk import roles

from .models import VERDICT_CHOICES, Consultation
from .services import ACTION_CLOSED, ACTION_OPENED

REGISTRY_EDITOR_PERMISSIONS = ("registry.change_occupationalstandard", "registry.change_vetprogramme")


class ReadOnlyConsultationPolicy(ModelPermissionPolicy):
    """Consultations change only through the members' area (its rules: deadline, roles).
    In the admin, KPMPC staff and registry editors read them."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        if not (user.is_authenticated and user.is_active):
            return False
        return (super().user_has_permission(user, action) or roles.is_staff(user)
                or any(user.has_perm(perm) for perm in REGISTRY_EDITOR_PERMISSIONS))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Consultation, ReadOnlyConsultationPolicy(Consultation))


class ConsultationFilterSet(WagtailFilterSet):
    entity_code = django_filters.CharFilter(label=gettext_lazy("Standard or programme code"),
                                            method="filter_entity_code")

    class Meta:
        model = Consultation
        fields = ["entity_code", "status", "conclusion", "committee"]

    def filter_entity_code(self, queryset, name, value):
        return queryset.for_entity_code(value.strip()) if value.strip() else queryset


class ConsultationViewSet(ModelViewSet):
    model = Consultation
    icon = "comment"
    menu_label = gettext_lazy("SPK consultations")
    add_to_admin_menu = True
    menu_order = 260
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["entity_code", "title", "committee", "status", "deadline", "conclusion", "closed_at"]
    inspect_view_fields = ["committee", "standard", "programme", "title", "deadline", "status", "opened_at",
                           "closed_at", "conclusion", "conclusion_text"]
    filterset_class = ConsultationFilterSet
    search_fields = ["title", "standard__code", "programme__code"]
    form_fields = ["title"]  # unused: the policy allows no add or edit


@hooks.register("register_admin_viewset")
def register_consultation_viewset():
    return ConsultationViewSet("spk_consultations")


def _verdict_label(value: str) -> str:
    return str(dict(VERDICT_CHOICES).get(value, value))


class ConsultationOpenedFormatter(LogFormatter):
    label = gettext_lazy("SPK consultation opened")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("Opened for evaluation to SPK %(committee)s until %(deadline)s: %(title)s") % {
            "committee": data.get("committee", ""), "deadline": data.get("deadline", "")[:16].replace("T", " "),
            "title": data.get("title", "")}


class ConsultationClosedFormatter(LogFormatter):
    label = gettext_lazy("SPK consultation closed")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("SPK %(committee)s concluded: %(conclusion)s. %(text)s") % {
            "committee": data.get("committee", ""), "conclusion": _verdict_label(data.get("conclusion", "")),
            "text": data.get("conclusion_text", "")}

    def format_comment(self, log_entry):
        counts = (log_entry.data or {}).get("counts") or {}
        return ", ".join(f"{_verdict_label(value)}: {count}" for value, count in counts.items())


@hooks.register("register_log_actions")
def register_consultation_actions(actions):
    actions.register_action(ACTION_OPENED)(ConsultationOpenedFormatter)
    actions.register_action(ACTION_CLOSED)(ConsultationClosedFormatter)
