from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "pat.core"
    label = "core"
    verbose_name = _("Organization")

    def ready(self) -> None:
        # Registers the deployment checks (`pat check --deploy`).
        from pat.core import checks  # noqa: F401
        from pat.core.models import ROLES_REVISION, Department, Office, Revision, Role

        # Who may do what is read from roles cached under this revision (User._cached_roles).
        Revision.follow(ROLES_REVISION, Role, Office, Department)
