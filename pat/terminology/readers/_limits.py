"""Bounded work per document: the limits every reader checks as it goes.

The CPU, memory and wall-clock limits are enforced by the child process of :mod:`._isolation`;
the others by the readers themselves, each with a message naming the limit passed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any, Final

MiB: Final = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """What one document may cost. The defaults fit a 1,000-page report with room to spare."""

    # ~150,000 words, the check page's own text limit: the checker answers in a few seconds.
    max_text: int = 1_000_000
    max_paragraphs: int = 100_000
    max_pages: int = 2000
    # Decoded content streams summed over pages (a shared stream counts once per page).
    max_pdf_content: int = 32 * MiB
    # One XML part inflated, and its elements (a 1,000-page Word report has ~300,000).
    max_xml_bytes: int = 32 * MiB
    max_xml_nodes: int = 600_000
    # The child process.
    cpu_seconds: int = 10
    memory_bytes: int = 512 * MiB
    wall_seconds: float = 30.0

    def scaled(self, **changes: Any) -> Limits:
        return replace(self, **changes)


DEFAULT_LIMITS: Final = Limits()
# The readers look their limits up here rather than taking a parameter through every helper,
# so the limits of a run reach the zip, XML, PDF and text-building code alike.
_current: ContextVar[Limits] = ContextVar("pat_reader_limits", default=DEFAULT_LIMITS)


def current_limits() -> Limits:
    return _current.get()


@contextmanager
def limits_in_force(limits: Limits) -> Iterator[None]:
    token = _current.set(limits)
    try:
        yield
    finally:
        _current.reset(token)
