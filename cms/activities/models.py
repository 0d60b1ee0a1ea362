"""KPMPC's areas of activity (kpmpc-activities), each with its sub-activities."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField

from cms.site.base import ContentPage
from cms.site.blocks import INTRO_FEATURES, CleanRichTextBlock


class SubActivityBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=400, label=_("Title"))
    description = CleanRichTextBlock(features=INTRO_FEATURES, required=False, label=_("Description"))

    class Meta:
        icon = "list-ul"
        label = _("Sub-activity")


class ActivityAreaPage(ContentPage):
    number = models.PositiveSmallIntegerField(_("number"), default=1, help_text=_("Order among the areas."))
    sub_activities = StreamField(
        [("activity", SubActivityBlock())], verbose_name=_("sub-activities"), blank=True
    )

    parent_page_types = ["cms_site.SectionPage"]
    subpage_types = ["cms_site.InformationPage", "cms_publications.PublicationPage"]
    content_panels = [
        *ContentPage.content_panels[:1],
        FieldPanel("number"),
        *ContentPage.content_panels[1:2],
        FieldPanel("sub_activities"),
        *ContentPage.content_panels[2:],
    ]
    api_fields = [APIField("number"), *ContentPage.api_fields[:1], APIField("sub_activities"),
                  *ContentPage.api_fields[1:]]

    class Meta:
        verbose_name = _("activity area")
        verbose_name_plural = _("activity areas")
