"""Preview tokens: a signed, expiring pointer at one revision of one page.

TimestampSigner (Django's signing, keyed by SECRET_KEY) so nothing is stored: the token is
the page id and revision id plus a timestamp and an HMAC. Tampering breaks the signature;
age is checked against CMS_PREVIEW_TOKEN_MAX_AGE."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _

SALT = "cms.cms_api.preview"


class PreviewTokenError(Exception):
    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.message = message
        self.status = status


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def max_age() -> int:
    return settings.CMS_PREVIEW_TOKEN_MAX_AGE


def mint_preview_token(page_id: int, revision_id: int) -> str:
    return _signer().sign_object({"page": page_id, "revision": revision_id})


def issued_at(token: str) -> datetime:
    """When a (verified) token was minted: the base62 timestamp between its two colons."""
    return datetime.fromtimestamp(signing.b62_decode(token.rsplit(":", 2)[1]), tz=UTC)


def expires_at(token: str) -> datetime:
    return issued_at(token) + timedelta(seconds=max_age())


def read_preview_token(token: str | None) -> tuple[int, int]:
    """(page id, revision id), or PreviewTokenError with a message and an HTTP status."""
    if not token:
        raise PreviewTokenError(_("A preview token is required: ?token=…"), 400)
    try:
        data = _signer().unsign_object(token, max_age=max_age())
    except signing.SignatureExpired as error:
        raise PreviewTokenError(
            _("This preview link has expired. Open the page in the admin for a new one."), 403
        ) from error
    except (signing.BadSignature, ValueError) as error:
        raise PreviewTokenError(_("This preview token is not valid (changed or incomplete)."), 403) from error
    if not isinstance(data, dict) or not all(isinstance(data.get(k), int) for k in ("page", "revision")):
        raise PreviewTokenError(_("This preview token is not valid (changed or incomplete)."), 403)
    return data["page"], data["revision"]
