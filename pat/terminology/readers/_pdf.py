"""Text PDFs through pypdf: one story per page."""

from __future__ import annotations

import io
from typing import Any, Final

from ._limits import DEFAULT_LIMITS, current_limits
from ._model import Document, DocumentError, TextBuilder, too_much_text

MAX_PDF_PAGES: Final = DEFAULT_LIMITS.max_pages


class NoTextLayer(DocumentError):
    """A sound PDF with nothing to check (a scan): refused by the checker, fine to store."""


def read_pdf(data: bytes) -> Document:
    import pypdf  # imported here: only PDFs need it

    # pypdf quietly "repairs" a cut-off file and returns whatever pages it finds; a missing
    # end-of-file marker is how we tell truncation from a complete file.
    if b"%%EOF" not in data[-2048:]:
        raise DocumentError("this PDF is truncated or damaged")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DocumentError("this PDF is encrypted: remove the password and upload it again")
        limits = current_limits()
        if len(reader.pages) > limits.max_pages:
            raise DocumentError(f"this PDF has more than {limits.max_pages} pages")
        _check_content(reader, limits.max_pdf_content)
        pages: list[str] = []
        total = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            total += len(pages[-1])
            if total > limits.max_text:
                raise too_much_text(limits.max_text)
    except DocumentError:
        raise
    except (RecursionError, MemoryError):
        raise
    except Exception as exc:  # pypdf raises a zoo of exception types on malformed input
        raise DocumentError("this PDF is damaged and cannot be read") from exc
    if not any(p.strip() for p in pages):
        raise NoTextLayer("this PDF has no text layer (scanned?): run it through OCR first")
    builder = TextBuilder()
    for number, text in enumerate(pages, start=1):
        builder.new_story = bool(builder.spans)
        builder.paragraph(text, "body", number - 1, None, number)
    return builder.build("pdf")


def _check_content(reader: Any, limit: int) -> None:
    """Refuse a PDF whose pages ask to interpret more than ``limit`` bytes of drawing
    instructions in all.

    Pages may share one content stream, so a small file can make the text extraction redo
    the same megabytes two thousand times; each distinct stream is decoded once here, and
    counted once per page that uses it.
    """
    sizes: dict[Any, int] = {}
    total = 0
    for page in reader.pages:
        contents = page.get("/Contents")
        refs = contents if isinstance(contents, list) else [contents]
        for ref in refs:
            if ref is None:
                continue
            key = getattr(ref, "idnum", None) or id(ref)
            if key not in sizes:
                stream = ref.get_object()
                sizes[key] = len(stream.get_data()) if hasattr(stream, "get_data") else 0
            total += sizes[key]
            if total > limit:
                raise DocumentError(
                    f"this PDF's pages hold more than {limit // 1024 // 1024} MiB of drawing "
                    "instructions to read (refused: too complex, or built to overload the reader)"
                )
