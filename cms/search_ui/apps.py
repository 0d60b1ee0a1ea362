from django.apps import AppConfig


class SearchUiConfig(AppConfig):
    name = "cms.search_ui"
    label = "search_ui"  # not "search": that is the library package and wagtail.search's label
    verbose_name = "Search"

    def ready(self):
        from cms.registry.outbox import AFTER_GRAPH_SYNC

        from .indexing import index_after_sync

        if index_after_sync not in AFTER_GRAPH_SYNC:  # ready() may run twice (tests, reloads)
            AFTER_GRAPH_SYNC.append(index_after_sync)
