"""The text-with-position-map value types shared by every reader."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Literal

from ._limits import current_limits

Part = Literal["body", "table", "header", "footer", "footnote", "endnote"]
Kind = Literal["txt", "md", "docx", "odt", "pdf"]

# lxml (python-docx) and ElementTree (defusedxml) elements share the API used here, and lxml
# ships no type stubs, so elements are typed loosely on purpose.
El = Any


class DocumentError(ValueError):
    """The uploaded file cannot be read; the message is meant for the person who uploaded it."""


def too_much_text(limit: int) -> DocumentError:
    return DocumentError(
        f"this document has more than {limit:,} characters of text "
        "(refused: split it into smaller files)"
    )


@dataclass(frozen=True, slots=True)
class Location:
    """Where one character of :attr:`Document.text` came from.

    ``part`` is the kind of story. ``story`` tells stories of the same kind apart: the n-th
    header or footer part in reading order, the n-th footnote or endnote, the page index for a
    PDF; it is 0 for the body. ``paragraph`` is the paragraph's index within its story (the
    body story numbers body and table-cell paragraphs together in document order, which is the
    order of ``w:p`` elements in document.xml); it is None for text, Markdown and PDF.
    ``char`` is the offset within that paragraph, within the page for a PDF, and the offset
    into the whole text for text and Markdown files. ``page`` is the 1-based PDF page.
    """

    part: Part
    paragraph: int | None
    char: int
    page: int | None = None
    story: int = 0


@dataclass(frozen=True, slots=True)
class Span:
    """One stretch of the text that came from a single paragraph (or page, or text file)."""

    start: int
    end: int
    part: Part
    paragraph: int | None
    story: int = 0
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """Extracted text plus its position map.

    ``spans`` cover the text in order; the characters between two spans are the separators
    added by the reader ("\\n" between paragraphs, a blank line between stories and pages) and
    locate to the end of the span before them.
    """

    text: str
    kind: Kind
    spans: tuple[Span, ...]
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # A frozen dataclass can't assign normally; the start list makes locate() a bisection.
        object.__setattr__(self, "_starts", tuple(s.start for s in self.spans))

    def span_at(self, offset: int) -> Span:
        if not 0 <= offset <= len(self.text):
            raise IndexError(f"offset {offset} is outside the text (0..{len(self.text)})")
        return self.spans[max(bisect.bisect_right(self._starts, offset) - 1, 0)]

    def locate(self, offset: int) -> Location:
        """Map an offset of :attr:`text` (``0 <= offset <= len(text)``) back to its source."""
        span = self.span_at(offset)
        char = min(offset - span.start, span.end - span.start)
        return Location(span.part, span.paragraph, char, span.page, span.story)

    def overlapping(self, start: int, end: int) -> list[tuple[Span, int, int]]:
        """The spans that ``text[start:end]`` touches, each with the covered range relative
        to the span's own start (so paragraph-relative for .docx and .odt)."""
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"range {start}:{end} is outside the text (0..{len(self.text)})")
        out: list[tuple[Span, int, int]] = []
        i = max(bisect.bisect_right(self._starts, start) - 1, 0)
        while i < len(self.spans) and self.spans[i].start < end:
            span = self.spans[i]
            lo, hi = max(start, span.start), min(end, span.end)
            if lo < hi:
                out.append((span, lo - span.start, hi - span.start))
            i += 1
        return out


class TextBuilder:
    """Concatenates paragraphs with separators while recording the spans."""

    def __init__(self) -> None:
        self.limits = current_limits()
        self.chunks: list[str] = []
        self.spans: list[Span] = []
        self.pos = 0
        self.new_story = False

    def story(self, paragraphs: list[str], part: Part, story: int) -> None:
        # Headers are usually one empty paragraph; skipping blank stories keeps the text free
        # of runs of blank lines without shifting anybody's offsets.
        if not any(p.strip() for p in paragraphs):
            return
        self.new_story = bool(self.spans)
        for index, text in enumerate(paragraphs):
            self.paragraph(text, part, story, index)

    def paragraph(
        self, text: str, part: Part, story: int, paragraph: int | None, page: int | None = None
    ) -> None:
        if len(self.spans) >= self.limits.max_paragraphs:
            raise DocumentError(
                f"this document has more than {self.limits.max_paragraphs:,} paragraphs "
                "(refused: split it into smaller files)"
            )
        if self.pos + len(text) > self.limits.max_text:
            raise too_much_text(self.limits.max_text)
        if self.spans:
            sep = "\n\n" if self.new_story else "\n"
            self.chunks.append(sep)
            self.pos += len(sep)
        self.new_story = False
        self.spans.append(Span(self.pos, self.pos + len(text), part, paragraph, story, page))
        self.chunks.append(text)
        self.pos += len(text)

    def build(self, kind: Kind) -> Document:
        if not self.spans:
            self.spans.append(Span(0, 0, "body", None))
        return Document("".join(self.chunks), kind, tuple(self.spans))
