from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpkInitiativesConfig(AppConfig):
    name = "cms.spk.initiatives"
    label = "spk_initiatives"
    verbose_name = _("Initiatives and priorities")

    def ready(self) -> None:
        from cms.spk import dashboard, feeds

        from .digest import initiative_events
        from .sections import initiatives_section, priorities_section

        dashboard.register_section("initiatives", "spk_initiatives/section_initiatives.html",
                                   initiatives_section, order=40)
        dashboard.register_section("priorities", "spk_initiatives/section_priorities.html",
                                   priorities_section, order=45)
        feeds.register_source("initiatives", initiative_events)
