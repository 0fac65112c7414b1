from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "pat.network"
    label = "network"
    verbose_name = _("Gender network")

    def ready(self) -> None:
        from pat.network import signals  # noqa: F401 - connects the receivers
