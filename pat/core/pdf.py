"""A small PDF writer shared by the apps: a title and a list of blocks, nothing more.

    from pat.core.pdf import render_pdf
    pdf_bytes = render_pdf("Project Development Guide", [
        ("h1", "Rationale"),
        ("p", "Explain why the project is needed…"),
        ("bullets", ["the problem", "for whom"]),
        ("table", [["Sex", "0–17", "18+"], ["Female", "60", "230"]]),  # first row: header
    ])

Block kinds: "h1", "h2", "h3" and "p" take a string; "bullets" a list of strings; "table" a
list of rows of strings, the first row being the header. Inline Markdown is not interpreted:
callers pass plain text (pat.guide.kit shows how to turn Markdown into blocks).

Text is Unicode throughout when DejaVu Sans is installed (Debian: fonts-dejavu-core); without
it a core font is used and characters outside Latin-1 are replaced by close equivalents or
"?" so that a PDF is always produced. No network, no images: the files stay small.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"
BLOCK_KINDS = frozenset({"h1", "h2", "h3", "p", "bullets", "table"})

_SIZES = {"h1": 16, "h2": 13, "h3": 11.5, "p": 10.5}
# Characters the core fonts lack, replaced by the nearest Latin-1 writing.
_SUBSTITUTES = {
    "\u2013": "-",
    "\u2014": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2026": "...",
    "\u2022": "-",
    "\u2192": "->",
    "\u2190": "<-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u2264": "<=",
    "\u2265": ">=",
    "\u0153": "oe",
    "\u0152": "OE",
    "\u20ac": "EUR",
}


class _Document(FPDF):
    def __init__(self, title: str, unicode_font: bool) -> None:
        super().__init__(format="A4")
        self.doc_title = title
        self.unicode_font = unicode_font
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_title(title)
        self.set_creator("PAT")
        if unicode_font:
            self.add_font("Body", "", str(FONT_DIR / REGULAR))
            self.add_font("Body", "B", str(FONT_DIR / BOLD))
            self.family = "Body"
        else:
            self.family = "Helvetica"

    def clean(self, value: Any) -> str:
        text = str(value)
        if self.unicode_font:
            return text
        out = []
        for ch in text:
            if ord(ch) < 256:
                out.append(ch)
                continue
            sub = _SUBSTITUTES.get(ch)
            if sub is None:
                decomposed = unicodedata.normalize("NFKD", ch)
                sub = "".join(c for c in decomposed if ord(c) < 256) or "?"
            out.append(sub)
        return "".join(out)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, "", 8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 6, self.clean(f"{self.doc_title} · {self.page_no()}"), align="C")
        self.set_text_color(0, 0, 0)


def _has_unicode_font() -> bool:
    return (FONT_DIR / REGULAR).is_file() and (FONT_DIR / BOLD).is_file()


def render_pdf(
    title: str,
    blocks: Sequence[tuple[str, Any]],
    *,
    unicode_font: bool | None = None,
    break_before_h1: bool = True,
) -> bytes:
    """A PDF of the blocks under a title page heading; raises ValueError for an unknown kind.

    unicode_font forces the DejaVu (True) or core-font (False) path; None picks DejaVu when
    it is installed. break_before_h1 starts each h1 on a new page (the guide's pages);
    without it sections follow one another, a heading never left alone at a page's foot.
    Table columns get widths in proportion to what they hold.
    """
    use_unicode = _has_unicode_font() if unicode_font is None else unicode_font
    pdf = _Document(title, use_unicode)
    pdf.add_page()
    pdf.set_font(pdf.family, "B", 20)
    pdf.multi_cell(0, 10, pdf.clean(title), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    for kind, content in blocks:
        if kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind {kind!r}; use one of {sorted(BLOCK_KINDS)}")
        if kind in {"h1", "h2", "h3"}:
            _heading(pdf, kind, content, break_before_h1)
        elif kind == "p":
            pdf.set_font(pdf.family, "", _SIZES["p"])
            pdf.multi_cell(0, 5.4, pdf.clean(content), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2)
        elif kind == "bullets":
            _bullets(pdf, content)
        else:
            _table(pdf, content)
    return bytes(pdf.output())


def _heading(pdf: _Document, kind: str, text: str, break_before_h1: bool) -> None:
    if (kind == "h1" and break_before_h1 and pdf.get_y() > 60) or pdf.will_page_break(30):
        pdf.add_page()
    pdf.ln(3 if kind != "h1" or not break_before_h1 else 0)
    pdf.set_font(pdf.family, "B", _SIZES[kind])
    pdf.multi_cell(0, _SIZES[kind] * 0.55, pdf.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)


def _bullets(pdf: _Document, items: Sequence[str]) -> None:
    pdf.set_font(pdf.family, "", _SIZES["p"])
    bullet = "•" if pdf.unicode_font else "-"
    indent = 6
    for item in items:
        x = pdf.l_margin
        pdf.set_x(x)
        pdf.cell(indent, 5.4, bullet)
        pdf.multi_cell(0, 5.4, pdf.clean(item), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)


def _table(pdf: _Document, rows: Sequence[Sequence[str]]) -> None:
    if not rows:
        return
    width = max(len(r) for r in rows)
    padded = [[pdf.clean(c) for c in r] + [""] * (width - len(r)) for r in rows]
    pdf.set_font(pdf.family, "", 9)
    with pdf.table(
        col_widths=column_widths(pdf, padded),
        first_row_as_headings=True,
        line_height=4.8,
        text_align="LEFT",
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        for row in padded:
            table_row = table.row()
            for cell in row:
                table_row.cell(cell)
    pdf.ln(3)


SHORT_COLUMN = 40.0  # mm


def column_widths(pdf: FPDF, rows: Sequence[Sequence[str]]) -> tuple[float, ...]:
    """Column widths (mm) that fit the page: each column gets at least its longest word, so
    a short word like "High" is never broken, and the room left goes to the columns whose
    text is longest. The font must be set (widths are measured in it)."""
    padding = 2.5  # fpdf2's cell padding on both sides, with a little air
    available = pdf.w - pdf.l_margin - pdf.r_margin
    count = max(len(r) for r in rows)
    least, wanted = [], []
    for c in range(count):
        lines = [line for r in rows[1:] if c < len(r) for line in r[c].split("\n")]
        heading = rows[0][c] if c < len(rows[0]) else ""
        pdf.set_font(style="B")  # the header row is bold, so wider
        header_words = [pdf.get_string_width(w) for w in heading.split()]
        header_line = pdf.get_string_width(heading)
        pdf.set_font(style="")
        widest_word = max(
            [0.0, *header_words, *(pdf.get_string_width(w) for t in lines for w in t.split())]
        )
        longest = max([header_line, *(pdf.get_string_width(t) for t in lines)]) + padding
        # A column of short entries (a level, a number, "Female 18+: 40") is never wrapped.
        least.append(longest if longest <= SHORT_COLUMN else widest_word + padding)
        wanted.append(max(least[-1], min(longest, available * 0.45)))
    if sum(wanted) <= available:  # everything fits on one line: share out the rest evenly
        spare = (available - sum(wanted)) / count
        return tuple(w + spare for w in wanted)
    if sum(least) >= available:  # even single words overflow: shrink in proportion
        return tuple(w * available / sum(least) for w in least)
    share = (available - sum(least)) / (sum(wanted) - sum(least))
    return tuple(lo + (hi - lo) * share for lo, hi in zip(least, wanted, strict=True))
