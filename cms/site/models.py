"""Home, section (index) and information pages."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField

from .base import CONTENT_PAGE_TYPES, ContentPage


class HomePage(ContentPage):
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms_site.SectionPage", "cms_site.InformationPage"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class SectionPage(ContentPage):
    """An index: news, activity areas, committees, publications, information for SPK members."""

    parent_page_types = ["cms_site.HomePage", "cms_site.SectionPage"]
    subpage_types = CONTENT_PAGE_TYPES

    class Meta:
        verbose_name = _("section page")
        verbose_name_plural = _("section pages")


TOPIC_CHOICES = [
    ("qualifications-system", _("How the qualifications system works")),
    ("ltks-levels", _("Assigning qualifications to LTKS levels")),
    ("vet-system", _("The education and VET system")),
    ("participation", _("How SPK members can take part")),
    ("other", _("Other")),
]


class InformationPage(ContentPage):
    """Information for SPK members (spk-recommendations: what to prepare and disseminate)."""

    topic = models.CharField(_("topic"), max_length=32, choices=TOPIC_CHOICES, default="other")

    parent_page_types = ["cms_site.HomePage", "cms_site.SectionPage", "cms_committees.CommitteePage"]
    subpage_types = ["cms_site.InformationPage"]
    content_panels = [*ContentPage.content_panels[:1], FieldPanel("topic"), *ContentPage.content_panels[1:]]
    api_fields = [APIField("topic"), *ContentPage.api_fields]

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")
