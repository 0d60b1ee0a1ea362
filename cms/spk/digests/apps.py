from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpkDigestsConfig(AppConfig):
    name = "cms.spk.digests"
    label = "spk_digests"
    verbose_name = _("News digests")

    def ready(self) -> None:
        from cms.spk import dashboard, feeds

        from .dashboard import digest_section, news_section
        from .news import news_items

        feeds.register_source("news", news_items)
        dashboard.register_section("news", "spk_digests/news_section.html", news_section, order=20)
        dashboard.register_section("digests", "spk_digests/section.html", digest_section, order=90)
