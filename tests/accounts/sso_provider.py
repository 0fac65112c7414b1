"""The organization's identity provider of the single sign-on tests.

django-oauth-toolkit in OpenID Connect mode: discovery, authorize, token, JWKS
and userinfo, on the live test server under /o/. Its people sign in with the
provider's own accounts; the directory below says which e-mail address the
provider vouches for, as a real directory would.
"""

from __future__ import annotations

from typing import Any

from django.urls import include, path
from oauth2_provider.oauth2_validators import OAuth2Validator

import pat.urls
from pat.accounts.urls import sso_urlpatterns

DIRECTORY = {
    "idp-amina": ("amina@example.org", True),
    "idp-stranger": ("stranger@example.org", True),
    "idp-unverified": ("amina@example.org", False),
}


class DirectoryValidator(OAuth2Validator):
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "email_verified": "email"}

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        email, verified = DIRECTORY[request.user.username]
        return {
            "email": email,
            "email_verified": verified,
            "preferred_username": email.split("@")[0],
        }


# PAT with single sign-on switched on, and the provider beside it.
urlpatterns = [
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("accounts/", include(sso_urlpatterns())),
    *pat.urls.urlpatterns,
]
