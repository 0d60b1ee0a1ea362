"""Sectoral professional committee (SPK) pages and their meetings."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField

from cms.registry.models import OccupationalStandard, Qualification, VetProgramme
from cms.site.api_fields import (
    CleanRichTextField,
    DocumentField,
    PlainField,
    RegistryRefField,
    RegistryRefListField,
)
from cms.site.base import ContentPage
from cms.site.blocks import FEATURES, DocumentsBlock

from .members import committee_members


class CommitteePage(ContentPage):
    sector = models.ForeignKey(
        "registry.Sector",
        verbose_name=_("sector"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"live": True},
    )
    chair_name = models.CharField(_("chair"), max_length=255, blank=True)
    coordinator_name = models.CharField(
        _("KPMPC coordinator"), max_length=255, blank=True,
        help_text=_("The KPMPC staff member who organises the committee's meetings."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    parent_page_types = ["cms_site.SectionPage"]
    subpage_types = [
        "cms_committees.MeetingPage",
        "cms_news.NewsPage",
        "cms_news.EventPage",
        "cms_site.InformationPage",
        "cms_publications.PublicationPage",
    ]
    content_panels = [
        *ContentPage.content_panels[:1],
        MultiFieldPanel(
            [
                FieldPanel("sector"),
                FieldRowPanel([FieldPanel("chair_name"), FieldPanel("coordinator_name")]),
                FieldPanel("contact_email"),
            ],
            heading=_("Committee"),
        ),
        *ContentPage.content_panels[1:],
    ]
    api_fields = [
        APIField("sector", serializer=RegistryRefField()),
        APIField("chair_name"),
        APIField("coordinator_name"),
        APIField("contact_email"),
        APIField("members", serializer=PlainField()),
        *ContentPage.api_fields,
        APIField("standards", serializer=RegistryRefListField()),
        APIField("qualifications", serializer=RegistryRefListField()),
        APIField("programmes", serializer=RegistryRefListField()),
    ]

    class Meta:
        verbose_name = _("sectoral professional committee")
        verbose_name_plural = _("sectoral professional committees")

    # Pulled live from the registry: published entities of the committee's sector only.
    @property
    def members(self):
        return committee_members(self)

    @property
    def standards(self):
        return OccupationalStandard.objects.filter(sector_id=self.sector_id, live=True).order_by("code")

    @property
    def qualifications(self):
        return Qualification.objects.filter(sectors=self.sector_id, live=True).distinct().order_by("code")

    @property
    def programmes(self):
        return (
            VetProgramme.objects.filter(qualification__sectors=self.sector_id, live=True)
            .distinct()
            .order_by("code")
        )


class MeetingPage(ContentPage):
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    agenda = RichTextField(_("agenda"), features=FEATURES, blank=True)
    materials = StreamField(DocumentsBlock(), verbose_name=_("meeting materials"), blank=True)
    minutes = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("minutes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decisions = RichTextField(_("decisions"), features=FEATURES, blank=True)

    parent_page_types = ["cms_committees.CommitteePage"]
    subpage_types: list[str] = []
    content_panels = [
        *ContentPage.content_panels[:1],
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("place")]),
        FieldPanel("agenda"),
        FieldPanel("materials"),
        FieldPanel("minutes"),
        FieldPanel("decisions"),
        *ContentPage.content_panels[1:],
    ]
    api_fields = [
        APIField("starts_at"),
        APIField("place"),
        APIField("agenda", serializer=CleanRichTextField(FEATURES)),
        APIField("materials"),
        APIField("minutes", serializer=DocumentField()),
        APIField("decisions", serializer=CleanRichTextField(FEATURES)),
        *ContentPage.api_fields,
    ]

    class Meta:
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
