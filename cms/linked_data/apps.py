from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkedDataConfig(AppConfig):
    name = "cms.linked_data"
    label = "linked_data"
    verbose_name = _("Linked data")

    def ready(self) -> None:
        from cms.registry.events import graph_changed

        from .dumps import schedule_dump_refresh

        def refresh_dumps_after_change(sender, entity_keys, **kwargs):
            schedule_dump_refresh()

        # weak=False: the receiver is a local function that must outlive ready().
        graph_changed.connect(refresh_dumps_after_change, weak=False, dispatch_uid="linked-data-dumps")
