"""Hostile uploads, built here so every test (and bench/hostile_uploads.py) shows what it feeds.

Each builder returns ``(bytes, filename)``. The two expensive ones reproduce the files of
issue 17: a ~300 KB PDF whose 2,000 pages share one content stream, and a ~5 MB .docx with
two million paragraphs (~70 MB of XML, under the zip ratio and size limits); the rest are
their relatives (zip bombs, entity expansion, external entities, deep nesting, encrypted and
truncated files, a binary dressed as a PDF). Pure Python, no Django.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_CT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
)
XXE = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
_WORDS = (
    "migration",
    "labour",
    "women",
    "men",
    "girls",
    "boys",
    "project",
    "office",
    "partner",
    "community",
    "health",
    "protection",
    "return",
    "border",
    "training",
    "livelihood",
    "survey",
    "shelter",
    "water",
    "school",
    "budget",
)


def _zip(members: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as zf:
        for name, content in members:
            zf.writestr(name, content)
    return out.getvalue()


def docx_with_body(body: bytes) -> bytes:
    """A minimal .docx (content types, package relationship, document part) around a body."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'.encode()
        + body
        + b"</w:body></w:document>"
    )
    return _zip(
        [
            ("[Content_Types].xml", _CT.encode()),
            ("_rels/.rels", _RELS.encode()),
            ("word/document.xml", document),
        ]
    )


def odt_with(content_xml: bytes) -> bytes:
    """A minimal .odt: a stored mimetype member first, then content.xml."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), ODT_MIMETYPE, zipfile.ZIP_STORED)
        zf.writestr("content.xml", content_xml)
    return out.getvalue()


def odt_body(body: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NS}>'
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    ).encode()


# --- the two files of the issue --------------------------------------------------------------


def pdf_shared_stream(pages: int = 2000, lines: int = 4000) -> tuple[bytes, str]:
    """A text PDF whose pages all point at one compressed content stream (~300 KB in all).

    Every page therefore asks the reader to interpret the same ~1 MB of drawing instructions
    again: cheap to send, ~pages × that to extract.
    """
    rng = random.Random(17)
    ops = "".join(
        f"BT /F1 9 Tf {rng.randint(20, 560)} {rng.randint(20, 780)} Td "
        f"({' '.join(rng.choice(_WORDS) for _ in range(6))} {rng.randint(0, 99999)}) Tj ET\n"
        for _ in range(lines)
    ).encode()
    stream = zlib.compress(ops, 9)
    content_id, font_id = 3 + pages, 4 + pages
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        (
            "<< /Type /Pages /Kids ["
            + " ".join(f"{3 + i} 0 R" for i in range(pages))
            + f"] /Count {pages} >>"
        ).encode(),
    ]
    for _ in range(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
    objects.append(
        f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode()
        + stream
        + b"\nendstream"
    )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return _pdf(objects), "shared-stream.pdf"


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def docx_many_paragraphs(paragraphs: int = 2_000_000) -> tuple[bytes, str]:
    """A .docx of ``paragraphs`` short paragraphs: ~35 bytes of XML each, ~15:1 compressed."""
    rng = random.Random(17)
    words = [w.encode() for w in _WORDS]
    body = b"".join(
        b"<w:p><w:r><w:t>%s %d</w:t></w:r></w:p>" % (rng.choice(words), rng.randint(0, 99))
        for _ in range(paragraphs)
    )
    return docx_with_body(body), "two-million-paragraphs.docx"


# --- relatives ------------------------------------------------------------------------------


def docx_zip_bomb() -> tuple[bytes, str]:
    """One member of 50 MB of zeros: a ratio of ~1000:1."""
    return docx_with_body(b"<w:p/>" + b" " * 50_000_000), "bomb.docx"


def docx_too_big_unzipped() -> tuple[bytes, str]:
    """Members each under the ratio limit that add up to more than the total limit."""
    rng = random.Random(3)
    members = [("[Content_Types].xml", _CT.encode()), ("_rels/.rels", _RELS.encode())]
    for i in range(6):
        # 200 KB of random words repeated: deflate's 32 KB window never sees the repeats,
        # so the member compresses ~8:1 (under the ratio limit) and is cheap to build.
        block = " ".join(rng.choice(_WORDS) for _ in range(28_000)).encode() + b" "
        chunk = block * 90
        members.append((f"word/media/blob{i}.xml", chunk))
    return _zip(members), "too-big.docx"


def docx_billion_laughs() -> tuple[bytes, str]:
    doc = docx_with_body(b"<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>")
    return _replace(doc, "word/document.xml", _with_dtd(doc, "word/document.xml", BILLION_LAUGHS))


def docx_xxe() -> tuple[bytes, str]:
    doc = docx_with_body(b"<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>")
    return _replace(doc, "word/document.xml", _with_dtd(doc, "word/document.xml", XXE))


def docx_deeply_nested(depth: int = 20_000) -> tuple[bytes, str]:
    body = b"<w:sdt><w:sdtContent>" * depth + b"</w:sdtContent></w:sdt>" * depth
    return docx_with_body(body), "nested.docx"


def odt_billion_laughs() -> tuple[bytes, str]:
    content = BILLION_LAUGHS.encode() + odt_body("<text:p>&lol9;</text:p>").split(b"?>", 1)[1]
    return odt_with(content), "laughs.odt"


def odt_xxe() -> tuple[bytes, str]:
    content = XXE.encode() + odt_body("<text:p>&xxe;</text:p>").split(b"?>", 1)[1]
    return odt_with(content), "xxe.odt"


def odt_deeply_nested(depth: int = 20_000) -> tuple[bytes, str]:
    body = "<text:p>" + "<text:span>" * depth + "x" + "</text:span>" * depth + "</text:p>"
    return odt_with(odt_body(body)), "nested.odt"


def odt_many_nodes(count: int = 1_000_000) -> tuple[bytes, str]:
    """A million elements (~25 MB of XML, under the size limit; ~8:1 zipped): huge once parsed."""
    rng = random.Random(5)
    spans = "".join(
        f"<text:span>{rng.choice(_WORDS)[:3]}{rng.randint(0, 99)}</text:span>" for _ in range(count)
    )
    return odt_with(odt_body(f"<text:p>{spans}</text:p>")), "many-nodes.odt"


def odt_encrypted_mimetype() -> tuple[bytes, str]:
    """The mimetype member carries the "encrypted" flag bit."""
    return _patch_first_member(odt_with(odt_body("<text:p>x</text:p>")), flag=0x1), "enc.odt"


def odt_method_99() -> tuple[bytes, str]:
    """The mimetype member claims compression method 99 (WinZip AES)."""
    return _patch_first_member(odt_with(odt_body("<text:p>x</text:p>")), method=99), "aes.odt"


def pdf_encrypted() -> tuple[bytes, str]:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(small_pdf())))
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue(), "encrypted.pdf"


def pdf_truncated() -> tuple[bytes, str]:
    data = small_pdf()
    return data[: len(data) // 2], "truncated.pdf"


def elf_as_pdf() -> tuple[bytes, str]:
    """An ELF executable header behind a PDF signature."""
    elf = b"\x7fELF\x02\x01\x01" + b"\0" * 9 + struct.pack("<HHI", 2, 62, 1) + b"\0" * 4000
    return b"%PDF-1.7\n" + elf, "program.pdf"


def small_pdf(text: str = "The chairman spoke.") -> bytes:
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def small_docx(text: str = "The chairman spoke.") -> bytes:
    return docx_with_body(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode())


def small_odt(text: str = "The chairman spoke.") -> bytes:
    return odt_with(odt_body(f"<text:p>{text}</text:p>"))


def _with_dtd(data: bytes, member: str, prolog: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read(member).decode()
    root = xml[xml.index("?>") + 2 :]
    return (prolog + root).encode()


def _replace(data: bytes, member: str, content: bytes) -> tuple[bytes, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = [(i.filename, zf.read(i.filename)) for i in zf.infolist()]
    name = "laughs.docx" if b"lol" in content else "xxe.docx"
    return _zip([(n, content if n == member else c) for n, c in members]), name


def _patch_first_member(data: bytes, *, flag: int = 0, method: int | None = None) -> bytes:
    """Change the flag bits or method of the first member, in its local header and in the
    central directory, as a hand-crafted hostile archive would."""
    out = bytearray(data)
    cd = out.find(b"PK\x01\x02")
    for offset, flags_at, method_at in ((0, 6, 8), (cd, 8, 10)):
        if flag:
            value = struct.unpack_from("<H", out, offset + flags_at)[0] | flag
            struct.pack_into("<H", out, offset + flags_at, value)
        if method is not None:
            struct.pack_into("<H", out, offset + method_at, method)
    return bytes(out)


# Every hostile file with the upload name it travels under; the big two last (slow to build).
HOSTILE: dict[str, Callable[[], tuple[bytes, str]]] = {
    "zip bomb": docx_zip_bomb,
    "too big unzipped": docx_too_big_unzipped,
    "billion laughs (docx)": docx_billion_laughs,
    "XXE (docx)": docx_xxe,
    "deeply nested (docx)": docx_deeply_nested,
    "billion laughs (odt)": odt_billion_laughs,
    "XXE (odt)": odt_xxe,
    "deeply nested (odt)": odt_deeply_nested,
    "a million elements (odt)": odt_many_nodes,
    "encrypted mimetype (odt)": odt_encrypted_mimetype,
    "method 99 mimetype (odt)": odt_method_99,
    "encrypted PDF": pdf_encrypted,
    "truncated PDF": pdf_truncated,
    "ELF behind %PDF-": elf_as_pdf,
    "2,000 pages, one stream (pdf)": pdf_shared_stream,
    "2,000,000 paragraphs (docx)": docx_many_paragraphs,
}
