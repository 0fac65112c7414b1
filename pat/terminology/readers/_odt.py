"""OpenDocument text (.odt): content.xml (paragraphs, headings, lists, tables, notes) and the
headers and footers of styles.xml, all parsed with defusedxml."""

from __future__ import annotations

import re
import zipfile
from typing import Final

from ._archive import parse_xml, read_member
from ._model import Document, DocumentError, El, Part, TextBuilder

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_ODT_PARAGRAPHS = frozenset({_TEXT + "p", _TEXT + "h"})
_ODT_BLOCKS = frozenset(
    [
        _TEXT + t
        for t in (
            "list",
            "list-item",
            "list-header",
            "section",
            "index-body",
            "index-title",
            "table-of-content",
            "illustration-index",
            "table-index",
            "object-index",
            "user-index",
            "alphabetical-index",
            "bibliography",
        )
    ]
    + [
        _TABLE + t
        for t in (
            "table",
            "table-header-rows",
            "table-rows",
            "table-row-group",
            "table-row",
            "table-cell",
            "table-header-columns",
        )
    ]
)
# Inline content that is not part of the paragraph's running text: notes (read as their own
# stories), comments, ruby annotations and anything in a drawing (frames, text boxes).
_ODT_SKIP_INLINE = frozenset(
    {_TEXT + "note", _OFFICE + "annotation", _TEXT + "ruby-text", _TEXT + "tracked-changes"}
)
_DRAW_NS = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_ODT_HEADERS: Final[dict[str, Part]] = {
    _STYLE + t: ("header" if t.startswith("header") else "footer")
    for t in ("header", "header-left", "header-first", "footer", "footer-left", "footer-first")
}
_WS = re.compile(r"[ \t\r\n]+")


def _odt_paragraphs(container: El) -> list[tuple[El, bool]]:
    out: list[tuple[El, bool]] = []
    stack = [(iter(container), False)]
    while stack:
        it, in_table = stack[-1]
        child = next(it, None)
        if child is None:
            stack.pop()
        elif child.tag in _ODT_PARAGRAPHS:
            out.append((child, in_table))
        elif child.tag in _ODT_BLOCKS:
            stack.append((iter(child), in_table or child.tag == _TABLE + "table"))
    return out


class _OdtInline:
    """Paragraph text following ODF's white-space rules (§6.1.2): runs of spaces, tabs and
    newlines in character data collapse to one space, leading ones vanish; text:s, text:tab
    and text:line-break are the explicit forms."""

    def __init__(self, notes: list[El]) -> None:
        self.out: list[str] = []
        self.after_space = True
        self.notes = notes

    def chars(self, s: str | None) -> None:
        if not s:
            return
        s = _WS.sub(" ", s)
        if self.after_space and s.startswith(" "):
            s = s[1:]
        if s:
            self.out.append(s)
            self.after_space = s.endswith(" ")

    def explicit(self, s: str) -> None:
        self.out.append(s)
        self.after_space = False

    def walk(self, el: El) -> None:
        self.chars(el.text)
        for child in el:
            tag = child.tag
            if tag == _TEXT + "s":
                self.explicit(" " * _int(child.get(_TEXT + "c"), 1))
            elif tag == _TEXT + "tab":
                self.explicit("\t")
            elif tag == _TEXT + "line-break":
                self.explicit("\n")
            elif tag == _TEXT + "note":
                self.notes.append(child)
            elif tag not in _ODT_SKIP_INLINE and not tag.startswith(_DRAW_NS):
                self.walk(child)
            self.chars(child.tail)


def _int(value: str | None, default: int) -> int:
    try:
        return max(0, min(int(value or default), 10_000))  # text:c="1e9" must not allocate 1 GB
    except ValueError:
        return default


def read_odt(zf: zipfile.ZipFile) -> Document:
    names = set(zf.namelist())
    manifest = "META-INF/manifest.xml"
    if manifest in names and b"encryption-data" in read_member(zf, manifest):
        raise DocumentError("this file is encrypted: remove the password and upload it again")
    if "content.xml" not in names:
        raise DocumentError("this .odt is damaged: content.xml is missing")
    root = parse_xml(read_member(zf, "content.xml"), "content.xml")
    text_root = root.find(f"{_OFFICE}body/{_OFFICE}text")
    if text_root is None:
        raise DocumentError("this OpenDocument file is not a text document")

    builder = TextBuilder()
    notes: list[El] = []
    for index, (p, in_table) in enumerate(_odt_paragraphs(text_root)):
        inline = _OdtInline(notes)
        inline.walk(p)
        builder.paragraph("".join(inline.out), "table" if in_table else "body", 0, index)
    if not builder.spans:
        builder.paragraph("", "body", 0, None)

    if "styles.xml" in names:
        styles = parse_xml(read_member(zf, "styles.xml"), "styles.xml")
        counts = {"header": 0, "footer": 0}
        for page in styles.iter(_STYLE + "master-page"):
            for child in page:
                hf = _ODT_HEADERS.get(child.tag)
                if hf is not None:
                    builder.story(_odt_texts(child, []), hf, counts[hf])
                    counts[hf] += 1

    stories: dict[Part, int] = {"footnote": 0, "endnote": 0}
    # Notes met in the body; notes cannot nest, so one pass suffices.
    for note in notes:
        note_kind: Part = "endnote" if note.get(_TEXT + "note-class") == "endnote" else "footnote"
        note_body = note.find(_TEXT + "note-body")
        if note_body is not None:
            builder.story(_odt_texts(note_body, []), note_kind, stories[note_kind])
            stories[note_kind] += 1
    return builder.build("odt")


def _odt_texts(container: El, notes: list[El]) -> list[str]:
    texts = []
    for p, _ in _odt_paragraphs(container):
        inline = _OdtInline(notes)
        inline.walk(p)
        texts.append("".join(inline.out))
    return texts
