"""The user's own account: sign-in page, API tokens (list, create, revoke)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import LoginView
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pat.accounts.forms import TokenForm
from pat.core.models import ApiToken
from pat.core.permissions import actor, can_manage_token

NEW_TOKEN_KEY = "pat_new_token"  # noqa: S105 - a session key, not a secret


class SignInView(LoginView):
    template_name = "registration/login.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["sso_enabled"] = settings.PAT_OIDC_ENABLED
        return context


@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _token, raw = ApiToken.issue(
            user, form.cleaned_data["name"], days=form.cleaned_data["days"]
        )
        # Shown once, on the page the browser lands on; a reload shows it no more.
        request.session[NEW_TOKEN_KEY] = raw
        return redirect("accounts:tokens")
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "new_token": request.session.pop(NEW_TOKEN_KEY, None),
            "tokens": user.api_tokens.order_by("-created_at"),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    token = get_object_or_404(ApiToken, pk=pk)
    if not can_manage_token(user, token):
        # Someone else's token: as if it did not exist.
        raise Http404
    token.revoke()
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("accounts:tokens")


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """django-axes' answer to a locked user name: 429 and how long it lasts."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)
