from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "cms.registry"
    label = "registry"
    verbose_name = _("Qualifications registry")

    def ready(self) -> None:
        from . import checks, signals  # noqa: F401  (registers checks and signal handlers)
