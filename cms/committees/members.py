"""The hook for the SPK member list on a committee page.

TODO(issue 7): the SPK member data model (members, their organisations and roles, terms, and
their consent to being named publicly) belongs to issue 7. When it lands, return here the
members that may be shown publicly, e.g. [{"name": ..., "organisation": ..., "role": ...}].
Until then a committee page names only its chair and coordinator (plain fields on the page)
and lists no members: member data is private and must not reach the API by accident."""

from __future__ import annotations

from typing import Any


def committee_members(page) -> list[dict[str, Any]]:
    return []
