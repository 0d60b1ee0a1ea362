"""KPMPC staff keep committees and member records in the Wagtail admin (menu "SPK").
Members never see the admin: their space is /members/."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import Committee, Member


class CommitteeViewSet(ModelViewSet):
    model = Committee
    icon = "group"
    menu_label = _("Committees")
    list_display = ["name_lt", "kind", "sector"]
    list_filter = ["kind"]
    search_fields = ["name_lt", "name_en"]
    form_fields = ["kind", "sector", "name_lt", "name_en", "coordinators"]


class MemberViewSet(ModelViewSet):
    model = Member
    icon = "user"
    menu_label = _("Members")
    list_display = ["last_name", "first_name", "organisation", "email"]
    list_filter = ["memberships__committee", "memberships__role"]
    search_fields = ["first_name", "last_name", "organisation", "email"]


class SpkGroup(ModelViewSetGroup):
    menu_label = _("SPK")
    menu_icon = "group"
    menu_order = 250
    items = (CommitteeViewSet("spk_committees"), MemberViewSet("spk_members"))


@hooks.register("register_admin_viewset")
def register_spk_viewsets():
    return SpkGroup()
