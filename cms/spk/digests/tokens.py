"""Unsubscribe links carry a signed member id, so they work without logging in."""

from __future__ import annotations

import datetime

from django.core import signing

from cms.spk.models import Member

SALT = "cms.spk.digests.unsubscribe"
MAX_AGE = datetime.timedelta(days=365)  # links in year-old e-mails still work


class InvalidToken(Exception):
    def __init__(self, expired: bool = False) -> None:
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def unsubscribe_token(member: Member) -> str:
    return signing.dumps({"member": member.pk}, salt=SALT, compress=True)


def member_for_token(token: str) -> Member:
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired as exc:
        raise InvalidToken(expired=True) from exc
    except signing.BadSignature as exc:
        raise InvalidToken() from exc
    member = Member.objects.filter(pk=data.get("member") if isinstance(data, dict) else None).first()
    if member is None:
        raise InvalidToken()
    return member
