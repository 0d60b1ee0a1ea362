"""Publications and research reports (e.g. qualification-needs forecasts)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField

from cms.site.api_fields import DocumentField
from cms.site.base import ContentPage

KIND_CHOICES = [
    ("research", _("research report")),
    ("analysis", _("analysis or review")),
    ("methodology", _("methodological material")),
    ("guide", _("guide")),
]


class PublicationPage(ContentPage):
    published_on = models.DateField(_("published on"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=KIND_CHOICES, default="research")
    authors = models.CharField(_("authors"), max_length=400, blank=True)
    file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = [
        "cms_site.SectionPage",
        "cms_activities.ActivityAreaPage",
        "cms_committees.CommitteePage",
    ]
    subpage_types: list[str] = []
    content_panels = [
        *ContentPage.content_panels[:1],
        FieldRowPanel([FieldPanel("published_on"), FieldPanel("kind")]),
        FieldPanel("authors"),
        FieldPanel("file"),
        *ContentPage.content_panels[1:],
    ]
    api_fields = [
        APIField("published_on"),
        APIField("kind"),
        APIField("authors"),
        APIField("file", serializer=DocumentField()),
        *ContentPage.api_fields,
    ]

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
