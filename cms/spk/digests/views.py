from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cms.spk import roles

from .forms import SubscriptionFormSet
from .subscriptions import member_subscriptions, unsubscribe_all
from .tokens import InvalidToken, member_for_token


@login_required
@require_http_methods(["GET", "POST"])
def subscriptions(request):
    member = roles.member_of(request.user)
    if member is None:
        return render(request, "spk_digests/subscriptions.html", {"formset": None})
    queryset = member_subscriptions(member)
    formset = SubscriptionFormSet(request.POST or None, queryset=queryset)
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            formset.save()
        messages.success(request, _("Your digest settings are saved."))
        return redirect("spk:digests:subscriptions")
    return render(request, "spk_digests/subscriptions.html", {"formset": formset, "member": member})


# No CSRF token: the signed link itself authorises the change, and mail clients POST it
# without a page (RFC 8058 one-click unsubscribe).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        member = member_for_token(token)
    except InvalidToken as invalid:
        return render(request, "spk_digests/unsubscribe_invalid.html", {"expired": invalid.expired}, status=400)
    language = request.GET.get("lang") if request.GET.get("lang") in ("lt", "en") else member.preferred_language
    with translation.override(language):
        if request.method == "POST":
            unsubscribe_all(member)
            return render(request, "spk_digests/unsubscribed.html", {"member": member})
        return render(request, "spk_digests/unsubscribe_confirm.html", {"member": member})
