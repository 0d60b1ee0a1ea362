"""GET /api/cms/v2/preview/?token=… — a draft revision, serialised exactly like the pages
endpoint's detail view, for the front end's preview pane."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext as _
from rest_framework.response import Response
from wagtail.models import Page

from .pages import CmsPagesAPIViewSet
from .tokens import PreviewTokenError, expires_at, read_preview_token


class PreviewAPIViewSet(CmsPagesAPIViewSet):
    def preview_view(self, request):
        token = request.GET.get("token")
        try:
            page_id, revision_id = read_preview_token(token)
        except PreviewTokenError as error:
            return Response({"message": error.message}, status=error.status)
        page = Page.objects.filter(pk=page_id).first()
        revision = page.revisions.filter(pk=revision_id).first() if page else None
        if revision is None:
            return Response({"message": _("The previewed page or draft no longer exists.")}, status=404)

        self._preview_object = revision.as_object()
        data = self.get_serializer(self._preview_object).data
        latest = page.get_latest_revision()
        data["meta"]["preview"] = {
            "revision_id": revision.pk,
            "created_at": revision.created_at.isoformat(),
            "latest_revision_id": latest.pk if latest else None,
            "is_latest": latest is not None and latest.pk == revision.pk,
            "live": page.live,
            "expires_at": expires_at(token).isoformat(),
        }
        return Response(data)

    def finalize_response(self, request, response, *args, **kwargs):
        # Every answer, refusals and 400s included: a shared cache must never keep a draft
        # (or serve a stale refusal for a token that is valid).
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response

    def get_object(self):
        return self._preview_object

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "preview_view"}), name="preview")]
