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

Suggestions the user accepted on the check page come back as ``accepted`` edits (offsets into
the same text, see :func:`edits_between`). They are written as tracked changes (``w:del``
around the old runs, ``w:ins`` with the new text), so the author sees and can reject each one
in Word or LibreOffice; the findings they resolve get no comment. An edit Word cannot track
where it falls (across paragraphs, outside the body) is listed in the extra comment instead.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import io
import os
import re
from collections.abc import Iterable, Sequence
from typing import IO, Any, NamedTuple, Protocol

from .readers import MAX_BYTES, DocumentError, Location, detect_kind, load_bytes
from .readers._archive import open_zip, zip_kind
from .readers._docx import item_text, paragraph_runs, read_docx
from .readers._model import El

__all__ = ["AnnotatableFinding", "Edit", "annotate_docx", "edits_between"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_IN_BODY = ("body", "table")
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


class Edit(NamedTuple):
    """Replace ``text[start:end]`` of the document's text with ``replacement``."""

    start: int
    end: int
    replacement: str


def edits_between(original: str, current: str) -> list[Edit]:
    """The word-level changes that turn ``original`` into ``current``, in order, disjoint.

    A pure insertion is widened to the word before it (or after it, at the very start) so
    that every edit replaces something: a tracked change then reads "he → he or she".
    """
    if original == current:
        return []
    a, b = _TOKENS.findall(original), _TOKENS.findall(current)
    spans: list[list[int]] = []  # [i1, i2, j1, j2] token ranges
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i1 == i2 and a:  # insertion: take in the neighbouring word of the original
            if i1 > 0:
                i1, j1 = i1 - 1, j1 - 1
                while i1 > 0 and not a[i1][0].isalnum():
                    i1, j1 = i1 - 1, j1 - 1
            else:
                i2, j2 = i2 + 1, j2 + 1
                while i2 < len(a) and not a[i2 - 1][0].isalnum():
                    i2, j2 = i2 + 1, j2 + 1
        if spans and i1 < spans[-1][1]:  # two widened insertions took the same word
            spans[-1] = [spans[-1][0], max(i2, spans[-1][1]), spans[-1][2], max(j2, spans[-1][3])]
        else:
            spans.append([i1, i2, j1, j2])
    at_a, at_b = _offsets(a), _offsets(b)
    return [Edit(at_a[i1], at_a[i2], current[at_b[j1] : at_b[j2]]) for i1, i2, j1, j2 in spans]


def _offsets(tokens: Sequence[str]) -> list[int]:
    out, pos = [0], 0
    for token in tokens:
        pos += len(token)
        out.append(pos)
    return out


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
    accepted: Iterable[Edit] = (),
) -> int:
    """Write ``source`` (a .docx path or bytes) to ``out`` with a comment per finding.

    Findings in the body and in table cells get a comment anchored on exactly their span.
    Findings in headers, footers, footnotes and endnotes, where Word cannot anchor comments,
    are listed in one comment on the first paragraph that has runs (an empty run is added to
    the first paragraph if none has; a body without any paragraph gets no list). Findings of
    zero length are skipped.
    ``accepted`` edits become tracked changes, and findings they overlap get no comment.
    Returns the number of comments added (the list comment included). Raises DocumentError
    if the file is not a readable .docx, and ValueError if a finding's or an edit's offsets
    fall outside the document's text (they were computed on some other text) or two edits
    overlap.
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

    edits = sorted(accepted)
    for i, edit in enumerate(edits):
        if not 0 <= edit.start <= edit.end <= len(document.text) or (
            i and edit.start < edits[i - 1].end
        ):
            raise ValueError(
                f"accepted edit at {edit.start}:{edit.end} is outside the document's text "
                "or overlaps another edit"
            )
    ordered = [f for f in ordered if not any(_touches(f, edit) for edit in edits)]

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

    # Last edit first: changing a paragraph leaves the offsets before the change valid.
    unapplied: list[Edit] = []
    tracking = _Tracking(word, author)
    for edit in reversed(edits):
        touched = document.overlapping(edit.start, edit.end)
        span, lo, hi = touched[0] if len(touched) == 1 else (None, 0, 0)
        if (
            span is not None
            and span.part in _IN_BODY
            and span.paragraph is not None
            and hi - lo == edit.end - edit.start
        ):
            tracking.replace(_split_paragraph(body[span.paragraph], lo, hi), edit.replacement)
        else:
            unapplied.append(edit)

    if elsewhere or unapplied:
        anchor = _first_paragraph_runs(body)
        if anchor is not None:
            lines = []
            if elsewhere:
                lines.append("PAT also flagged these terms where Word cannot hold comments:")
                lines += [_elsewhere_line(f, loc) for f, loc in elsewhere]
            if unapplied:
                lines.append("Accepted suggestions to make by hand (Word cannot track them there):")
                lines += [
                    f"• “{document.text[e.start : e.end]}” → “{e.replacement}”"
                    for e in reversed(unapplied)
                ]
            _add_comment(word, anchor[0], anchor[1], "\n".join(lines), author, initials)
            added += 1
    word.save(out)
    return added


def _touches(finding: AnnotatableFinding, edit: Edit) -> bool:
    """Whether an accepted edit resolves the finding: their spans share a character."""
    return finding.start < edit.end and edit.start < finding.end


class _Tracking:
    """Writes tracked changes into one document: ids unique in it, one author and time."""

    def __init__(self, word: Any, author: str) -> None:
        ids = [
            int(v)
            for el in word.element.body.iter()
            if (v := el.get(_W + "id")) is not None and v.lstrip("-").isdigit()
        ]
        self.next_id = max(ids, default=0) + 1
        self.author = author
        self.date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def _mark(self, tag: str) -> El:
        from docx.oxml.parser import OxmlElement

        mark = OxmlElement(tag)
        mark.set(_W + "id", str(self.next_id))
        mark.set(_W + "author", self.author)
        mark.set(_W + "date", self.date)
        self.next_id += 1
        return mark

    def replace(self, runs: list[El], replacement: str) -> None:
        """Mark ``runs`` deleted and insert ``replacement`` after them, in the first run's
        formatting."""
        from docx.oxml.parser import OxmlElement

        if not runs:
            return
        properties = runs[0].find(_W + "rPr")
        last: El = runs[-1]
        for run in runs:
            deletion = self._mark("w:del")
            run.addprevious(deletion)
            deletion.append(run)
            for child in run:
                if child.tag == _W + "t":
                    child.tag = _W + "delText"
                elif child.tag == _W + "instrText":
                    child.tag = _W + "delInstrText"
            last = deletion
        if not replacement:
            return
        insertion = self._mark("w:ins")
        run = OxmlElement("w:r")
        if properties is not None:
            run.append(copy.deepcopy(properties))
        text = OxmlElement("w:t")
        text.text = replacement
        text.set(_XML_SPACE, "preserve")
        run.append(text)
        insertion.append(run)
        last.addnext(insertion)


def annotate_bytes(
    data: bytes, findings: list[AnnotatableFinding], accepted: Iterable[Edit] = ()
) -> bytes:
    """:func:`annotate_docx` from bytes to bytes, for running in a limited child process
    (``readers.run_limited(annotate_bytes, data, findings, accepted)``)."""
    out = io.BytesIO()
    annotate_docx(data, findings, out, accepted=accepted)
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
