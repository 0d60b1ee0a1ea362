"""The members' area speaks the member's language and answers refusals as a page, not a
redirect: a member opening another committee's material gets a plain 403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import translation

PREFIX = "/members/"


class MembersAreaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(PREFIX):
            language = self.language_for(request)
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)

    @staticmethod
    def language_for(request) -> str | None:
        asked = request.GET.get("lang")
        if asked in ("lt", "en"):
            return asked
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            member = getattr(user, "spk_member", None)
            if member is not None:
                return member.preferred_language
        return None

    def process_exception(self, request, exception):
        if request.path.startswith(PREFIX) and isinstance(exception, PermissionDenied):
            return render(request, "spk/403.html", {"reason": str(exception)}, status=403)
        return None
