"""Pure helpers of the check page: the text cut into plain and flagged pieces, and tallies.

The pieces are rendered by the template with autoescaping on; nothing here builds HTML, so a
`<script>` in a checked text can only ever come back as text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pat.terminology import Finding

SEVERITY_ORDER = ("high", "medium", "low")


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    finding: Finding | None = None
    number: int = 0


def pieces(text: str, findings: Sequence[Finding]) -> list[Piece]:
    """The text in order, flagged spans as their own pieces (overlaps keep the first)."""
    out: list[Piece] = []
    at = 0
    for number, finding in enumerate(in_order(findings), start=1):
        if finding.start < at or finding.end > len(text):
            continue
        if finding.start > at:
            out.append(Piece(text[at : finding.start]))
        out.append(Piece(text[finding.start : finding.end], finding, number))
        at = finding.end
    if at < len(text):
        out.append(Piece(text[at:]))
    return out


def in_order(findings: Sequence[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.start, f.end))


def numbered(findings: Sequence[Finding]) -> list[tuple[int, Finding, int]]:
    """(number, finding, number of the first finding of the same rule), in text order.

    The page explains a rule once and points later findings of it back there, which keeps a
    page with a repeated term light.
    """
    first: dict[str, int] = {}
    out: list[tuple[int, Finding, int]] = []
    for number, finding in enumerate(in_order(findings), start=1):
        out.append((number, finding, first.setdefault(finding.rule, number)))
    return out


def summary(findings: Sequence[Finding]) -> list[tuple[str, int]]:
    counts = Counter(f.severity for f in findings if not f.debatable)
    return [(severity, counts.get(severity, 0)) for severity in SEVERITY_ORDER]


def debatable_count(findings: Sequence[Finding]) -> int:
    return sum(1 for f in findings if f.debatable)


def replace_span(text: str, start: int, end: int, replacement: str) -> str:
    return text[:start] + replacement + text[end:]
