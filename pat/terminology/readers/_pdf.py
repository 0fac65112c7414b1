"""Text PDFs through pypdf: one story per page."""

from __future__ import annotations

import io
from typing import Final

from ._model import Document, DocumentError, TextBuilder

MAX_PDF_PAGES: Final = 2000


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
        if len(reader.pages) > MAX_PDF_PAGES:
            raise DocumentError(f"this PDF has more than {MAX_PDF_PAGES} pages")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except RecursionError:
        raise
    except Exception as exc:  # pypdf raises a zoo of exception types on malformed input
        raise DocumentError("this PDF is damaged and cannot be read") from exc
    if not any(p.strip() for p in pages):
        raise DocumentError("this PDF has no text layer (scanned?): run it through OCR first")
    builder = TextBuilder()
    for number, text in enumerate(pages, start=1):
        builder.new_story = bool(builder.spans)
        builder.paragraph(text, "body", number - 1, None, number)
    return builder.build("pdf")
