from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpkAssessorsConfig(AppConfig):
    name = "cms.spk.assessors"
    label = "spk_assessors"
    verbose_name = _("Assessor bank")

    def ready(self) -> None:
        from cms.spk.dashboard import register_section

        from .sections import dashboard_section

        register_section("assessors", "spk_assessors/dashboard_section.html", dashboard_section, order=80)
