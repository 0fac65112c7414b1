"""Archive and XML safety: every zip and every XML part goes through here before use."""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Final

import defusedxml.ElementTree as DefusedET
from defusedxml import DefusedXmlException

from ._limits import current_limits
from ._model import DocumentError, El, Kind

# A real 300-page report with pictures unzips to a few tens of MiB; the total cap bounds
# memory whatever the per-member numbers claim (zipfile never inflates a member past its
# declared size, it fails the CRC instead).
MAX_UNCOMPRESSED: Final = 100 * 1024 * 1024
MAX_RATIO: Final = 100
# Small parts such as styles.xml legitimately compress better than 100:1, and a small member
# cannot be a bomb, so the ratio is only enforced above this size.
RATIO_FLOOR: Final = 1024 * 1024
MAX_MEMBERS: Final = 5000
_ODT_MIMETYPE: Final = b"application/vnd.oasis.opendocument.text"


def open_zip(data: bytes) -> zipfile.ZipFile:
    """Open an archive after checking, from its directory alone, that it is safe to inflate."""
    # The end-of-central-directory record states the member count; looking at it first means
    # a directory of a million entries is refused before zipfile builds a million objects.
    eocd = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if eocd >= 0 and len(data) >= eocd + 12:
        declared = int.from_bytes(data[eocd + 10 : eocd + 12], "little")
        if declared != 0xFFFF and declared > MAX_MEMBERS:
            raise DocumentError(f"this archive has more than {MAX_MEMBERS} members")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise DocumentError("this file is damaged or truncated (not a valid zip archive)") from exc
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise DocumentError(f"this archive has more than {MAX_MEMBERS} members")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise DocumentError("this file is encrypted")
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise DocumentError(
                f"{info.filename} is compressed more than {MAX_RATIO}:1 "
                "(refused: possible zip bomb)"
            )
    if total > MAX_UNCOMPRESSED:
        raise DocumentError(
            f"this file unzips to more than {MAX_UNCOMPRESSED // 1024 // 1024} MiB "
            "(refused: possible zip bomb)"
        )
    return zf


_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
    ValueError,
)


def read_member(zf: zipfile.ZipFile, name: str, limit: int = -1) -> bytes:
    """A member's bytes (the first ``limit`` of them if given), damage reported clearly.

    Members read whole are XML parts, held to the XML size limit before they are inflated.
    """
    if limit < 0:
        try:
            _check_xml_size(zf.getinfo(name).file_size, name)
        except KeyError as exc:
            raise DocumentError(f"this file is damaged: {name} is missing") from exc
    try:
        with zf.open(name) as fh:
            return fh.read(limit)
    except KeyError as exc:
        raise DocumentError(f"this file is damaged: {name} is missing") from exc
    except _ZIP_ERRORS as exc:
        raise DocumentError(f"this file is damaged or truncated ({name} cannot be read)") from exc


def _check_xml_size(size: int, where: str) -> None:
    limit = current_limits().max_xml_bytes
    if size > limit:
        raise DocumentError(
            f"{where} holds more than {limit // 1024 // 1024} MiB of XML "
            "(refused: too large to read safely)"
        )


class _ElementCount:
    """Counts start tags in XML arriving in chunks, refusing past the element limit.

    Counting "<" minus "</" runs in C over the bytes, so the count costs next to nothing
    before a parser builds a tree of millions of elements; comments and processing
    instructions count too, which only errs on the safe side.
    """

    def __init__(self, where: str) -> None:
        self.where = where
        self.limit = current_limits().max_xml_nodes
        self.count = 0
        self.tail = b""

    def feed(self, chunk: bytes) -> None:
        data = self.tail + chunk
        # Keep the last byte: a "</" split across two chunks is still seen once.
        body, self.tail = data[:-1], data[-1:]
        self.count += body.count(b"<") - body.count(b"</")
        if self.count > self.limit:
            raise DocumentError(
                f"{self.where} has more than {self.limit:,} XML elements "
                "(refused: too large to read safely)"
            )

    def close(self) -> None:
        self.feed(b" ")


def inflate_all(zf: zipfile.ZipFile) -> None:
    """Inflate every member once (streamed, nothing kept): an unknown compression method, a
    bad CRC or a cut-off member is damage, found before the file is stored."""
    for info in zf.infolist():
        try:
            with zf.open(info) as fh:
                while fh.read(1024 * 1024):
                    pass
        except _ZIP_ERRORS as exc:
            raise DocumentError(
                f"this file is damaged or truncated ({info.filename} cannot be read)"
            ) from exc


def parse_xml(data: bytes, where: str) -> El:
    """Parse a whole XML part with defusedxml, refusing any DTD and oversized parts."""
    _check_xml_size(len(data), where)
    counter = _ElementCount(where)
    counter.feed(data)
    counter.close()
    try:
        return DefusedET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise _dtd_error(where) from exc
    except DefusedET.ParseError as exc:
        raise DocumentError(f"this file is damaged: {where} is not well-formed XML") from exc


def _dtd_error(where: str) -> DocumentError:
    return DocumentError(
        f"{where} declares a DTD or entities, which office documents never need "
        "(refused: possible entity-expansion attack)"
    )


class _RootReached(Exception):
    pass


class _StopAtRoot:
    """Parser target that stops at the root element: a DTD can only precede it."""

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        raise _RootReached

    def end(self, tag: str) -> None:
        return None

    def data(self, data: str) -> None:
        return None

    def close(self) -> None:
        return None


def check_prolog(zf: zipfile.ZipFile, name: str) -> None:
    """Refuse a DTD in an XML member (inflating and parsing only as far as its root element),
    and a member past the XML size or element limits.

    python-docx parses the parts itself with lxml (entities are not resolved there, but it
    does not refuse them either); this cheap defusedxml pass over the prolog makes sure no
    DTD gets that far, and the streamed element count that no part builds a tree too big.
    """
    _check_xml_size(zf.getinfo(name).file_size, name)
    _check_dtd(zf, name)
    counter = _ElementCount(name)
    try:
        with zf.open(name) as fh:
            while chunk := fh.read(1024 * 1024):
                counter.feed(chunk)
        counter.close()
    except DocumentError:
        raise
    except _ZIP_ERRORS as exc:
        raise DocumentError(f"this file is damaged or truncated ({name} cannot be read)") from exc


def _check_dtd(zf: zipfile.ZipFile, name: str) -> None:
    parser = DefusedET.DefusedXMLParser(target=_StopAtRoot(), forbid_dtd=True)
    try:
        with zf.open(name) as fh:
            while chunk := fh.read(16_384):
                parser.feed(chunk)
        parser.close()
    except _RootReached:
        return
    except DefusedXmlException as exc:
        raise _dtd_error(name) from exc
    except DefusedET.ParseError as exc:
        raise DocumentError(f"this file is damaged: {name} is not well-formed XML") from exc
    except _ZIP_ERRORS as exc:
        raise DocumentError(f"this file is damaged or truncated ({name} cannot be read)") from exc


def zip_kind(zf: zipfile.ZipFile) -> Kind | None:
    names = set(zf.namelist())
    if "[Content_Types].xml" in names:
        return "docx"
    if "mimetype" in names and read_member(zf, "mimetype", 100).strip().startswith(_ODT_MIMETYPE):
        return "odt"
    return None
