from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpkConsultationsConfig(AppConfig):
    name = "cms.spk.consultations"
    label = "spk_consultations"
    verbose_name = _("Consultations on drafts")

    def ready(self) -> None:
        from cms.spk import dashboard, feeds

        from .integration import dashboard_section, feed_source

        dashboard.register_section("consultations", "spk_consultations/dashboard_section.html",
                                   dashboard_section, order=30)
        feeds.register_source("consultations", feed_source)
