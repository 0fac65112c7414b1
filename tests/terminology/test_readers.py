"""Document readers: text and position map per format, and a clear refusal of hostile files.

Every sample file is generated here (python-docx, zipfile, a hand-written PDF) so the tests
show exactly what they feed the reader.
"""

from __future__ import annotations

import codecs
import io
import struct
import time
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pat.terminology.readers import (
    MAX_MEMBERS,
    DocumentError,
    Location,
    read_document,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
)
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
)


# --------------------------------------------------------------------------- file factories


def save(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rewrite_zip(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    """Copy a zip, replacing (or with None, dropping) the named members, adding new ones."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename in changes:
                continue
            dst.writestr(info, src.read(info.filename), zipfile.ZIP_DEFLATED)
        for name, content in changes.items():
            if content is not None:
                dst.writestr(name, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def zip_bytes(members: dict[str, bytes | str], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return out.getvalue()


def notes_xml(kind: str, texts: list[str]) -> bytes:
    """A footnotes.xml or endnotes.xml part with Word's two separator notes first."""
    notes = [
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>',
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        f"<w:continuationSeparator/></w:r></w:p></w:{kind}>",
    ]
    for number, text in enumerate(texts, start=1):
        ref = "footnoteRef" if kind == "footnote" else "endnoteRef"
        notes.append(
            f'<w:{kind} w:id="{number}"><w:p><w:r><w:{ref}/></w:r>'
            f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:{kind}>'
        )
    return f'<w:{kind}s xmlns:w="{W_NS}">{"".join(notes)}</w:{kind}s>'.encode()


def with_notes(data: bytes, footnotes: list[str], endnotes: list[str]) -> bytes:
    """Add footnotes.xml and endnotes.xml parts, their relationships and content types."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        types = zf.read("[Content_Types].xml").decode()
        rels = zf.read("word/_rels/document.xml.rels").decode()
    ct = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    types = types.replace(
        "</Types>",
        f'<Override PartName="/word/footnotes.xml" ContentType="{ct}.footnotes+xml"/>'
        f'<Override PartName="/word/endnotes.xml" ContentType="{ct}.endnotes+xml"/></Types>',
    )
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rIdFn" Type="{R_NS}/footnotes" Target="footnotes.xml"/>'
        f'<Relationship Id="rIdEn" Type="{R_NS}/endnotes" Target="endnotes.xml"/>'
        "</Relationships>",
    )
    return rewrite_zip(
        data,
        {
            "[Content_Types].xml": types.encode(),
            "word/_rels/document.xml.rels": rels.encode(),
            "word/footnotes.xml": notes_xml("footnote", footnotes),
            "word/endnotes.xml": notes_xml("endnote", endnotes),
        },
    )


def add_note_reference(paragraph: docx.text.paragraph.Paragraph, kind: str, number: int) -> None:
    run = paragraph.add_run()
    run._r.append(OxmlElement(f"w:{kind}Reference", {qn("w:id"): str(number)}))


def rich_docx() -> bytes:
    """Body, formatted runs, a table with a nested table, two sections with their own headers
    and footers, a footnote and an endnote."""
    document = docx.Document()
    document.add_heading("Annual report", level=1)
    p = document.add_paragraph("The ")
    p.add_run("chairman").bold = True
    p.add_run(" spoke.")
    add_note_reference(p, "footnote", 1)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).paragraphs[0].text = "Cell with a fireman"
    outer = table.cell(0, 1)
    outer.paragraphs[0].text = "Outer cell"
    outer.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0].text = "Nested cell"
    closing = document.add_paragraph("Closing words")
    add_note_reference(closing, "endnote", 1)
    first = document.sections[0]
    first.header.paragraphs[0].text = "First header"
    first.footer.paragraphs[0].text = "First footer"
    second = document.add_section()
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "Second header"
    document.add_paragraph("Second section text")
    return with_notes(save(document), ["A footnote on the chairman."], ["An endnote."])


def odt_bytes(body: str, *, styles: str | None = None, manifest: str | None = None) -> bytes:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODF_NS} '
        f'office:version="1.2"><office:body><office:text>{body}</office:text></office:body>'
        "</office:document-content>"
    )
    members: dict[str, bytes | str] = {
        "mimetype": "application/vnd.oasis.opendocument.text",
        "content.xml": content,
    }
    if styles is not None:
        members["styles.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {ODF_NS}>'
            f"<office:master-styles>{styles}</office:master-styles></office:document-styles>"
        )
    if manifest is not None:
        members["META-INF/manifest.xml"] = manifest
    return zip_bytes(members)


def pdf_bytes(pages: list[str]) -> bytes:
    """A minimal valid PDF, written by hand: one Helvetica text object per page."""
    count = len(pages)
    font_id = 3 + 2 * count
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [{}] /Count {} >>".format(
            " ".join(f"{3 + 2 * i} 0 R" for i in range(count)), count
        ),
    ]
    for i, text in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>"
        )
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        stream = f"BT /F1 12 Tf 72 720 Td ({escaped}) Tj ET" if text else ""
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def paragraph_of(doc, needle: str) -> Location:
    return doc.locate(doc.text.index(needle))


# --------------------------------------------------------------------------- plain text, markdown


def test_plain_text_is_read_verbatim_with_offsets_into_the_file():
    doc = read_document(b"Line one\r\nThe chairman.\n", "notes.txt")
    assert doc.text == "Line one\r\nThe chairman.\n"
    assert doc.kind == "txt"
    assert doc.locate(14) == Location("body", None, 14)


def test_utf8_byte_order_mark_is_dropped():
    doc = read_document(codecs.BOM_UTF8 + "café".encode(), "a.txt")
    assert doc.text == "café"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_byte_order_mark_is_decoded(encoding):
    bom = codecs.BOM_UTF16_LE if encoding == "utf-16-le" else codecs.BOM_UTF16_BE
    doc = read_document(bom + "Présidente du comité".encode(encoding), "a.txt")
    assert doc.text == "Présidente du comité"


def test_windows_1252_is_the_fallback_for_non_utf8_text():
    doc = read_document("“Naïve” chairman’s café".encode("cp1252"), "legacy.txt")
    assert doc.text == "“Naïve” chairman’s café"


def test_markdown_keeps_its_markup_so_offsets_point_into_the_source():
    source = "# Title\n\nThe **chairman** [spoke](http://x).\n"
    doc = read_document(source.encode(), "README.md")
    assert doc.kind == "md"
    assert doc.text == source
    start = source.index("chairman")
    assert doc.locate(start) == Location("body", None, start)


def test_bytes_without_a_name_are_recognised_by_content():
    assert read_document(b"just text").kind == "txt"
    assert read_document(save(docx.Document())).kind == "docx"
    assert read_document(pdf_bytes(["Hello"])).kind == "pdf"


def test_a_path_is_read_and_its_name_decides_markdown(tmp_path: Path):
    path = tmp_path / "notes.md"
    path.write_text("*chairman*", encoding="utf-8")
    assert read_document(path).kind == "md"
    assert read_document(str(path)).text == "*chairman*"


# --------------------------------------------------------------------------- .docx


def test_docx_reads_body_tables_nested_tables_headers_footers_and_notes_in_order():
    doc = read_document(rich_docx(), "report.docx")
    assert doc.text == (
        "Annual report\nThe chairman spoke.\nCell with a fireman\nOuter cell\nNested cell\n\n"
        "Closing words\n\nSecond section text"  # the empty paragraph ends section 1
        "\n\nFirst header\n\nFirst footer\n\nSecond header"
        "\n\nA footnote on the chairman.\n\nAn endnote."
    )
    assert doc.kind == "docx"


def test_docx_positions_name_the_part_paragraph_and_character():
    doc = read_document(rich_docx(), "report.docx")
    assert paragraph_of(doc, "chairman spoke") == Location("body", 1, 4)
    assert paragraph_of(doc, "fireman") == Location("table", 2, 12)
    assert paragraph_of(doc, "Nested") == Location("table", 4, 0)
    assert paragraph_of(doc, "Closing") == Location("body", 6, 0)
    assert paragraph_of(doc, "Second header") == Location("header", 0, 0, story=1)
    assert paragraph_of(doc, "footer") == Location("footer", 0, 6)
    assert paragraph_of(doc, "chairman.") == Location("footnote", 0, 18)
    assert paragraph_of(doc, "endnote.") == Location("endnote", 0, 3)


def test_docx_headers_shared_by_sections_are_read_once():
    document = docx.Document()
    document.add_paragraph("One")
    document.sections[0].header.paragraphs[0].text = "Shared header"
    document.add_section()  # linked to the previous section's header
    document.add_paragraph("Two")
    doc = read_document(save(document), "a.docx")
    assert doc.text.count("Shared header") == 1


def test_docx_runs_tabs_breaks_links_and_tracked_changes_read_as_displayed():
    document = docx.Document()
    p = document.add_paragraph("Line\tone")
    p.add_run().add_break()
    p.add_run("two ")
    xml = (
        f'<w:root xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        '<w:hyperlink r:id="rId99"><w:r><w:t>linked</w:t></w:r></w:hyperlink>'
        '<w:ins w:id="1" w:author="a"><w:r><w:t xml:space="preserve"> inserted</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="a"><w:r><w:delText> deleted</w:delText></w:r></w:del>'
        "<w:r><w:instrText> PAGE </w:instrText></w:r>"
        "</w:root>"
    )
    from docx.oxml.parser import parse_xml

    for child in list(parse_xml(xml)):
        p._p.append(child)
    doc = read_document(save(document), "a.docx")
    assert doc.text == "Line\tone\ntwo linked inserted"


def test_an_empty_docx_reads_as_empty_text():
    doc = read_document(save(docx.Document()), "empty.docx")
    assert doc.text == ""
    assert doc.locate(0).part == "body"


paragraph_text = st.lists(
    st.text(
        alphabet=st.one_of(
            st.characters(blacklist_categories=("Cs", "Cc", "Cn")), st.sampled_from("\t\n ")
        ),
        max_size=12,
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=st.lists(paragraph_text, min_size=1, max_size=6), data=st.data())
def test_docx_text_contains_every_paragraph_and_locate_maps_back(paragraphs, data):
    document = docx.Document()
    for runs in paragraphs:
        p = document.add_paragraph()
        for i, text in enumerate(runs):
            p.add_run(text).bold = i % 2 == 1
    doc = read_document(save(document), "random.docx")
    expected = ["".join(runs) for runs in paragraphs]
    assert doc.text == "\n".join(expected)
    for index, text in enumerate(expected):
        span = doc.spans[index]
        assert doc.text[span.start : span.end] == text
        char = data.draw(st.integers(0, len(text)))
        assert doc.locate(span.start + char) == Location("body", index, char)


def test_locate_covers_every_offset_including_separators_and_the_end():
    doc = read_document(rich_docx(), "report.docx")
    for offset in range(len(doc.text) + 1):
        location = doc.locate(offset)
        span = doc.span_at(offset)
        assert span.start <= offset
        assert location.char == min(offset - span.start, span.end - span.start)
    with pytest.raises(IndexError):
        doc.locate(len(doc.text) + 1)


def test_reading_a_100_page_docx_takes_well_under_a_second():
    document = docx.Document()
    words = [
        "the",
        "chairman",
        "and",
        "the",
        "committee",
        "discussed",
        "the",
        "budget",
        "of",
        "the",
        "project",
        "with",
        "every",
        "stakeholder",
    ]
    for i in range(1000):  # 1000 paragraphs of 40 words: about 100 pages
        p = document.add_paragraph(" ".join(words[(i + j) % len(words)] for j in range(30)))
        p.add_run(" bold words here").bold = True
        p.add_run(" and the rest of the sentence ends.")
        if i % 100 == 0:
            table = document.add_table(rows=3, cols=3)
            for cell in table._cells:
                cell.text = "cell text"
    data = save(document)
    start = time.perf_counter()
    doc = read_document(data, "long.docx")
    elapsed = time.perf_counter() - start
    assert len(doc.text.split()) > 39_000
    # Generous bound: the machine is shared. Measured alone it is ~0.1 s.
    assert elapsed < 2.0


# --------------------------------------------------------------------------- .odt

ODT_BODY = (
    '<text:h text:outline-level="1">Annual report</text:h>'
    '<text:p>The<text:s text:c="2"/>chairman<text:tab/>spoke.<text:line-break/>Next line</text:p>'
    "<text:p>  Collapsed \n   white   space</text:p>"
    "<text:list><text:list-item><text:p>First item</text:p></text:list-item>"
    "<text:list-item><text:list><text:list-item><text:p>Nested <text:span>item</text:span>"
    "</text:p></text:list-item></text:list></text:list-item></text:list>"
    "<table:table><table:table-row><table:table-cell><text:p>Cell A</text:p>"
    "</table:table-cell><table:table-cell><text:p>Cell B</text:p></table:table-cell>"
    "</table:table-row></table:table>"
    '<text:p>Fireman<text:note text:note-class="footnote">'
    "<text:note-citation>1</text:note-citation>"
    "<text:note-body><text:p>A note about firemen.</text:p></text:note-body></text:note> ends."
    "<draw:frame><draw:text-box><text:p>Text box</text:p></draw:text-box></draw:frame></text:p>"
)


def test_odt_reads_headings_paragraphs_lists_tables_and_spacing_elements():
    doc = read_document(odt_bytes(ODT_BODY), "report.odt")
    assert doc.kind == "odt"
    assert doc.text == (
        "Annual report\nThe  chairman\tspoke.\nNext line\nCollapsed white space\n"
        "First item\nNested item\nCell A\nCell B\nFireman ends.\n\nA note about firemen."
    )


def test_odt_positions_name_the_part_paragraph_and_character():
    styles = (
        '<style:master-page style:name="Standard"><style:header><text:p>Running header</text:p>'
        "</style:header><style:footer><text:p>Page footer</text:p></style:footer>"
        "</style:master-page>"
    )
    doc = read_document(odt_bytes(ODT_BODY, styles=styles), "report.odt")
    assert paragraph_of(doc, "chairman") == Location("body", 1, 5)
    assert paragraph_of(doc, "Cell B") == Location("table", 6, 0)
    assert paragraph_of(doc, "header") == Location("header", 0, 8)
    assert paragraph_of(doc, "Page footer") == Location("footer", 0, 0)
    assert paragraph_of(doc, "firemen") == Location("footnote", 0, 13)


# --------------------------------------------------------------------------- .pdf


def test_pdf_pages_are_separated_by_a_blank_line_and_located_by_page():
    doc = read_document(pdf_bytes(["The chairman spoke.", "Page two (fireman)."]), "a.pdf")
    assert doc.kind == "pdf"
    assert doc.text == "The chairman spoke.\n\nPage two (fireman)."
    assert paragraph_of(doc, "chairman") == Location("body", None, 4, page=1)
    assert paragraph_of(doc, "fireman") == Location("body", None, 10, page=2, story=1)


# --------------------------------------------------------------------------- hostile input


def test_a_file_over_the_size_limit_is_refused():
    with pytest.raises(DocumentError, match="larger than"):
        read_document(b"x" * 2000, "big.txt", max_bytes=1000)


def test_a_path_over_the_size_limit_is_refused_before_reading(tmp_path: Path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2000)
    with pytest.raises(DocumentError, match="larger than"):
        read_document(path, max_bytes=1000)


def test_a_zip_bomb_member_is_refused_by_its_compression_ratio():
    bomb = zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": b"\0" * 20_000_000})
    with pytest.raises(DocumentError, match="zip bomb"):
        read_document(bomb, "bomb.docx")


def test_a_zip_declaring_more_than_the_uncompressed_cap_is_refused_before_inflating():
    data = bytearray(
        zip_bytes(
            {"[Content_Types].xml": "<Types/>", "a.xml": "x" * 1000}, compression=zipfile.ZIP_STORED
        )
    )
    # Forge the central directory: claim 200 MiB for a.xml (stored, so the ratio check
    # would not catch a lie in the compressed size alone).
    entry = data.rfind(b"PK\x01\x02")
    struct.pack_into("<II", data, entry + 20, 200 * 1024 * 1024, 200 * 1024 * 1024)
    with pytest.raises(DocumentError, match="more than 100 MiB"):
        read_document(bytes(data), "forged.docx")


def test_a_zip_with_too_many_members_is_refused():
    members: dict[str, bytes | str] = {f"m{i}.xml": b"" for i in range(MAX_MEMBERS + 1)}
    with pytest.raises(DocumentError, match="members"):
        read_document(zip_bytes(members, compression=zipfile.ZIP_STORED), "many.docx")


def test_an_encrypted_zip_member_is_refused():
    data = bytearray(save(docx.Document()))
    entry = data.find(b"PK\x01\x02")
    data[entry + 8] |= 0x01  # general purpose flag bit 0: member is encrypted
    with pytest.raises(DocumentError, match="encrypted"):
        read_document(bytes(data), "locked.docx")


def test_entity_expansion_in_a_docx_part_is_refused():
    document = docx.Document()
    document.add_paragraph("&lol9;")
    data = save(document)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("word/document.xml").decode()
    body = xml[xml.index("<w:document") :].replace("&amp;lol9;", "&lol9;")
    hostile = rewrite_zip(data, {"word/document.xml": (BILLION_LAUGHS + body).encode()})
    with pytest.raises(DocumentError, match="entit"):
        read_document(hostile, "lol.docx")


def test_an_external_entity_in_a_docx_part_is_refused():
    data = save(docx.Document())
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("word/styles.xml").decode()
    xxe = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    hostile = rewrite_zip(data, {"word/styles.xml": (xxe + xml[xml.index("<w:styles") :]).encode()})
    with pytest.raises(DocumentError, match="DTD"):
        read_document(hostile, "xxe.docx")


def test_entity_expansion_in_an_odt_is_refused():
    content = (
        BILLION_LAUGHS + f"<office:document-content {ODF_NS}><office:body><office:text>"
        "<text:p>&lol9;</text:p></office:text></office:body></office:document-content>"
    )
    hostile = zip_bytes(
        {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": content}
    )
    with pytest.raises(DocumentError, match="entit"):
        read_document(hostile, "lol.odt")


def test_an_encrypted_odt_is_refused():
    manifest = "<manifest:manifest><manifest:encryption-data/></manifest:manifest>"
    with pytest.raises(DocumentError, match="encrypted"):
        read_document(odt_bytes("<text:p>x</text:p>", manifest=manifest), "locked.odt")


def test_absurdly_nested_markup_is_refused():
    body = "<text:p>" + "<text:span>" * 5000 + "x" + "</text:span>" * 5000 + "</text:p>"
    with pytest.raises(DocumentError, match="nested too deeply"):
        read_document(odt_bytes(body), "deep.odt")


def test_an_encrypted_pdf_is_refused():
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf_bytes(["Secret"]))))
    writer.encrypt("password", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(DocumentError, match="this PDF is encrypted"):
        read_document(buffer.getvalue(), "secret.pdf")


def test_a_pdf_without_a_text_layer_is_refused():
    with pytest.raises(DocumentError, match=r"no text layer \(scanned\?\)"):
        read_document(pdf_bytes(["", ""]), "scan.pdf")


def test_a_truncated_pdf_is_refused():
    data = pdf_bytes(["The chairman spoke."])
    with pytest.raises(DocumentError, match="truncated"):
        read_document(data[: len(data) // 2], "cut.pdf")


def test_a_damaged_pdf_is_refused():
    with pytest.raises(DocumentError, match="damaged"):
        read_document(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nnonsense\n%%EOF\n", "bad.pdf")


def test_an_ole_file_named_docx_is_reported_as_encrypted_or_old_doc():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    with pytest.raises(DocumentError, match=r"encrypted or in the old \.doc format"):
        read_document(ole, "protected.docx")


def test_a_malformed_zip_is_refused():
    with pytest.raises(DocumentError, match="damaged or truncated"):
        read_document(b"PK\x03\x04" + bytes(range(256)) * 4, "junk.docx")


def test_a_docx_missing_its_document_part_is_refused():
    data = rewrite_zip(save(docx.Document()), {"word/document.xml": None})
    with pytest.raises(DocumentError, match=r"word/document\.xml is missing"):
        read_document(data, "hollow.docx")


def test_a_truncated_docx_is_refused():
    data = save(docx.Document())
    with pytest.raises(DocumentError, match="damaged or truncated"):
        read_document(data[: len(data) // 2], "cut.docx")


@pytest.mark.parametrize("name", ["report.rtf", "sheet.xlsx", "image.png", "old.doc"])
def test_an_unknown_file_type_is_refused_with_the_supported_list(name):
    with pytest.raises(DocumentError, match=r"unsupported file type: .*\.txt, \.md, \.docx"):
        read_document(b"some content", name)


def test_a_zip_that_is_neither_docx_nor_odt_is_refused():
    with pytest.raises(DocumentError, match="unsupported file type: zip archive"):
        read_document(zip_bytes({"hello.txt": "hi"}))


def test_binary_junk_named_txt_is_refused():
    junk = bytes(range(256)) * 8
    with pytest.raises(DocumentError, match="does not look like a text file"):
        read_document(junk, "data.txt")


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"plain text", "fake.pdf"), (b"plain text", "fake.docx"), (b"%PDF-1.4\n", "fake.md")],
)
def test_content_that_contradicts_the_extension_is_refused(content, name):
    with pytest.raises(DocumentError, match="does not match"):
        read_document(content, name)


def test_an_odt_named_docx_is_refused():
    with pytest.raises(DocumentError, match=r"\.odt document, not a \.docx"):
        read_document(odt_bytes("<text:p>x</text:p>"), "mislabelled.docx")


def test_zlib_errors_in_a_member_surface_as_damage():
    data = bytearray(save(docx.Document()))
    # Corrupt the deflate stream of the first member without touching the directory.
    header = data.find(b"PK\x03\x04")
    name_len, extra_len = struct.unpack_from("<HH", data, header + 26)
    start = header + 30 + name_len + extra_len
    data[start : start + 16] = b"\xff" * 16
    with pytest.raises(DocumentError, match="damaged"):
        read_document(bytes(data), "corrupt.docx")
