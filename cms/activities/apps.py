from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "cms.activities"
    label = "cms_activities"
    verbose_name = _("Activity areas")
