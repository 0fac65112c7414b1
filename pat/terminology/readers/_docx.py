"""Word .docx: body and (nested) tables through python-docx, headers and footers of every
section, footnotes and endnotes from their OOXML parts."""

from __future__ import annotations

import io
import zipfile
from typing import Any, Final

from ._archive import check_prolog, open_zip, parse_xml, read_member
from ._model import Document, DocumentError, El, Part, TextBuilder

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_RT_NOTES: Final[dict[str, Part]] = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes": "footnote",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes": "endnote",
}
_W_P, _W_R, _W_TBL = _W + "p", _W + "r", _W + "tbl"
_BLOCK_CONTAINERS = frozenset(_W + t for t in ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml"))
# Containers of runs inside a paragraph. w:del and w:moveFrom are left out on purpose: they
# hold tracked deletions, which are not part of the text the reader sees. Drawings, text boxes
# and math are not walked either (their paragraphs would otherwise be glued into this one).
_INLINE_CONTAINERS = frozenset(
    _W + t
    for t in (
        "hyperlink",
        "ins",
        "smartTag",
        "fldSimple",
        "customXml",
        "sdt",
        "sdtContent",
        "moveTo",
        "dir",
        "bdo",
    )
)
_ITEM_TEXT: Final = {
    _W + "tab": "\t",
    _W + "ptab": "\t",
    _W + "cr": "\n",
    # Every break reads as a line break, so words on either side of a page
    # break are never glued together.
    _W + "br": "\n",
    _W + "noBreakHyphen": "-",
}
_HF_REFS: Final[dict[str, Part]] = {
    _W + "headerReference": "header",
    _W + "footerReference": "footer",
}
_SEPARATOR_NOTES = frozenset({"separator", "continuationSeparator", "continuationNotice"})


def item_text(el: El) -> str:
    """The text one child of a w:r contributes. Shared with annotate.py, whose run splitting
    relies on counting characters exactly as the reader does."""
    tag = el.tag
    if tag == _W + "t":
        return el.text or ""
    return _ITEM_TEXT.get(tag, "") if isinstance(tag, str) else ""


def paragraph_runs(p: El) -> list[tuple[El, str]]:
    """The visible runs of a w:p in order, each with its text."""
    out: list[tuple[El, str]] = []
    stack = [iter(p)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == _W_R:
            out.append((child, "".join([item_text(c) for c in child])))
        elif child.tag in _INLINE_CONTAINERS:
            stack.append(iter(child))
    return out


def story_paragraphs(container: El) -> list[tuple[El, bool]]:
    """The w:p elements of a story in document order, with whether each sits in a table.

    Iterative, not recursive: nested tables are legal to any depth.
    """
    out: list[tuple[El, bool]] = []
    stack = [(iter(container), False)]
    while stack:
        it, in_table = stack[-1]
        child = next(it, None)
        if child is None:
            stack.pop()
        elif child.tag == _W_P:
            out.append((child, in_table))
        elif child.tag in _BLOCK_CONTAINERS:
            stack.append((iter(child), in_table or child.tag == _W_TBL))
    return out


def _paragraph_text(p: El) -> str:
    return "".join([t for _, t in paragraph_runs(p)])


def read_docx(data: bytes, zf: zipfile.ZipFile | None = None) -> tuple[Any, Document, list[El]]:
    """Read a .docx; returns the python-docx document, the text with its map, and the body
    story's w:p elements (in the order the map's paragraph indexes count them)."""
    import docx  # imported here: it is slow to import and only .docx needs it

    zf = zf if zf is not None else open_zip(data)
    names = set(zf.namelist())
    for name in names:
        if name.endswith((".xml", ".rels")):
            check_prolog(zf, name)
    if "_rels/.rels" not in names:
        raise DocumentError("this .docx is damaged: _rels/.rels is missing")
    main = "word/document.xml"
    for rel in parse_xml(read_member(zf, "_rels/.rels"), "_rels/.rels").iter(_PKG_RELS):
        if rel.get("Type") == _OFFICE_DOC:
            main = (rel.get("Target") or main).lstrip("/")
    if main not in names:
        raise DocumentError(f"this .docx is damaged: {main} is missing")
    try:
        doc = docx.Document(io.BytesIO(data))
    except (DocumentError, MemoryError):
        raise
    except Exception as exc:  # a hostile package can trip python-docx in many ways
        # libxml2 reports a failed allocation (the memory limit of the reading process) as
        # an "unknown" or "memory" parse error: that is the file's size, not damage.
        if type(exc).__name__ == "XMLSyntaxError" and (
            str(exc).startswith("unknown error") or "memory" in str(exc).lower()
        ):
            raise MemoryError from exc
        raise DocumentError("this .docx is damaged and cannot be opened") from exc

    builder = TextBuilder()
    body = story_paragraphs(doc.element.body)
    for index, (p, in_table) in enumerate(body):
        builder.paragraph(_paragraph_text(p), "table" if in_table else "body", 0, index)
    if not body:
        builder.paragraph("", "body", 0, None)  # keeps offset 0 in the body

    # Headers and footers of every section, in section order; sections that inherit their
    # header point at the same part, which is read once.
    seen: set[str] = set()
    counts = {"header": 0, "footer": 0}
    for sect in doc.element.body.iter(_W + "sectPr"):
        for ref in sect:
            kind = _HF_REFS.get(ref.tag)
            part = doc.part.related_parts.get(ref.get(_R_ID)) if kind else None
            if kind is None or part is None or str(part.partname) in seen:
                continue
            seen.add(str(part.partname))
            root = getattr(part, "element", None)
            if root is None:
                root = parse_xml(part.blob, str(part.partname))
            texts = [_paragraph_text(p) for p, _ in story_paragraphs(root)]
            builder.story(texts, kind, counts[kind])
            counts[kind] += 1

    # python-docx has no footnote API; the parts are found through the document's
    # relationships and parsed with defusedxml.
    for rel in doc.part.rels.values():
        note_kind = _RT_NOTES.get(rel.reltype)
        if note_kind is None or rel.is_external:
            continue
        root = parse_xml(rel.target_part.blob, str(rel.target_part.partname))
        story = 0
        for note in root:
            if note.get(_W + "type") in _SEPARATOR_NOTES:
                continue
            texts = [_paragraph_text(p) for p, _ in story_paragraphs(note)]
            builder.story(texts, note_kind, story)
            story += 1
    return doc, builder.build("docx"), [p for p, _ in body]
