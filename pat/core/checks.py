"""Deployment checks that Django's own do not make (`pat check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.staticfiles, deploy=True)
def static_files_collected(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Fingerprinted static files need their manifest: without it every page is a 500."""
    storage = staticfiles_storage
    if not isinstance(storage, ManifestFilesMixin):
        return []
    if storage.exists(storage.manifest_name):
        return []
    return [
        Error(
            f"The static files are not collected: {settings.STATIC_ROOT}/"
            f"{storage.manifest_name} is missing, so every page would fail.",
            hint="Run `pat collectstatic --noinput` after each install or upgrade.",
            id="pat.E001",
        )
    ]
