"""Accepted suggestions come back in the Word file as tracked changes; open findings as comments."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest
from lxml import etree

from pat.terminology.annotate import Edit, annotate_docx, edits_between
from pat.terminology.readers import read_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    term: str
    message: str = "prefer a neutral term"
    suggestions: tuple[str, ...] = ("chair",)
    explanation: str = ""


def apply(text: str, edits: list[Edit]) -> str:
    for edit in reversed(edits):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


@pytest.mark.parametrize(
    ("original", "current", "expected"),
    [
        ("same text", "same text", []),
        ("The chairman spoke.", "The chair spoke.", [Edit(4, 12, "chair")]),
        ("Ask him now.", "Ask them now.", [Edit(4, 7, "them")]),
        ("he went", "he or she went", [Edit(0, 3, "he or she ")]),
        ("Dear Sirs,\nhello", "Dear all,\nhello", [Edit(5, 9, "all")]),
        ("x", "a x b", [Edit(0, 1, "a x b")]),
        (
            "The chairman asked for manpower.",
            "The chair asked for staff.",
            [Edit(4, 12, "chair"), Edit(23, 31, "staff")],
        ),
    ],
)
def test_edits_between_are_the_word_changes_in_order(
    original: str, current: str, expected: list[Edit]
) -> None:
    edits = edits_between(original, current)
    assert edits == expected
    assert apply(original, edits) == current


def sample() -> tuple[bytes, str]:
    document = docx.Document()
    p = document.add_paragraph("Our ")
    p.add_run("chairman").bold = True
    p.add_run(" spoke.")
    document.add_paragraph("We need more manpower.")
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    return data, read_document(data, "a.docx").text


def hits(text: str, *terms: str) -> list[Hit]:
    return [Hit(text.index(t), text.index(t) + len(t), t) for t in terms]


def annotated(data: bytes, findings: list[Hit], accepted: list[Edit]) -> tuple[int, bytes]:
    out = io.BytesIO()
    added = annotate_docx(data, findings, out, accepted=accepted)
    return added, out.getvalue()


def body_of(data: bytes) -> Any:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def test_an_accepted_suggestion_is_a_tracked_change_and_only_open_findings_are_commented() -> None:
    data, text = sample()
    edited = text.replace("chairman", "chair")
    added, result = annotated(data, hits(text, "chairman", "manpower"), edits_between(text, edited))

    assert added == 1
    (comment,) = docx.Document(io.BytesIO(result)).comments
    assert "prefer a neutral term" in comment.text
    root = body_of(result)
    (deletion,) = root.iter(W + "del")
    (insertion,) = root.iter(W + "ins")
    assert "".join(t.text for t in deletion.iter(W + "delText")) == "chairman"
    assert "".join(t.text for t in insertion.iter(W + "t")) == "chair"
    assert deletion.get(W + "author") == insertion.get(W + "author") == "PAT"
    assert deletion.get(W + "id") != insertion.get(W + "id")
    # The inserted word keeps the formatting of the word it replaces.
    assert insertion.find(f"{W}r/{W}rPr/{W}b") is not None
    # Read as Word shows it with the changes accepted: the user's edited text.
    assert read_document(result, "a.docx").text == edited


def test_several_edits_in_one_paragraph_all_land_where_they_belong() -> None:
    document = docx.Document()
    document.add_paragraph("The chairman and the spokesman need manpower.")
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    text = read_document(data, "a.docx").text
    edited = "The chair and the spokesperson need staff."
    added, result = annotated(data, [], edits_between(text, edited))
    assert added == 0
    assert read_document(result, "a.docx").text == edited
    deleted = [
        "".join(t.text for t in d.iter(W + "delText")) for d in body_of(result).iter(W + "del")
    ]
    assert deleted == ["chairman", "spokesman", "manpower"]


def test_an_edit_word_cannot_track_there_is_listed_for_the_author_instead() -> None:
    data, text = sample()
    # Joining two paragraphs is not a change the annotator writes: it is listed.
    edit = Edit(text.index("spoke."), text.index("We") + 2, "spoke; we")
    added, result = annotated(data, [], [edit])
    assert added == 1
    (comment,) = docx.Document(io.BytesIO(result)).comments
    assert "“spoke.\nWe” → “spoke; we”" in comment.text
    assert list(body_of(result).iter(W + "del")) == []


@pytest.mark.parametrize(
    "edits",
    [[Edit(0, 10_000, "x")], [Edit(4, 12, "chair"), Edit(8, 14, "x")], [Edit(5, 2, "x")]],
)
def test_edits_outside_the_text_or_overlapping_are_refused(edits: list[Edit]) -> None:
    data, _ = sample()
    with pytest.raises(ValueError, match="edit"):
        annotated(data, [], edits)


def test_libreoffice_reads_the_accepted_suggestion_as_a_tracked_change(
    tmp_path: Path, convert_with_libreoffice: Any
) -> None:
    data, text = sample()
    edited = text.replace("chairman", "chair")
    _, result = annotated(data, hits(text, "chairman", "manpower"), edits_between(text, edited))
    source = tmp_path / "annotated.docx"
    source.write_bytes(result)
    odt = convert_with_libreoffice(source, "odt")
    with zipfile.ZipFile(odt) as zf:
        content = etree.fromstring(zf.read("content.xml"))
    text_ns = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
    office_ns = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
    deletions = list(content.iter(text_ns + "deletion"))
    insertions = list(content.iter(text_ns + "insertion"))
    assert len(deletions) == 1 and len(insertions) == 1
    assert "chairman" in "".join(deletions[0].itertext())
    assert len(list(content.iter(office_ns + "annotation"))) == 1
