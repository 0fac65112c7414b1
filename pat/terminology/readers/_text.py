"""Plain text and Markdown: decoding with a guess at the encoding, and a binary-junk check."""

from __future__ import annotations

import codecs
import re

from ._limits import current_limits
from ._model import Document, DocumentError, Kind, Span, too_much_text


def read_text(data: bytes, kind: Kind) -> Document:
    text = _decode(data)
    limit = current_limits().max_text
    if len(text) > limit:
        raise too_much_text(limit)
    # Text and Markdown are kept verbatim (markup and line endings included), so offsets are
    # offsets into the decoded file.
    return Document(text, kind, (Span(0, len(text), "body", None),))


def _binary() -> DocumentError:
    return DocumentError(
        "this does not look like a text file (binary data, or UTF-16 without a byte-order mark)"
    )


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _decode(data: bytes) -> str:
    try:
        if data.startswith(codecs.BOM_UTF8):
            text = data[len(codecs.BOM_UTF8) :].decode("utf-8")
        elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
            text = data.decode("utf-32")  # checked before UTF-16: FF FE 00 00 starts with FF FE
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                # Legacy Windows files; five byte values are undefined in cp1252, and binary
                # data nearly always contains one of them.
                text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise _binary() from exc
    # NUL never occurs in text; a sprinkle of other control characters can (form feeds,
    # stray escapes), a lot of them means binary.
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > max(1, len(text) // 100):
        raise _binary()
    return text
