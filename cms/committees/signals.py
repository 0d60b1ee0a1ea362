"""A committee page (or its translation) gets its coordinators group, collection and
workflow as soon as it is published, so nobody has to rerun setup_cms for a new SPK."""

from __future__ import annotations

from wagtail.signals import page_published

from .models import CommitteePage


def grant_committee_editorial(sender, instance, **kwargs):
    from cms.site.editorial import ensure_committee_editorial

    ensure_committee_editorial(instance)


page_published.connect(grant_committee_editorial, sender=CommitteePage, dispatch_uid="cms_committees_editorial")
