"""Date-time input the members' area accepts: a sane calendar range, so a typo such as year 1
or 9999 is a form error instead of an overflow when the Vilnius time is converted to UTC."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST_YEAR = 2000
LATEST_YEAR = 2100


def check_plausible_datetime(value: datetime.datetime | None) -> None:
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            _("Enter a date between the years %(earliest)d and %(latest)d."),
            code="out_of_range", params={"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
        )
