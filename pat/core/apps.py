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
        from django.db.models.signals import post_delete, post_save

        from pat.core.models import User, person_changed

        # Pages naming people, and each process's copy of a signed-in user
        # (pat.accounts.fast), are kept under the people revision.
        post_save.connect(person_changed, sender=User, dispatch_uid="people-revision")
        post_delete.connect(person_changed, sender=User, dispatch_uid="people-revision-gone")

        # Each request reads the revisions once (Revision.several).
        from django.core.signals import request_finished, request_started

        from pat.core.models import _request_revisions

        request_started.connect(_request_revisions.open, dispatch_uid="revisions-open")
        request_finished.connect(_request_revisions.close, dispatch_uid="revisions-close")
