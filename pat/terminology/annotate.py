"""Put terminology findings back into a Word file as comments.

Reviewers want the author's own .docx back with a comment at every flagged term, not a report
in another window. The findings' offsets are offsets into ``read_document(...).text`` of the
same file, so the reader's position map says which paragraph and which characters each one
covers.

A Word comment is anchored on whole runs (``w:commentRangeStart`` before the first,
``w:commentRangeEnd`` after the last), while a term usually starts or ends inside a run. The
run is then split at the term's boundaries into runs that share a copy of the original run
properties: the text and its formatting are unchanged, only the run boundaries move.

Word can only anchor comments in the main document story. Findings in headers, footers,
footnotes and endnotes are therefore listed together in one extra comment on the document's
first paragraph.
"""

from __future__ import annotations

import copy
import io
import os
from collections.abc import Iterable
from typing import IO, Any, Protocol

from .readers import MAX_BYTES, DocumentError, Location, detect_kind, load_bytes
from .readers._archive import open_zip, zip_kind
from .readers._docx import item_text, paragraph_runs, read_docx
from .readers._model import El

__all__ = ["AnnotatableFinding", "annotate_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_IN_BODY = ("body", "table")


class AnnotatableFinding(Protocol):
    """What annotate_docx needs of a finding (pat.terminology.Finding has it all)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def term(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def suggestions(self) -> tuple[str, ...]: ...
    @property
    def explanation(self) -> str: ...


def annotate_docx(
    source: str | os.PathLike[str] | bytes,
    findings: Iterable[AnnotatableFinding],
    out: str | os.PathLike[str] | IO[bytes],
    *,
    author: str = "PAT",
    initials: str = "PAT",
    max_bytes: int = MAX_BYTES,
) -> int:
    """Write ``source`` (a .docx path or bytes) to ``out`` with a comment per finding.

    Findings in the body and in table cells get a comment anchored on exactly their span.
    Findings in headers, footers, footnotes and endnotes, where Word cannot anchor comments,
    are listed in one comment on the first paragraph that has runs (an empty run is added to
    the first paragraph if none has; a body without any paragraph gets no list). Findings of
    zero length are skipped.
    Returns the number of comments added (the list comment included). Raises DocumentError
    if the file is not a readable .docx, and ValueError if a finding's offsets fall outside
    the document's text (they were computed on some other text).
    """
    data, _ = load_bytes(source, None, max_bytes)
    # Same content checks as reading an upload named .docx (encrypted, not a zip, ...).
    detect_kind(data, "document.docx")
    zf = open_zip(data)
    if zip_kind(zf) != "docx":
        raise DocumentError("only .docx files can be annotated")
    word, document, body = read_docx(data, zf)

    ordered = sorted(findings, key=lambda f: (f.start, f.end))
    for finding in ordered:
        if not 0 <= finding.start <= finding.end <= len(document.text):
            raise ValueError(
                f"finding {finding.term!r} at {finding.start}:{finding.end} is outside the "
                f"document's text (0..{len(document.text)}); offsets must come from "
                "read_document() of the same file"
            )

    added = 0
    elsewhere: list[tuple[AnnotatableFinding, Location]] = []
    for finding in ordered:
        pieces = [
            (span.paragraph, lo, hi)
            for span, lo, hi in document.overlapping(finding.start, finding.end)
            if span.part in _IN_BODY and span.paragraph is not None
        ]
        if pieces:
            first, last = _isolate(body, pieces)
            _add_comment(word, first, last, _comment_text(finding), author, initials)
            added += 1
        elif finding.end > finding.start:
            location = document.locate(finding.start)
            # A span of nothing but paragraph separators has no text to anchor or list.
            if location.part not in _IN_BODY:
                elsewhere.append((finding, location))

    if elsewhere:
        anchor = _first_paragraph_runs(body)
        if anchor is not None:
            lines = ["PAT also flagged these terms where Word cannot hold comments:"]
            lines += [_elsewhere_line(f, loc) for f, loc in elsewhere]
            _add_comment(word, anchor[0], anchor[1], "\n".join(lines), author, initials)
            added += 1
    word.save(out)
    return added


def annotate_bytes(data: bytes, findings: list[AnnotatableFinding]) -> bytes:
    """:func:`annotate_docx` from bytes to bytes, for running in a limited child process
    (``readers.run_limited(annotate_bytes, data, findings)``)."""
    out = io.BytesIO()
    annotate_docx(data, findings, out)
    return out.getvalue()


def _comment_text(finding: AnnotatableFinding) -> str:
    lines = [finding.message or f"“{finding.term}”"]
    if finding.suggestions:
        lines.append("Suggestions: " + "; ".join(finding.suggestions))
    if finding.explanation:
        lines.append(finding.explanation)
    return "\n".join(lines)


def _elsewhere_line(finding: AnnotatableFinding, loc: Location) -> str:
    where = f"{loc.part} {loc.story + 1}"
    line = f"• “{finding.term}” ({where}): {finding.message}"
    if finding.suggestions:
        line += " Suggestions: " + "; ".join(finding.suggestions)
    return line


def _add_comment(word: Any, first: El, last: El, text: str, author: str, initials: str) -> None:
    from docx.text.run import Run

    # add_comment only uses the runs' elements; the document is a valid parent for the proxy.
    word.add_comment(
        [Run(first, word), Run(last, word)], text=text, author=author, initials=initials
    )


def _isolate(body: list[El], pieces: list[tuple[int, int, int]]) -> tuple[El, El]:
    """Split runs so that each (paragraph, lo, hi) piece is covered by whole runs; return the
    first run of the first piece and the last run of the last piece."""
    first = last = None
    for paragraph, lo, hi in pieces:
        runs = _split_paragraph(body[paragraph], lo, hi)
        first = runs[0] if first is None else first
        last = runs[-1]
    assert first is not None and last is not None  # pieces is never empty here
    return first, last


def _split_paragraph(p: El, lo: int, hi: int) -> list[El]:
    """Make ``lo`` and ``hi`` (paragraph character offsets, lo < hi) fall on run boundaries
    and return the runs covering ``lo:hi``."""
    for boundary in (lo, hi):
        pos = 0
        for r, text in paragraph_runs(p):
            if pos < boundary < pos + len(text):
                _split_run(r, boundary - pos)
                break
            pos += len(text)
    covered = []
    pos = 0
    for r, text in paragraph_runs(p):
        if text and lo <= pos and pos + len(text) <= hi:
            covered.append(r)
        pos += len(text)
    return covered


def _split_run(r: El, k: int) -> None:
    """Split w:r ``r`` after its k-th character into two runs with the same properties."""
    tail = copy.deepcopy(r)
    r.addnext(tail)
    _keep(r, 0, k)
    _keep(tail, k, None)


def _keep(r: El, lo: int, hi: int | None) -> None:
    """Remove the content of run ``r`` outside characters ``lo:hi``, keeping w:rPr.

    Zero-width children (drawings, field characters, footnote references) stay in exactly one
    of the two halves, the one their position falls in, so nothing is duplicated.
    """
    pos = 0
    for child in list(r):
        if child.tag == _W + "rPr":
            continue
        length = len(item_text(child))
        end = pos + length
        inside = (
            (lo <= pos and (hi is None or end <= hi))
            if length
            else (lo <= pos and (hi is None or pos < hi))
        )
        if inside:
            pass
        elif end <= lo or (hi is not None and pos >= hi):
            r.remove(child)
        else:
            # Only w:t holds more than one character, so only a w:t can straddle a boundary.
            text = child.text or ""
            child.text = text[max(lo - pos, 0) : None if hi is None else hi - pos]
            child.set(_XML_SPACE, "preserve")
        pos = end


def _first_paragraph_runs(body: list[El]) -> tuple[El, El] | None:
    """Whole-paragraph anchor for the list comment: the first paragraph that has runs, or an
    empty run added to the first paragraph (an empty run adds no text)."""
    for p in body:
        runs = paragraph_runs(p)
        if runs:
            return runs[0][0], runs[-1][0]
    if not body:
        return None
    from docx.oxml.parser import OxmlElement

    run = OxmlElement("w:r")
    body[0].append(run)
    return run, run
