"""Single sign-on through OpenID Connect (on only when PAT_OIDC_CLIENT_ID is set).

The provider proves who the person is; PAT still decides what they may do, by
the roles of the PAT account whose e-mail address the provider vouches for.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend  # type: ignore[import-untyped]
from mozilla_django_oidc.views import (  # type: ignore[import-untyped]
    OIDCAuthenticationCallbackView,
)


def username_from_claims(claims: dict[str, Any]) -> str:
    """A readable user name for an account made at first sign-on."""
    preferred = str(claims.get("preferred_username") or "").strip()
    email = str(claims.get("email") or "")
    return (preferred or email.split("@")[0] or str(claims.get("sub", "")))[:150]


class PatOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    def verify_claims(self, claims: dict[str, Any]) -> bool:
        # An address the provider says it has not verified identifies nobody.
        return bool(claims.get("email")) and claims.get("email_verified", True) is not False

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[Any]:
        users: QuerySet[Any] = super().filter_users_by_claims(claims)
        return users.filter(is_active=True)

    def get_username(self, claims: dict[str, Any]) -> str:
        base = username_from_claims(claims)
        candidate, n = base, 1
        while self.UserModel.objects.filter(username__iexact=candidate).exists():
            n += 1
            candidate = f"{base[:140]}-{n}"
        return candidate


class SignOnCallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """The provider's answer; a refusal says why instead of a bare sign-in page."""

    def login_failure(self) -> HttpResponse:
        messages.error(
            self.request,
            _(
                "Single sign-on did not sign you in: no active PAT account uses the verified "
                "e-mail address your organization account gives. Ask an administrator."
            ),
        )
        response: HttpResponse = super().login_failure()
        return response
