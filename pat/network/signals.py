"""The network's revision: pages that show focal points (the project page) are cached under it."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from pat.core.models import Revision, User
from pat.network.models import FocalPoint

NETWORK_REVISION = "network"

Revision.follow(NETWORK_REVISION, FocalPoint)


@receiver(post_save, sender=User)
def person_renamed(sender: Any, update_fields: Any = None, **kwargs: Any) -> None:
    # Focal points are shown by name. Signing in saves the user too (its last sign-in
    # time only): that changes no name and moves nothing.
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    Revision.bump(NETWORK_REVISION)
