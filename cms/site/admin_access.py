"""A refused admin action on a page or file outside the user's area answers 403.

Wagtail turns a PermissionDenied inside its admin into a redirect to the dashboard with a
message (403 only for script requests). For the pages and files of another committee that hides
the refusal from the browser, its history and any client checking the status, so this
middleware checks the same permissions before the view runs and answers a literal 403 with an
explanation in the user's admin language (Lithuanian unless their profile says otherwise).

Only pages the user cannot edit at all (and files of collections they cannot change) are
caught here; finer refusals inside their own area (say, publishing without the right) keep
Wagtail's own handling. Views that would show another committee's draft titles are refused
too: the explorer of a page outside the user's explorable tree, bulk actions naming such a
page, moving a page into another committee's subtree, and the page types report (it names
the last edited page of every type).

A NUL in an admin URL's query string answers 400 before any view: Wagtail's bulk actions
(``?id=``) and page usage reports (``?locale=``) hand it to PostgreSQL, which refuses it in a
text comparison (a DataError: a 500). So does a bulk action's ``?id=`` or ``?childOf=`` that
is not an item number (Wagtail's int() raised a ValueError: a 500)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.admin.localization import get_localized_response
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.permissions import policy_registry

FORBIDDEN_TEMPLATE = "cms_site/admin_forbidden.html"

# Page admin views that change a page (or show its editor), and the kwarg naming the page.
PAGE_ACTIONS = {
    "edit": "page_id",
    "delete": "page_id",
    "unpublish": "page_id",
    "convert_alias": "page_id",
    "move": "page_to_move_id",
    "set_page_position": "page_to_move_id",
    "copy": "page_id",
    "set_privacy": "page_id",
    "lock": "page_id",
    "unlock": "page_id",
    "revisions_revert": "page_id",
    "revisions_unschedule": "page_id",
}
# Creating a page under a parent needs the right to add there, not to edit the parent.
PAGE_ADD_ACTIONS = {"add": "parent_page_id", "add_subpage": "parent_page_id"}
# (view name) → (model getter, kwarg naming the file, action)
FILE_ACTIONS = {
    "wagtaildocs:edit": (get_document_model, "document_id", "change"),
    "wagtaildocs:delete": (get_document_model, "document_id", "delete"),
    "wagtaildocs:edit_multiple": (get_document_model, "doc_id", "change"),
    "wagtaildocs:delete_multiple": (get_document_model, "doc_id", "delete"),
    "wagtailimages:edit": (get_image_model, "image_id", "change"),
    "wagtailimages:delete": (get_image_model, "image_id", "delete"),
}


def forbidden_response(request) -> TemplateResponse:
    """403 with the explanation page, rendered in the user's admin language."""

    def render(request):
        response = TemplateResponse(request, FORBIDDEN_TEMPLATE, {}, status=403)
        response["Cache-Control"] = "private, no-store"
        return response

    response = get_localized_response(render, request)
    return response.render() if hasattr(response, "render") else response


def _page_refused(view: str, user, kwargs) -> bool:
    if view in PAGE_ACTIONS:
        page = Page.objects.filter(pk=kwargs.get(PAGE_ACTIONS[view])).first()
        return page is not None and not page.permissions_for_user(user).can_edit()
    page = Page.objects.filter(pk=kwargs.get(PAGE_ADD_ACTIONS[view])).first()
    return page is not None and not page.permissions_for_user(user).can_add_subpage()


def _file_refused(view: str, user, kwargs) -> bool:
    get_model, kwarg, action = FILE_ACTIONS[view]
    model = get_model()
    instance = model.objects.filter(pk=kwargs.get(kwarg)).first()
    policy = policy_registry.get_by_type(model)
    return instance is not None and not policy.user_has_permission_for_instance(user, action, instance)


def _explore_refused(user, kwargs) -> bool:
    page_id = kwargs.get("parent_page_id")
    if page_id is None:
        return False  # the explorer's root: Wagtail redirects to the user's own area
    policy = policy_registry.get_by_type(Page)
    return Page.objects.filter(pk=page_id).exists() and not policy.explorable_instances(user).filter(pk=page_id).exists()


def _move_refused(user, kwargs) -> bool:
    page = Page.objects.filter(pk=kwargs.get("page_to_move_id")).first()
    destination = Page.objects.filter(pk=kwargs.get("destination_id")).first()
    if page is None or destination is None:
        return False  # Wagtail's own 404
    permissions = page.permissions_for_user(user)
    return not permissions.can_edit() or not permissions.can_move_to(destination)


def _bulk_refused(request, kwargs) -> bool:
    if (kwargs.get("app_label"), kwargs.get("model_name")) != ("wagtailcore", "page"):
        return False
    ids = [value for value in request.GET.getlist("id") if value.isdigit()]
    return any(not page.permissions_for_user(request.user).can_edit() for page in Page.objects.filter(pk__in=ids))


def _edits_every_page(user) -> bool:
    homes = Page.objects.filter(depth=2)
    return user.is_superuser or all(home.permissions_for_user(user).can_edit() for home in homes)


REQUEST_CHECKS = {
    "wagtailadmin_explore": lambda request, kwargs: _explore_refused(request.user, kwargs),
    "wagtailadmin_explore_results": lambda request, kwargs: _explore_refused(request.user, kwargs),
    "wagtailadmin_pages:move_confirm": lambda request, kwargs: _move_refused(request.user, kwargs),
    "wagtail_bulk_action": _bulk_refused,
    "wagtailadmin_reports:page_types_usage": lambda request, kwargs: not _edits_every_page(request.user),
    "wagtailadmin_reports:page_types_usage_results": lambda request, kwargs: not _edits_every_page(request.user),
}


def _check_for(view_name: str) -> Callable | None:
    namespace, _sep, name = view_name.rpartition(":")
    if namespace == "wagtailadmin_pages" and (name in PAGE_ACTIONS or name in PAGE_ADD_ACTIONS):
        return lambda user, kwargs: _page_refused(name, user, kwargs)
    if view_name in FILE_ACTIONS:
        return lambda user, kwargs: _file_refused(view_name, user, kwargs)
    return None


def _bad_request(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(message + "\n", content_type="text/plain; charset=utf-8")


def _is_id(value: str) -> bool:
    return value.isascii() and value.isdecimal() and len(value) <= 18  # within PostgreSQL's bigint


def _bulk_selection_valid(params) -> bool:
    """Wagtail's bulk actions read ``id`` (numbers, or "all") and ``childOf`` with int() and in
    queries: anything else was a ValueError or a DataError (a 500)."""
    ids = params.getlist("id")
    parent = params.get("childOf")
    return all(value == "all" or _is_id(value) for value in ids) and (parent is None or _is_id(parent))


class AdminRefusalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith("/admin/"):
            if "%00" in request.META.get("QUERY_STRING", ""):
                return _bad_request(_("A query parameter contains a null character."))
            if path.startswith("/admin/bulk/") and not _bulk_selection_valid(request.GET):
                return _bad_request(_("A bulk action takes item numbers: ?id=<number> (or id=all&childOf=<number>)."))
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        view_name = match.view_name if match is not None else ""
        check = _check_for(view_name)
        if check is None and view_name not in REQUEST_CHECKS:
            return None  # not a guarded admin view: no permission lookup on every request
        user = getattr(request, "user", None)
        # Anonymous users and users without admin access get Wagtail's login redirect.
        if user is None or not user.has_perm("wagtailadmin.access_admin"):
            return None
        if view_name in REQUEST_CHECKS:
            refused = REQUEST_CHECKS[view_name](request, view_kwargs)
        else:
            refused = check is not None and check(user, view_kwargs)
        return forbidden_response(request) if refused else None
