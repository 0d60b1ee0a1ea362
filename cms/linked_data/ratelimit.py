"""A per-client fixed-window rate limit on Django's cache (public endpoints such as /sparql).

Counters live in the ``default`` cache: with Django's local-memory default each process counts
on its own (a limit per process), so production should point ``CACHES`` at a shared cache
(Redis) for one limit per client across processes. The client is ``REMOTE_ADDR``, or, only
when a trusted proxy header is configured, the rightmost address of that header: the one our
own proxy appended (addresses further left were sent by the client and can be forged).
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

__all__ = ["Rate", "client_address", "hit", "parse_rate"]

_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*(s|sec|second|m|min|minute|h|hour|d|day)s?\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_UNSAFE = re.compile(r"[^0-9A-Za-z.:_-]")  # a forwarded header is client text: keep cache keys clean


@dataclass(frozen=True)
class Rate:
    requests: int
    seconds: int


def parse_rate(text: str | None) -> Rate | None:
    """``"60/min"``, ``"1000/hour"``, ``"10/5s"`` → :class:`Rate`; empty, ``"0"`` or ``None`` → no limit."""
    if text is None or str(text).strip() in ("", "0", "none", "off"):
        return None
    match = _RATE.match(str(text))
    if not match:
        raise ImproperlyConfigured(f"Invalid rate {text!r}: use e.g. '60/min', '1000/hour' or '10/5s'")
    count, multiplier, unit = int(match.group(1)), int(match.group(2) or 1), match.group(3)[0].lower()
    if count < 1 or multiplier < 1:
        return None
    return Rate(count, multiplier * _UNIT_SECONDS[unit])


def client_address(request: HttpRequest, proxy_header: str | None = None) -> str:
    """The client's address: ``REMOTE_ADDR``, or the last entry of ``proxy_header`` if configured."""
    if proxy_header:
        key = proxy_header.upper().replace("-", "_")
        key = key if key.startswith("HTTP_") else f"HTTP_{key}"
        forwarded = [part.strip() for part in request.META.get(key, "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(scope: str, client: str, rate: Rate | None) -> int | None:
    """Count one request of ``client``; return the seconds to wait when over ``rate``, else None."""
    if rate is None:
        return None
    now = time.time()
    window = int(now // rate.seconds)
    key = f"ratelimit:{scope}:{_UNSAFE.sub('_', client)[:64]}:{window}"
    # add() then incr(): atomic on Redis and in the local-memory cache.
    cache.add(key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=rate.seconds + 1)
        count = 1
    if count <= rate.requests:
        return None
    return max(1, math.ceil((window + 1) * rate.seconds - now))
