from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "cms.committees"
    label = "cms_committees"
    verbose_name = _("Sectoral professional committees")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (grants a new committee's editorial rights)
