from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkedDataConfig(AppConfig):
    name = "cms.linked_data"
    label = "linked_data"
    verbose_name = _("Linked data")
