"""What changed between two proposal snapshots, section by section (pure, no database).

Each section is flattened to text (tables become one line per row) and compared with
difflib, paragraphs first and then word by word inside the paragraphs that changed (so the
comparison stays near-linear in the text's length); the result is escaped HTML with <ins>
and <del>.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

# A word with the spaces before it is one token (spaces alone only at the end): half as many
# tokens as words-and-spaces, and no ubiquitous " " token for the matcher to chase.
_TOKEN = re.compile(r"\s*\S+|\s+")


@dataclass(frozen=True)
class SectionDiff:
    key: str
    label: str
    changed: bool
    html: str  # escaped; only <ins>, <del> and <br> are markup
    added: int
    removed: int


def _name(labels: Mapping[str, str], kind: str, code: Any) -> str:
    """A stored code's name (`kind:code` in labels), or the code itself."""
    return labels.get(f"{kind}:{code}", str(code))


def flatten(snapshot: Mapping[str, Any], labels: Mapping[str, str]) -> dict[str, str]:
    """Every part of a snapshot as one text per section, in the proposal's order.

    Codes are shown by name when `labels` has `kind:code` entries (status,
    stage, category, level, sex, kind, scheme); lists whose order carries no
    meaning (the markers) are sorted, so a new listing order is no change.
    """
    out: dict[str, str] = {}
    project = snapshot.get("project", {})

    def cover_value(key: str, value: Any) -> str:
        if isinstance(value, list):
            return ", ".join(map(str, value))
        if key in ("status", "stage"):
            return _name(labels, key, value)
        return str(value)

    out["cover"] = "\n".join(
        f"{labels.get(k, k)}: {cover_value(k, v)}"
        for k, v in project.items()
        if v not in (None, "", [])
    )
    for key, text in (snapshot.get("sections") or {}).items():
        out[key] = text
    band_labels = snapshot.get("band_labels") or {}

    def cells(targets: list[dict[str, Any]]) -> str:
        return ", ".join(
            f"{_name(labels, 'sex', c['sex'])} {band_labels.get(str(c['band']), c['band'])}: "
            f"{c['value']}"
            for c in targets
        )

    out["results"] = "\n".join(
        f"{r['code']} {r['statement']}"
        + (
            f" | {labels.get('assumptions', 'assumptions')}: {r['assumptions']}"
            if r["assumptions"]
            else ""
        )
        + "".join(
            f"\n  {i['statement']} → {i['target'] or '–'}"
            + (f" ({cells(i['targets'])})" if i["targets"] else "")
            for i in r["indicators"]
        )
        for r in snapshot.get("results", [])
    )
    plan = snapshot.get("work_plan") or {}
    out["work-plan"] = "\n".join(
        f"{e['code']} {e['statement']}: {', '.join(map(str, e['periods']))} · {e['responsible']}"
        for e in plan.get("entries", [])
    )
    budget = snapshot.get("budget") or {}
    out["budget"] = "\n".join(
        f"{_name(labels, 'category', line['category'])}: {line['description']} {line['amount']}"
        for line in budget.get("lines", [])
    ) + (f"\n= {budget['total']} {budget.get('currency', '')}" if budget.get("lines") else "")
    out["risks"] = "\n".join(
        f"{r['risk']} ({_name(labels, 'level', r['likelihood'])}/"
        f"{_name(labels, 'level', r['impact'])} → {_name(labels, 'level', r['level'])}): "
        f"{r['mitigation']} · {r['owner']}"
        for r in snapshot.get("risks", [])
    )
    out["beneficiaries"] = "\n".join(
        f"{_name(labels, 'kind', kind)}: "
        + ", ".join(f"{_name(labels, 'sex', c['sex'])} {c['band']} {c['count']}" for c in counts)
        for kind, counts in sorted((snapshot.get("beneficiaries") or {}).items())
    )
    out["markers"] = "\n".join(
        f"{_name(labels, 'scheme', scheme)}: {m['code']}"
        for scheme, m in sorted((snapshot.get("markers") or {}).items())
    )
    return out


# A changed stretch longer than this (in tokens, words and spaces, both sides together) is
# shown as removed and added whole rather than compared word by word: word matching is
# quadratic in the worst case, and a stretch that long has been rewritten anyway.
WORD_DIFF_CAP = 4000
# Words compared word by word in one section at most; past it, changed paragraphs are shown
# whole, so even a section of megabytes compares in bounded time.
WORD_DIFF_BUDGET = 60_000


def word_diff(old: str, new: str) -> tuple[str, int, int]:
    """Escaped HTML of new with insertions and deletions marked, and the counts of words.

    Paragraphs first: lines are matched as wholes (near-linear: most are unique), and only
    the paragraphs that changed are compared word by word, each changed stretch up to
    WORD_DIFF_CAP tokens.
    """
    # Lines keep their line end, so joining a stretch back gives the exact text.
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    parts: list[str] = []
    added = removed = 0
    # autojunk: a line repeated everywhere (a blank one) anchors nothing, which keeps a text
    # of thousands of identical lines linear.
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=True)
    budget = [WORD_DIFF_BUDGET]
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(_html("".join(b[j1:j2])))
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            # As many paragraphs on both sides: each was edited in place.
            pairs = list(zip(a[i1:i2], b[j1:j2], strict=True))
        else:
            pairs = [("".join(a[i1:i2]), "".join(b[j1:j2]))]
        for before, after in pairs:
            html, plus, minus = _words(before, after, budget)
            parts.append(html)
            added += plus
            removed += minus
    return "".join(parts), added, removed


def _words(old: str, new: str, budget: list[int]) -> tuple[str, int, int]:
    """Word-level diff of one changed stretch (or the whole stretch, past the caps)."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    size = len(a) + len(b)
    if size > WORD_DIFF_CAP or size > budget[0]:
        return _whole(a, b)
    budget[0] -= size
    parts: list[str] = []
    added = removed = 0
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(_html("".join(a[i1:i2])))
            continue
        # Tokens carry their leading spaces; a replacement's marks wrap the words only,
        # after the spaces both sides share (either side of the diff gives back its text).
        gone, text = "".join(a[i1:i2]), "".join(b[j1:j2])
        lead = _shared_lead(gone, text) if op == "replace" else ""
        parts.append(_html(lead))
        if op in ("delete", "replace"):
            parts.append(f"<del>{_html(gone[len(lead) :])}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{_html(text[len(lead) :])}</ins>")
        removed += _count(a[i1:i2])
        added += _count(b[j1:j2])
    return "".join(parts), added, removed


def _lead(text: str) -> str:
    words = text.lstrip()
    # Spaces alone are the change itself: they stay inside the mark.
    return text[: len(text) - len(words)] if words else ""


def _shared_lead(old: str, new: str) -> str:
    lead = _lead(new)
    return lead if _lead(old) == lead else ""


def _whole(a: list[str], b: list[str]) -> tuple[str, int, int]:
    parts = []
    if a:
        parts.append(f"<del>{_html(''.join(a))}</del>")
    if b:
        parts.append(f"<ins>{_html(''.join(b))}</ins>")
    return "".join(parts), _count(b), _count(a)


def _count(tokens: list[str]) -> int:
    return sum(1 for t in tokens if not t.isspace())


def _html(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def compare(
    old: Mapping[str, Any], new: Mapping[str, Any], labels: Mapping[str, str]
) -> list[SectionDiff]:
    before, after = flatten(old, labels), flatten(new, labels)
    keys = list(after) + [k for k in before if k not in after]
    diffs = []
    for key in keys:
        html, added, removed = word_diff(before.get(key, ""), after.get(key, ""))
        diffs.append(
            SectionDiff(key, labels.get(key, key), bool(added or removed), html, added, removed)
        )
    return diffs
