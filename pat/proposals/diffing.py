"""What changed between two proposal snapshots, section by section (pure, no database).

Each section is flattened to text (tables become one line per row) and compared
word by word with difflib; the result is escaped HTML with <ins> and <del>.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

_TOKEN = re.compile(r"\s+|[^\s]+")


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


def word_diff(old: str, new: str) -> tuple[str, int, int]:
    """Escaped HTML of new with insertions and deletions marked, and the counts of words."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    parts: list[str] = []
    added = removed = 0
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(_html("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            removed += sum(1 for t in a[i1:i2] if not t.isspace())
            parts.append(f"<del>{_html(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            added += sum(1 for t in b[j1:j2] if not t.isspace())
            parts.append(f"<ins>{_html(''.join(b[j1:j2]))}</ins>")
    return "".join(parts), added, removed


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
