from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "cms.site"
    label = "cms_site"
    verbose_name = _("Website pages")
