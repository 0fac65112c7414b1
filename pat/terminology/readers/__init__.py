"""Turn uploaded documents into plain text plus a map back to where every character came from.

The terminology checker works on one string; reviewers work on Word files, OpenDocument files,
PDFs and Markdown. :func:`read_document` bridges the two: it returns the text the checker sees
and a position map, so that a finding at offsets ``start:end`` can be shown as "header of
section 2, paragraph 1" or turned back into a Word comment (see :mod:`pat.terminology.annotate`).

Uploads are untrusted. The format is decided by the file's content (magic bytes), the name only
has to agree with it; archives are checked for zip bombs before anything is decompressed; XML
is refused if it carries a DTD (OOXML and ODF never need one, and DTDs are how entity-expansion
and external-entity attacks get in). Every refusal is a :class:`DocumentError` with a message
fit to show the person who uploaded the file, and nothing is returned half-read.

Plain library code: no Django here, so the batch command and the offline kit can use it too.
"""

from __future__ import annotations

import os
from typing import Final

from ._archive import (
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_UNCOMPRESSED,
    check_prolog,
    inflate_all,
    open_zip,
    zip_kind,
)
from ._docx import read_docx
from ._isolation import isolated, run_limited
from ._limits import DEFAULT_LIMITS, Limits, current_limits, limits_in_force
from ._model import Document, DocumentError, Kind, Location, Part, Span
from ._odt import read_odt
from ._pdf import MAX_PDF_PAGES, NoTextLayer, read_pdf
from ._text import read_text

__all__ = [
    "DEFAULT_LIMITS",
    "MAX_BYTES",
    "MAX_MEMBERS",
    "MAX_PDF_PAGES",
    "MAX_RATIO",
    "MAX_UNCOMPRESSED",
    "STORABLE",
    "Document",
    "DocumentError",
    "Kind",
    "Limits",
    "Location",
    "Part",
    "Span",
    "check_spreadsheet",
    "current_limits",
    "detect_kind",
    "inspect_upload",
    "isolated",
    "limits_in_force",
    "load_bytes",
    "read_bytes",
    "read_document",
    "read_limited",
    "run_limited",
]

MAX_BYTES: Final = 20 * 1024 * 1024
_SUPPORTED = "(use .txt, .md, .docx, .odt or .pdf)"
_EXTENSIONS: Final[dict[str, Kind]] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
    ".odt": "odt",
    ".pdf": "pdf",
}
_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS: Final = (b"PK\x03\x04", b"PK\x05\x06")


def read_document(
    source: str | os.PathLike[str] | bytes,
    filename: str | None = None,
    *,
    max_bytes: int = MAX_BYTES,
) -> Document:
    """Read a .txt, .md, .docx, .odt or text .pdf file.

    ``source`` is a path (str or PathLike) or the file's bytes; ``filename`` names the upload
    (its extension must agree with the content) and defaults to the path's name. Raises
    :class:`DocumentError` for anything unreadable or hostile; OSError for a path that can't be
    opened, which is the caller's problem rather than the file's.
    """
    data, name = load_bytes(source, filename, max_bytes)
    return read_bytes(data, name)


def read_limited(data: bytes, name: str | None, limits: Limits = DEFAULT_LIMITS) -> Document:
    """:func:`read_bytes` in a child process under ``limits`` (CPU time, memory, wall clock,
    and the counted limits): what a server must use for an upload, so that no file can hold
    one of its threads or its memory. Raises :class:`DocumentError` as :func:`read_bytes` does,
    and for a file that passes a limit."""
    if len(data) > MAX_BYTES:
        raise DocumentError(_too_big(MAX_BYTES))
    return run_limited(read_bytes, data, name, limits=limits)


# What may be stored (library, project documents), beyond what the checker reads.
STORABLE: Final = frozenset({"txt", "md", "docx", "odt", "pdf", "xlsx", "csv"})


def inspect_upload(data: bytes, name: str) -> None:
    """Refuse a file to be stored exactly as the check page's readers refuse it.

    The file is read in full (run this through :func:`run_limited`); only a PDF without a
    text layer passes, since a scan is a sound document, just not one to check. .xlsx gets
    the archive and XML checks, .csv the text checks.
    """
    ext = os.path.splitext(name)[1].lower().lstrip(".")
    if ext not in STORABLE:
        raise DocumentError(f"unsupported file type: .{ext}")
    if ext == "xlsx":
        if data.startswith(_OLE_MAGIC):
            raise DocumentError("this file is encrypted or in the old .xls format")
        if data[:4] not in _ZIP_MAGICS:
            raise DocumentError("this file's content (not a zip archive) does not match .xlsx")
        check_spreadsheet(data)
        return
    try:
        read_bytes(data, "upload.txt" if ext == "csv" else name)
    except NoTextLayer:
        return


def check_spreadsheet(data: bytes) -> None:
    """Refuse an .xlsx that is not a safe, complete spreadsheet package: the archive checks,
    then every XML part's prolog, size and element count (run it through :func:`run_limited`)."""
    zf = open_zip(data)
    names = set(zf.namelist())
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise DocumentError("this file is not an .xlsx workbook (it may be damaged or renamed)")
    for name in names:
        if name.endswith((".xml", ".rels")):
            check_prolog(zf, name)
    inflate_all(zf)


def load_bytes(
    source: str | os.PathLike[str] | bytes, filename: str | None, max_bytes: int
) -> tuple[bytes, str | None]:
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        name = filename
    else:
        path = os.fspath(source)
        name = filename if filename is not None else os.path.basename(path)
        # Stat first so a 2 GiB upload is refused without reading it; the bounded read below
        # still protects against a file that grows in between.
        if os.stat(path).st_size > max_bytes:
            raise DocumentError(_too_big(max_bytes))
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DocumentError(_too_big(max_bytes))
    return data, name


def _too_big(max_bytes: int) -> str:
    return f"this file is larger than the {max_bytes / 1024 / 1024:g} MiB limit"


def read_bytes(data: bytes, name: str | None) -> Document:
    """Read a file already in memory; ``name`` (optional) is checked against the content."""
    kind = detect_kind(data, name)
    try:
        if kind in ("txt", "md"):
            return read_text(data, kind)
        if kind == "pdf":
            return read_pdf(data)
        zf = open_zip(data)
        actual = zip_kind(zf)
        if actual is None and kind is None:
            raise DocumentError(f"unsupported file type: zip archive {_SUPPORTED}")
        if actual is not None and kind is not None and actual != kind:
            raise DocumentError(f"this file is a .{actual} document, not a .{kind} one")
        if (actual or kind) == "odt":
            return read_odt(zf)
        return read_docx(data, zf)[1]
    except RecursionError as exc:
        # Only absurdly nested (hostile) markup gets here.
        raise DocumentError("this file is nested too deeply to be read") from exc


def detect_kind(data: bytes, name: str | None) -> Kind | None:
    """The kind to read, from the extension and the magic bytes, which must agree.

    None means "a zip archive, to be told apart by its members".
    """
    ext = os.path.splitext(name)[1].lower() if name else ""
    if ext and ext not in _EXTENSIONS and ext != ".doc":
        raise DocumentError(f"unsupported file type: {ext} {_SUPPORTED}")
    if data.startswith(_OLE_MAGIC):
        # Password-protected .docx files are OLE containers wrapping the encrypted package,
        # which is also the container of the pre-2007 .doc format.
        raise DocumentError(
            "this file is encrypted or in the old .doc format: remove the password or save "
            "it as .docx"
        )
    if ext == ".doc":
        raise DocumentError(f"unsupported file type: .doc {_SUPPORTED}")
    claimed = _EXTENSIONS.get(ext)
    # Readers tolerate junk before the PDF header, but a text file that merely mentions
    # "%PDF-" near its start must stay a text file.
    if data.lstrip().startswith(b"%PDF-") or (claimed in (None, "pdf") and b"%PDF-" in data[:1024]):
        content = "pdf"
    elif data[:4] in _ZIP_MAGICS:
        content = "zip"
    else:
        content = "text"
    if claimed is None:
        return "pdf" if content == "pdf" else None if content == "zip" else "txt"
    wanted = {"txt": "text", "md": "text", "pdf": "pdf", "docx": "zip", "odt": "zip"}[claimed]
    if content != wanted:
        what = {"pdf": "a PDF", "zip": "a zip archive", "text": "text"}[content]
        raise DocumentError(
            f"this file's content ({what}) does not match its {ext} extension; it may be "
            "damaged or mislabelled"
        )
    return claimed
