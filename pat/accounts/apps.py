from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Signing in and the user's own account: passwords, API tokens, single sign-on."""

    name = "pat.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Connects the sign-in signal that starts the idle clock.
        from pat.accounts import middleware  # noqa: F401
