"""News articles and events, tagged with the sectors (SPK) they concern."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.site.api_fields import RegistryRefListField
from cms.site.base import ContentPage
from cms.site.blocks import RegistryReferencesBlock

PARENTS = ["cms_site.SectionPage", "cms_committees.CommitteePage"]


class SectorTag(Orderable):
    # related_name="+": the registry's own referrer scan walks reverse relations; pages are
    # reported to it through the reference index instead (cms.site.references).
    sector = models.ForeignKey(
        "registry.Sector",
        verbose_name=_("sector"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"live": True},
    )

    panels = [FieldPanel("sector")]

    class Meta(Orderable.Meta):
        abstract = True


class SectorTaggedPage(ContentPage):
    class Meta:
        abstract = True

    @property
    def sectors(self):
        return [tag.sector for tag in self.sector_tags.all()]


class NewsPage(SectorTaggedPage):
    date = models.DateField(_("date"), default=timezone.localdate)
    related_entities = StreamField(
        RegistryReferencesBlock(min_num=0, required=False),
        verbose_name=_("related qualifications, standards and programmes"),
        blank=True,
    )

    parent_page_types = PARENTS
    subpage_types: list[str] = []
    content_panels = [
        *ContentPage.content_panels[:1],
        FieldPanel("date"),
        *ContentPage.content_panels[1:],
        InlinePanel("sector_tags", label=_("sectors (SPK)")),
        FieldPanel("related_entities"),
    ]
    search_fields = [*ContentPage.search_fields, index.FilterField("date")]
    api_fields = [
        APIField("date"),
        *ContentPage.api_fields,
        APIField("sectors", serializer=RegistryRefListField()),
        APIField("related_entities"),
    ]

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        ordering = ["-date"]


class NewsSector(SectorTag):
    page = ParentalKey(NewsPage, related_name="sector_tags", on_delete=models.CASCADE)


class EventPage(SectorTaggedPage):
    """E.g. a vocational skills competition: when, where, how to register."""

    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)

    parent_page_types = PARENTS
    subpage_types: list[str] = []
    content_panels = [
        *ContentPage.content_panels[:1],
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("place"),
                FieldPanel("registration_url"),
            ],
            heading=_("When and where"),
        ),
        *ContentPage.content_panels[1:],
        InlinePanel("sector_tags", label=_("sectors (SPK)")),
    ]
    api_fields = [
        APIField("starts_at"),
        APIField("ends_at"),
        APIField("place"),
        APIField("registration_url"),
        *ContentPage.api_fields,
        APIField("sectors", serializer=RegistryRefListField()),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("An event cannot end before it starts.")})


class EventSector(SectorTag):
    page = ParentalKey(EventPage, related_name="sector_tags", on_delete=models.CASCADE)
