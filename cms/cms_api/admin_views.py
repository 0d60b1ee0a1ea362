"""Admin: mint a preview token for the newest revision of a page the user may edit."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.site.admin_access import forbidden_response

from .tokens import expires_at, mint_preview_token


def preview_token_view(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        return forbidden_response(request)  # another committee's page: 403, not a redirect
    revision = page.get_latest_revision()
    if revision is None:
        return JsonResponse({"message": _("Save a draft of this page first.")}, status=404)
    token = mint_preview_token(page.pk, revision.pk)
    url = reverse("cms_api:preview:preview") + "?" + urlencode({"token": token})
    response = JsonResponse(
        {
            "page": page.pk,
            "revision": revision.pk,
            "token": token,
            "preview_url": request.build_absolute_uri(url),
            "expires_at": expires_at(token).isoformat(),
        }
    )
    response["Cache-Control"] = "private, no-store"
    return response
