from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpkMeetingsConfig(AppConfig):
    name = "cms.spk.meetings"
    label = "spk_meetings"
    verbose_name = _("Committee meetings")

    def ready(self) -> None:
        from cms.spk import dashboard, feeds

        from . import signals  # noqa: F401  (newcomers are invited to upcoming meetings)
        from .digest import meeting_items
        from .sections import upcoming_meetings

        dashboard.register_section("meetings", "spk_meetings/section.html", upcoming_meetings, order=10)
        feeds.register_source("meetings", meeting_items)
