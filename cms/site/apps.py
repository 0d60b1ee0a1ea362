from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "cms.site"
    label = "cms_site"
    verbose_name = _("Website pages")

    def ready(self) -> None:
        from cms.registry.services import EXTRA_SYNCERS, REFERRER_FINDERS

        from . import graph_link  # noqa: F401 - connects the page signals
        from .references import pages_referencing

        EXTRA_SYNCERS["page"] = graph_link.sync_page
        if pages_referencing not in REFERRER_FINDERS:
            REFERRER_FINDERS.append(pages_referencing)
