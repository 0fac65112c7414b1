from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotFundConfig(AppConfig):
    name = "pat.pilotfund"
    label = "pilotfund"
    verbose_name = _("Pilot fund")

    def ready(self) -> None:
        from pat.pilotfund import signals  # noqa: F401 - connects the receivers
