"""Account routes under /accounts/: passwords, API tokens and, when configured, single sign-on.

Django's password views redirect to their global names (password_change_done,
password_reset_confirm, …), so those stay outside the `accounts` namespace.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path

from pat.accounts import views

T = "accounts/"

own_patterns = (
    [
        path("tokens/", views.tokens, name="tokens"),
        path("tokens/<int:pk>/revoke/", views.revoke_token, name="revoke_token"),
    ],
    "accounts",
)


def sso_urlpatterns() -> list[URLPattern | URLResolver]:
    """The OpenID Connect routes; none at all unless single sign-on is configured."""
    if not settings.PAT_OIDC_ENABLED:
        return []
    from mozilla_django_oidc import views as oidc_views  # type: ignore[import-untyped]

    from pat.accounts.oidc import SignOnCallbackView

    return [
        path(
            "sso/start/",
            login_not_required(oidc_views.OIDCAuthenticationRequestView.as_view()),
            name="oidc_authentication_init",
        ),
        path(
            "sso/callback/",
            login_not_required(SignOnCallbackView.as_view()),
            name="oidc_authentication_callback",
        ),
    ]


urlpatterns = [
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(template_name=T + "password_change_form.html"),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name=T + "password_change_done.html"),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            template_name=T + "password_reset_form.html",
            email_template_name=T + "password_reset_email.txt",
            subject_template_name=T + "password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name=T + "password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name=T + "password_reset_confirm.html"
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name=T + "password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("", include(own_patterns)),
    *sso_urlpatterns(),
]
