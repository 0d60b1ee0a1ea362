from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpkConfig(AppConfig):
    name = "cms.spk"
    label = "spk"
    verbose_name = _("SPK platform")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import signals  # noqa: F401  (member accounts follow member records)
        from .staff import ensure_staff_group

        # Any app's migrate, not only ours: the permissions it needs (ours, wagtailadmin's) are
        # created by other apps' post_migrate handlers, which may run after ours.
        post_migrate.connect(ensure_staff_group, dispatch_uid="spk_staff_group")
