"""Uploaded .docx files kept for a while so "Download annotated .docx" can give them back.

A file input cannot be filled again by the server, so the upload is stored under a random
token that only the uploader's session knows; files older than KEEP_SECONDS are removed.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest

KEEP_SECONDS = 2 * 3600
SESSION_KEY = "termbase_documents"
MAX_PER_SESSION = 5


def _folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "termbase-check"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _sweep(folder: Path) -> None:
    limit = time.time() - KEEP_SECONDS
    for old in folder.glob("*.docx"):
        try:
            if old.stat().st_mtime < limit:
                old.unlink()
        except OSError:
            pass  # another process removed it first


def keep(request: HttpRequest, data: bytes, filename: str) -> str:
    folder = _folder()
    _sweep(folder)
    token = secrets.token_urlsafe(24)
    (folder / f"{token}.docx").write_bytes(data)
    known: dict[str, str] = dict(request.session.get(SESSION_KEY, {}))
    known[token] = Path(filename).name[:200]
    while len(known) > MAX_PER_SESSION:
        oldest = next(iter(known))
        known.pop(oldest)
        (folder / f"{oldest}.docx").unlink(missing_ok=True)
    request.session[SESSION_KEY] = known
    return token


def fetch(request: HttpRequest, token: str) -> tuple[bytes, str] | None:
    """The bytes and name of an upload of this session, or None (unknown, expired)."""
    known: dict[str, str] = request.session.get(SESSION_KEY, {})
    if token not in known:
        return None
    path = _folder() / f"{token}.docx"
    try:
        return path.read_bytes(), known[token]
    except OSError:
        return None
