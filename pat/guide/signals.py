"""The guide's revision: cached pages that list guide pages or library documents read it."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pat.core.models import Revision
from pat.guide.models import GuidePage, LibraryDocument

GUIDE_REVISION = "guide"


# Every write of a page or a document ends in save() or delete() (the services' optimistic
# lock is followed by a save), so the signals see them all, the admin's included.
@receiver(post_save, sender=GuidePage)
@receiver(post_delete, sender=GuidePage)
@receiver(post_save, sender=LibraryDocument)
@receiver(post_delete, sender=LibraryDocument)
def guide_changed(sender: Any, **kwargs: Any) -> None:
    Revision.bump(GUIDE_REVISION)
