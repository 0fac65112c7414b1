"""Word annotation: a comment on exactly each flagged term, the author's text untouched."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pat.terminology.annotate import annotate_docx
from pat.terminology.readers import DocumentError, read_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_NS = W[1:-1]
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True)
class Hit:
    """Stands in for pat.terminology.Finding: annotate_docx needs only these fields."""

    start: int
    end: int
    term: str
    message: str = "prefer a neutral term"
    suggestions: tuple[str, ...] = ("chair", "chairperson")
    explanation: str = "Job titles should not assume a gender."


def save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def hit(text: str, term: str, nth: int = 0, **fields) -> Hit:
    start = -1
    for _ in range(nth + 1):
        start = text.index(term, start + 1)
    return Hit(start, start + len(term), term, **fields)


def annotate(data: bytes, findings) -> tuple[int, bytes]:
    out = io.BytesIO()
    added = annotate_docx(data, findings, out)
    return added, out.getvalue()


def anchored_texts(data: bytes) -> dict[int, str]:
    """Text between each comment's range start and end, walking document.xml in order."""
    body = docx.Document(io.BytesIO(data)).element.body
    open_ranges: dict[int, list[str]] = {}
    done: dict[int, str] = {}
    for el in body.iter():
        if el.tag == W + "commentRangeStart":
            open_ranges[int(el.get(W + "id"))] = []
        elif el.tag == W + "commentRangeEnd":
            comment_id = int(el.get(W + "id"))
            done[comment_id] = "".join(open_ranges.pop(comment_id))
        elif el.tag == W + "t":
            for parts in open_ranges.values():
                parts.append(el.text or "")
    return done


def formatting(data: bytes) -> list[tuple[str, bool | None, bool | None]]:
    """Every body character with the bold and italic setting of its run."""
    document = docx.Document(io.BytesIO(data))
    return [
        (char, run.bold, run.italic)
        for p in document.paragraphs
        for run in p.runs
        for char in run.text
    ]


def sample() -> tuple[bytes, str]:
    document = docx.Document()
    document.add_paragraph("The chairman opened the meeting.")
    p = document.add_paragraph("Then the ")
    p.add_run("spokesman").bold = True
    p.add_run(" said more ")
    p.add_run("man").italic = True
    p.add_run("power was needed.")
    data = save(document)
    return data, read_document(data, "a.docx").text


def test_three_findings_get_three_comments_anchored_on_exactly_the_terms():
    data, text = sample()
    findings = [hit(text, "chairman"), hit(text, "spokesman"), hit(text, "manpower")]
    added, result = annotate(data, findings)
    assert added == 3
    comments = list(docx.Document(io.BytesIO(result)).comments)
    assert len(comments) == 3
    assert {c.author for c in comments} == {"PAT"}
    assert sorted(anchored_texts(result).values()) == ["chairman", "manpower", "spokesman"]


def test_annotation_leaves_the_text_and_its_formatting_identical():
    data, text = sample()
    findings = [hit(text, "chairman"), hit(text, "spokesman"), hit(text, "manpower")]
    _, result = annotate(data, findings)
    assert read_document(result, "a.docx").text == text
    assert formatting(result) == formatting(data)
    assert [p.text for p in docx.Document(io.BytesIO(result)).paragraphs] == [
        p.text for p in docx.Document(io.BytesIO(data)).paragraphs
    ]


def test_a_term_inside_a_bold_run_is_anchored_on_a_bold_run():
    data, text = sample()
    _, result = annotate(data, [hit(text, "spokes")])
    document = docx.Document(io.BytesIO(result))
    runs = document.paragraphs[1].runs
    assert [r.text for r in runs if r.bold] == ["spokes", "man"]
    assert anchored_texts(result) == {0: "spokes"}


def test_the_comment_holds_the_message_suggestions_and_explanation():
    data, text = sample()
    _, result = annotate(data, [hit(text, "chairman", message='"chairman": prefer "chair"')])
    (comment,) = docx.Document(io.BytesIO(result)).comments
    assert comment.text.split("\n") == [
        '"chairman": prefer "chair"',
        "Suggestions: chair; chairperson",
        "Job titles should not assume a gender.",
    ]


def test_findings_in_table_cells_are_anchored_too():
    document = docx.Document()
    document.add_paragraph("Intro")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 1).paragraphs[0].text = "Ask the foreman"
    nested = table.cell(0, 0).add_table(rows=1, cols=1)
    nested.cell(0, 0).paragraphs[0].text = "Nested fireman"
    data = save(document)
    text = read_document(data, "t.docx").text
    added, result = annotate(data, [hit(text, "foreman"), hit(text, "fireman")])
    assert added == 2
    assert sorted(anchored_texts(result).values()) == ["fireman", "foreman"]
    assert read_document(result, "t.docx").text == text


def test_two_findings_in_one_run_and_overlapping_findings_all_anchor():
    document = docx.Document()
    document.add_paragraph("the chairman and the chairman's deputy")
    data = save(document)
    text = read_document(data, "a.docx").text
    findings = [hit(text, "chairman"), hit(text, "chairman's"), hit(text, "man", nth=1)]
    added, result = annotate(data, findings)
    assert added == 3
    assert sorted(anchored_texts(result).values()) == ["chairman", "chairman's", "man"]
    assert read_document(result, "a.docx").text == text


def test_findings_in_headers_and_footers_are_listed_in_one_comment_on_the_first_paragraph():
    document = docx.Document()
    document.add_paragraph("Body text about a chairman")
    document.sections[0].header.paragraphs[0].text = "Header: the spokesman"
    document.sections[0].footer.paragraphs[0].text = "Footer: the fireman"
    data = save(document)
    text = read_document(data, "h.docx").text
    findings = [hit(text, "chairman"), hit(text, "spokesman"), hit(text, "fireman")]
    added, result = annotate(data, findings)
    assert added == 2
    anchored = anchored_texts(result)
    assert sorted(anchored.values()) == ["Body text about a chairman", "chairman"]
    listing = next(c for c in docx.Document(io.BytesIO(result)).comments if "Word" in c.text)
    assert "“spokesman” (header 1)" in listing.text
    assert "“fireman” (footer 1)" in listing.text
    assert read_document(result, "h.docx").text == text


def test_a_finding_across_two_paragraphs_is_anchored_from_the_first_to_the_second():
    document = docx.Document()
    document.add_paragraph("ends with chair")
    document.add_paragraph("man starts here")
    data = save(document)
    text = read_document(data, "a.docx").text
    added, result = annotate(data, [hit(text, "chair\nman")])
    assert added == 1
    assert anchored_texts(result) == {0: "chairman"}  # w:t text only; the break is the \n
    assert read_document(result, "a.docx").text == text


def test_zero_length_findings_are_skipped():
    data, text = sample()
    added, result = annotate(data, [Hit(4, 4, "")])
    assert added == 0
    assert read_document(result, "a.docx").text == text


def test_findings_outside_the_text_are_a_caller_error():
    data, text = sample()
    with pytest.raises(ValueError, match="outside the document's text"):
        annotate(data, [Hit(len(text), len(text) + 5, "ghost")])


def test_only_a_docx_can_be_annotated():
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<x/>")
    with pytest.raises(DocumentError, match=r"only \.docx"):
        annotate(odt.getvalue(), [])
    with pytest.raises(DocumentError):
        annotate(b"plain text", [])


def test_annotation_writes_to_a_path(tmp_path):
    data, text = sample()
    source = tmp_path / "in.docx"
    source.write_bytes(data)
    target = tmp_path / "out.docx"
    assert annotate_docx(source, [hit(text, "chairman")], target) == 1
    assert read_document(target).text == text


def test_runs_with_tabs_breaks_and_hyperlinks_split_cleanly():
    document = docx.Document()
    p = document.add_paragraph("a\tchair")
    p.add_run("man\nnext")
    from docx.oxml.parser import parse_xml

    link = parse_xml(
        f'<w:hyperlink xmlns:w="{W_NS}" xmlns:r="{R_NS}" r:id="rId99">'
        '<w:r><w:t xml:space="preserve"> linked fireman here</w:t></w:r></w:hyperlink>'
    )
    p._p.append(link)
    data = save(document)
    text = read_document(data, "a.docx").text
    added, result = annotate(data, [hit(text, "chairman"), hit(text, "fireman")])
    assert added == 2
    assert read_document(result, "a.docx").text == text
    assert sorted(anchored_texts(result).values()) == ["chairman", "fireman"]


run_text = st.text(alphabet="abc XYZ", min_size=1, max_size=6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    paragraphs=st.lists(st.lists(run_text, min_size=1, max_size=5), min_size=1, max_size=3),
    data=st.data(),
)
def test_any_span_of_any_run_layout_is_anchored_exactly_and_the_text_is_kept(paragraphs, data):
    document = docx.Document()
    for runs in paragraphs:
        p = document.add_paragraph()
        for i, piece in enumerate(runs):
            p.add_run(piece).bold = i % 2 == 0
    source = save(document)
    text = read_document(source, "p.docx").text
    index = data.draw(st.integers(0, len(paragraphs) - 1))
    span = read_document(source, "p.docx").spans[index]
    lo = data.draw(st.integers(span.start, span.end - 1))
    hi = data.draw(st.integers(lo + 1, span.end))
    added, result = annotate(source, [Hit(lo, hi, text[lo:hi])])
    assert added == 1
    assert anchored_texts(result) == {0: text[lo:hi]}
    assert read_document(result, "p.docx").text == text
    assert formatting(result) == formatting(source)


def test_findings_of_the_real_checker_are_anchored_on_their_spans():
    from pat.terminology import check

    document = docx.Document()
    p = document.add_paragraph("The ")
    p.add_run("chair").bold = True
    p.add_run("man thanked the spokesman.")
    document.sections[0].header.paragraphs[0].text = "Minutes"
    data = save(document)
    text = read_document(data, "minutes.docx").text
    findings = check(text, "en")
    assert findings
    added, result = annotate(data, findings)
    assert added == len(findings)
    assert sorted(anchored_texts(result).values()) == sorted(
        text[f.start : f.end] for f in findings
    )
    assert read_document(result, "minutes.docx").text == text
