"""Registry in the Wagtail admin: one snippet viewset per entity, grouped in a menu."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import RegistryCreateView, RegistryEditView, RegistryWorkflowActionView
from .models import (
    Module,
    OccupationalStandard,
    Qualification,
    QualificationUnit,
    RegistryEntity,
    Sector,
    VetProgramme,
)
from .services import all_referrers


def _publication() -> LiveStatusTagColumn:
    """The live/draft tag column (the registry's own "status" is valid/withdrawn)."""
    return LiveStatusTagColumn(label=gettext_lazy("Publication"))


class RegistryViewSet(SnippetViewSet):
    add_view_class = RegistryCreateView
    edit_view_class = RegistryEditView
    workflow_action_view_class = RegistryWorkflowActionView
    list_display = ["code", "name_lt", "name_en", _publication(), "updated_at"]
    list_export = ["code", "name_lt", "name_en", "live", "updated_at"]
    search_fields = ["code", "name_lt", "name_en"]
    ordering = ["code"]


class SectorViewSet(RegistryViewSet):
    model = Sector
    icon = "site"
    list_display = ["code", "name_lt", "nace_sections", _publication()]
    list_filter = ["live"]


class StandardViewSet(RegistryViewSet):
    model = OccupationalStandard
    icon = "doc-full"
    list_filter = ["sector", "status", "live"]


class UnitViewSet(RegistryViewSet):
    model = QualificationUnit
    icon = "list-ul"
    list_display = ["code", "name_lt", "ltks_level", "standard", _publication()]
    list_filter = ["standard__sector", "ltks_level", "live"]


class QualificationViewSet(RegistryViewSet):
    model = Qualification
    icon = "tasks"
    list_display = ["code", "name_lt", "ltks_level", "status", _publication(), "updated_at"]
    list_filter = ["sectors", "ltks_level", "status", "qualification_type", "live"]


class ModuleViewSet(RegistryViewSet):
    model = Module
    icon = "form"
    list_display = ["code", "name_lt", "ltks_level", "credits", _publication()]
    list_filter = ["ltks_level", "live"]


class ProgrammeViewSet(RegistryViewSet):
    model = VetProgramme
    icon = "folder-open-inverse"
    list_display = ["code", "name_lt", "kind", "ltks_level", "credits", _publication()]
    list_filter = ["qualification__sectors", "ltks_level", "kind", "live"]


class RegistryGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Registry")
    menu_icon = "folder-inverse"
    menu_order = 200
    items = (
        SectorViewSet,
        StandardViewSet,
        UnitViewSet,
        QualificationViewSet,
        ModuleViewSet,
        ProgrammeViewSet,
    )


register_snippet(RegistryGroup)


def _refuse_while_referenced(request, obj, message: str, *, include_drafts: bool = False):
    referrers = all_referrers(obj=obj, include_drafts=include_drafts)  # entities and pages
    if not referrers:
        return None
    names = ", ".join(str(r) for r in referrers[:10])
    more = len(referrers) - 10
    if more > 0:
        names += _(" and %(n)s more") % {"n": more}
    messages.error(request, message % {"obj": obj, "names": names})
    return redirect(AdminURLFinder(request.user).get_edit_url(obj) or "wagtailadmin_home")


@hooks.register("before_unpublish")
def refuse_unpublishing_referenced_entity(request, obj):
    if isinstance(obj, RegistryEntity):
        return _refuse_while_referenced(
            request, obj, _("Cannot unpublish “%(obj)s”: published entries still use it: %(names)s.")
        )
    return None


@hooks.register("before_delete_snippet")
def refuse_deleting_referenced_entity(request, instances):
    if request.method != "POST":
        return None
    for obj in instances:
        if isinstance(obj, RegistryEntity):
            response = _refuse_while_referenced(
                request,
                obj,
                _("Cannot delete “%(obj)s”: these entries still use it: %(names)s."),
                include_drafts=True,
            )
            if response is not None:
                return response
    return None


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    from .outbox_admin import OutboxViewSet

    return OutboxViewSet("outbox")
