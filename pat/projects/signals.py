"""Changes that reach the project list without going through the services."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pat.core.models import Office, Revision
from pat.projects.models import Donor, Project, ProjectType, Theme
from pat.projects.services import PROJECTS_REVISION


@receiver(post_delete, sender=Project)
@receiver(post_save, sender=Office)
@receiver(post_save, sender=ProjectType)
@receiver(post_save, sender=Theme)
@receiver(post_save, sender=Donor)
def projects_changed(sender: Any, **kwargs: Any) -> None:
    # A deleted project or a renamed office changes what the cached list shows.
    Revision.bump(PROJECTS_REVISION)
