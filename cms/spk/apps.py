from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpkConfig(AppConfig):
    name = "cms.spk"
    label = "spk"
    verbose_name = _("SPK platform")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (member accounts follow member records)
