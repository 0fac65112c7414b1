"""The one upload validator: every file the app stores or reads goes through :func:`validate`.

It opens the file as the check page's readers do (in the limited child process of
:mod:`pat.terminology.readers`), so the library, project documents, the check page and the
imports refuse the same things: zip bombs, entity expansion, external entities, encrypted or
truncated files, content that contradicts the name, and files past the work limits. Images,
which no reader opens, are held to their signature.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from pat.terminology.readers import (
    DEFAULT_LIMITS,
    DocumentError,
    Limits,
    inspect_upload,
    run_limited,
)

# Suffix -> content type, for everything some upload point accepts.
CONTENT_TYPES: Final[dict[str, str]] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "txt": "text/plain",
    "md": "text/markdown",
    "csv": "text/csv",
    "json": "application/json",
    "xml": "application/xml",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}
_IMAGE_MAGIC: Final = {"png": b"\x89PNG\r\n\x1a\n", "jpg": b"\xff\xd8\xff", "jpeg": b"\xff\xd8\xff"}
# Storing a file is not checking it: a long text is fine to keep, so the text limit is the
# file size; every safety limit (XML, pages, PDF content, CPU, memory) stays.
STORE_LIMITS: Final = DEFAULT_LIMITS.scaled(max_text=64 * 1024 * 1024)


def suffix_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def validate(
    upload: Any,
    *,
    accepted: Mapping[str, str] | frozenset[str] | set[str],
    max_bytes: int,
    limits: Limits = STORE_LIMITS,
) -> str:
    """Check an uploaded file and return its content type, or raise ValidationError.

    ``accepted`` names the suffixes this upload point takes. The file is read into memory
    once (it is at most ``max_bytes``) and left rewound for the caller.
    """
    if upload.size > max_bytes:
        raise ValidationError(
            _(
                "The file is larger than the limit of %(limit)s (it has %(size)s). "
                "Nothing was stored."
            )
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)}
        )
    suffix = suffix_of(upload.name)
    if suffix not in accepted:
        raise ValidationError(
            _("Files of this type are not accepted. Use one of: %(types)s.")
            % {"types": ", ".join(sorted(accepted))}
        )
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    upload.seek(0)
    refusal = problem(data, upload.name, limits=limits)
    if refusal:
        raise ValidationError(
            _("This file was refused: %(reason)s. Nothing was stored.") % {"reason": refusal}
        )
    return CONTENT_TYPES.get(suffix, "application/octet-stream")


def problem(data: bytes, name: str, *, limits: Limits = STORE_LIMITS) -> str:
    """Why the file would be refused ("" if it is fine), in the readers' words."""
    suffix = suffix_of(name)
    if suffix in _IMAGE_MAGIC:
        if not data.startswith(_IMAGE_MAGIC[suffix]):
            return _("the content is not a .%(suffix)s image") % {"suffix": suffix}
        return ""
    if suffix in ("json", "xml"):
        # JSON and XML are text here; their structure (and, for XML, DTDs, entities and
        # depth) is the importer's job: see pat.iati.reading.
        suffix, name = "txt", "upload.txt"
    try:
        run_limited(inspect_upload, data, name, limits=limits)
    except DocumentError as error:
        return str(error)
    return ""
