from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    name = "pat.guide"
    label = "guide"
    verbose_name = _("Project Development Guide")

    def ready(self) -> None:
        from pat.guide import signals  # noqa: F401 - connects the receivers
