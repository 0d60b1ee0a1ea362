"""Which language the API answers in: ``?lang=`` first, then ``Accept-Language``, then Lithuanian.

An explicit ``lang`` the API does not speak is a client error (400 naming ``lang``), because
the caller asked for something specific. ``Accept-Language`` is only a preference that browsers
send with many languages, so an unsupported one falls back to Lithuanian, the register's
language, as HTTP content negotiation allows.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework.exceptions import ValidationError

LANGUAGES: tuple[str, ...] = ("lt", "en")
DEFAULT_LANGUAGE = "lt"


def requested_language(request) -> str:
    """The response language for a DRF ``request`` (raises ValidationError for a bad ``lang``)."""
    value = request.query_params.get("lang")
    if value is not None and value.strip():
        code = value.strip().lower()
        if code not in LANGUAGES:
            raise ValidationError(
                {
                    "lang": [
                        _("Unsupported language “%(lang)s”; use one of: %(choices)s.")
                        % {"lang": value[:20], "choices": ", ".join(LANGUAGES)}
                    ]
                }
            )
        return code
    for tag, _quality in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
        primary = tag.split("-")[0].lower()
        if primary in LANGUAGES:
            return primary
    return DEFAULT_LANGUAGE


def localised(values: dict[str, str | None], lang: str) -> str | None:
    """The value in ``lang``, else the Lithuanian one (always present for names)."""
    return values.get(lang) or values.get(DEFAULT_LANGUAGE)
