"""Version comparison speed: the paragraph-first diff against the old word-level diff.

    .venv/bin/python bench/proposal_diff.py [--full]

Builds proposal-like text (paragraphs of ~120 words), edits one word in ten in every tenth
paragraph, adds and removes a paragraph, and times pat.proposals.diffing.word_diff on
2,000, 20,000 words and a 6 MB section. The baseline, measured in the same run, is the old
word-level diff (difflib over every token of the section at once) on 2,000 words, and with
--full on 20,000 words too (about two minutes: the issue measured 133 s).
"""

from __future__ import annotations

import argparse
import difflib
import random
import re
import sys
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pat.proposals.diffing import word_diff  # noqa: E402

WORDS = [
    "the",
    "project",
    "will",
    "strengthen",
    "protection",
    "services",
    "for",
    "migrant",
    "women",
    "men",
    "girls",
    "and",
    "boys",
    "in",
    "border",
    "communities",
    "through",
    "training",
    "referral",
    "case",
    "management",
    "and",
    "safe",
    "shelter",
    "with",
    "local",
    "partners",
    "and",
    "the",
    "ministry",
    "of",
    "labour",
]
_TOKEN = re.compile(r"\s+|[^\s]+")


def old_word_diff(old: str, new: str) -> tuple[str, int, int]:
    """The comparison before issue 17: one SequenceMatcher over every token."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    parts: list[str] = []
    added = removed = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            removed += sum(1 for t in a[i1:i2] if not t.isspace())
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            added += sum(1 for t in b[j1:j2] if not t.isspace())
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return "".join(parts), added, removed


def texts(words: int, seed: int = 1) -> tuple[str, str]:
    rng = random.Random(seed)
    paragraphs = [[rng.choice(WORDS) for _ in range(120)] for _ in range(max(1, words // 120))]
    edited = [list(p) for p in paragraphs]
    for index in range(0, len(edited), 10):
        for k in range(0, len(edited[index]), 10):
            edited[index][k] = rng.choice(WORDS).upper()
    edited.insert(len(edited) // 2, [rng.choice(WORDS) for _ in range(80)])
    if len(edited) > 3:
        del edited[1]
    return "\n".join(map(" ".join, paragraphs)), "\n".join(map(" ".join, edited))


def timed(fn, old: str, new: str) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    fn(old, new)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true", help="old diff on 20,000 words too")
    args = parser.parse_args()
    base_old, base_new = texts(2000)
    baseline = timed(old_word_diff, base_old, base_new)
    print(f"baseline: old diff, 2,000 words      {baseline * 1000:9.1f} ms")
    cases = [("2,000 words", 2000), ("20,000 words", 20_000), ("6 MB section", 1_000_000)]
    for label, words in cases:
        old, new = texts(words)
        seconds = timed(word_diff, old, new)
        print(
            f"new diff, {label:<14} ({len(new) / 1e6:4.1f} MB) {seconds * 1000:9.1f} ms"
            f"   ratio to baseline {seconds / baseline:6.2f}"
        )
    if args.full:
        old, new = texts(20_000)
        seconds = timed(old_word_diff, old, new)
        print(
            f"old diff, 20,000 words               {seconds * 1000:9.1f} ms"
            f"   ratio to baseline {seconds / baseline:6.2f}"
        )


if __name__ == "__main__":
    main()
