"""Create what the editorial CMS needs; safe to run any number of times."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from ...editorial import setup_cms


class Command(BaseCommand):
    help = (
        "Set up the editorial CMS: locales lt/en, the LT home page (site root) and its EN "
        "translation, moderator/editor groups, one coordinators group, documents collection and "
        "review workflow per SPK committee page. Idempotent."
    )

    def handle(self, *args, **options):
        counts = setup_cms()
        self.stdout.write(
            self.style.SUCCESS(
                "Editorial CMS ready: {locales} locales, {groups} site groups, {committees} committee pages.".format(
                    **counts
                )
            )
        )
