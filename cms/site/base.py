"""What every editorial page shares: an introduction, a StreamField body, API fields, search."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .api_fields import CleanRichTextField
from .blocks import INTRO_FEATURES, BodyBlock
from .forms import ContentPageForm

# Page types that may sit in a generic section (strings: the apps import this module).
CONTENT_PAGE_TYPES = [
    "cms_site.SectionPage",
    "cms_site.InformationPage",
    "cms_news.NewsPage",
    "cms_news.EventPage",
    "cms_activities.ActivityAreaPage",
    "cms_committees.CommitteePage",
    "cms_publications.PublicationPage",
]


class ContentPage(Page):
    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    base_form_class = ContentPageForm  # unreadable editor data: a form error, not a 500
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro", serializer=CleanRichTextField(INTRO_FEATURES)), APIField("body")]

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        # Headless: the front end renders pages; this plain template serves admin previews.
        return "cms_site/page.html"
