from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "cms.site"
    label = "cms_site"
    verbose_name = _("Website pages")

    def ready(self) -> None:
        from cms.registry.services import EXTRA_SYNCERS

        from . import graph_link  # noqa: F401 - connects the page signals

        EXTRA_SYNCERS["page"] = graph_link.sync_page
