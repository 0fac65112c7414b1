from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "pat.projects"
    label = "projects"
    verbose_name = _("Project database")

    def ready(self) -> None:
        from pat.projects import signals  # noqa: F401 - connects the receivers
