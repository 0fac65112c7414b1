"""Bounded work per document: every hostile file is refused quickly with a clear message, the
counted limits each stop a reader, and the child process enforces CPU time, memory and wall
clock whatever the file does."""

from __future__ import annotations

import time
from functools import cache

import pytest

from pat.terminology.readers import (
    DEFAULT_LIMITS,
    DocumentError,
    Limits,
    isolated,
    limits_in_force,
    read_bytes,
    read_limited,
)
from tests import hostile_files as hostile

EXPECTED = {
    "zip bomb": "possible zip bomb",
    "too big unzipped": "unzips to more than 100 MiB",
    "billion laughs (docx)": "entity-expansion",
    "XXE (docx)": "entity-expansion",
    "deeply nested (docx)": "damaged",
    "billion laughs (odt)": "entity-expansion",
    "XXE (odt)": "entity-expansion",
    "deeply nested (odt)": "nested too deeply",
    "a million elements (odt)": "more than 600,000 XML elements",
    "encrypted mimetype (odt)": "encrypted",
    "method 99 mimetype (odt)": "damaged or truncated",
    "encrypted PDF": "encrypted",
    "truncated PDF": "truncated or damaged",
    "ELF behind %PDF-": "truncated or damaged",
    "2,000 pages, one stream (pdf)": "MiB of drawing instructions",
    "2,000,000 paragraphs (docx)": "MiB of XML",
}


@cache
def built(name: str) -> tuple[bytes, str]:
    return hostile.HOSTILE[name]()


def test_every_hostile_file_has_an_expected_refusal():
    assert set(EXPECTED) == set(hostile.HOSTILE)


def test_readers_run_in_a_limited_child_process_on_this_platform():
    assert isolated()


@pytest.mark.parametrize("name", list(hostile.HOSTILE))
def test_each_hostile_file_is_refused_within_two_seconds(name):
    data, filename = built(name)
    started = time.perf_counter()
    with pytest.raises(DocumentError, match=EXPECTED[name]):
        read_limited(data, filename)
    assert time.perf_counter() - started < 2


def test_an_ordinary_document_reads_the_same_in_the_child_process():
    data = hostile.small_docx("The chairman spoke.")
    assert read_limited(data, "a.docx") == read_bytes(data, "a.docx")
    assert read_limited(data, "a.docx").locate(4).paragraph == 0


# --- the counted limits, each on its own (in process: these are the readers' own checks) ---


def _many_pages(count: int) -> bytes:
    data, _ = hostile.pdf_shared_stream(pages=count, lines=2)
    return data


@pytest.mark.parametrize(
    ("limits", "data", "name", "message"),
    [
        (Limits(max_text=10), b"twelve chars", "a.txt", "more than 10 characters of text"),
        (
            Limits(max_text=10),
            hostile.small_docx("The chairman spoke."),
            "a.docx",
            "more than 10 characters",
        ),
        (Limits(max_text=10), hostile.small_pdf(), "a.pdf", "more than 10 characters"),
        (
            Limits(max_paragraphs=5),
            hostile.docx_with_body(b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 6),
            "a.docx",
            "more than 5 paragraphs",
        ),
        (Limits(max_pages=3), _many_pages(4), "a.pdf", "more than 3 pages"),
        (Limits(max_pdf_content=1000), _many_pages(40), "a.pdf", "drawing instructions"),
        (
            Limits(max_xml_nodes=50),
            hostile.small_odt("<text:span>x</text:span>" * 60),
            "a.odt",
            "more than 50 XML elements",
        ),
        (
            Limits(max_xml_nodes=50),
            hostile.docx_with_body(b"<w:p/>" * 60),
            "a.docx",
            "more than 50 XML elements",
        ),
        (
            Limits(max_xml_bytes=1024 * 1024),
            hostile.docx_many_paragraphs(40_000)[0],
            "a.docx",
            "more than 1 MiB of XML",
        ),
    ],
)
def test_a_counted_limit_stops_the_reader_with_a_message(limits, data, name, message):
    with limits_in_force(limits), pytest.raises(DocumentError, match=message):
        read_bytes(data, name)


def test_within_the_limits_the_same_files_read():
    assert read_bytes(_many_pages(4), "a.pdf").kind == "pdf"
    assert read_bytes(hostile.docx_with_body(b"<w:p/>" * 60), "a.docx").kind == "docx"


# --- what no counter foresees: the child process's own limits ------------------------------

UNCOUNTED = Limits(max_pdf_content=10**12, max_text=10**12, max_xml_nodes=10**12)


def test_cpu_time_is_limited_in_the_child():
    data, name = built("2,000 pages, one stream (pdf)")
    started = time.perf_counter()
    with pytest.raises(DocumentError, match="takes more than 1 seconds"):
        read_limited(data, name, UNCOUNTED.scaled(cpu_seconds=1))
    assert time.perf_counter() - started < 5


def test_memory_is_limited_in_the_child():
    data, name = hostile.docx_many_paragraphs(90_000)
    with pytest.raises(DocumentError, match="needs more than 100 MB of memory"):
        read_limited(data, name, UNCOUNTED.scaled(memory_bytes=100 * 1024 * 1024))


def test_wall_clock_time_is_limited_in_the_child():
    data, name = built("2,000 pages, one stream (pdf)")
    started = time.perf_counter()
    with pytest.raises(DocumentError, match="takes more than"):
        read_limited(data, name, UNCOUNTED.scaled(cpu_seconds=60, wall_seconds=0.5))
    assert time.perf_counter() - started < 4


def test_the_default_limits_are_a_few_seconds_and_a_few_hundred_megabytes():
    assert DEFAULT_LIMITS.cpu_seconds <= 10
    assert DEFAULT_LIMITS.memory_bytes <= 512 * 1024 * 1024
