"""Unauthenticated probes: they reveal component states and counts, never settings or data."""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .checks import run_checks


@never_cache
@require_safe
def healthz(request):
    """The process answers; nothing else is touched, so a slow dependency never restarts the web."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    """Every component this instance needs answers: 200, else 503 with the failing ones named."""
    components = run_checks()
    ready = all(result["status"] == "ok" for result in components.values())
    body = {"status": "ok" if ready else "fail", "components": components}
    return JsonResponse(body, status=200 if ready else 503)
