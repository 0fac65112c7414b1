from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "pat.core"
    label = "core"
    verbose_name = _("Organization")

    def ready(self) -> None:
        # Registers the deployment checks (`pat check --deploy`).
        from pat.core import checks  # noqa: F401
