"""Quality of the terminology checker on the hand-labelled corpora.

    .venv/bin/python bench/terminology_quality.py [-v] [--lang en]

A predicted span is a true positive when its text equals an expected term of that sentence
(each expected term is used once). Vacancy corpora are scored on coded words (term and coding).
-v prints every miss and false alarm, which is what you read when tuning the engine.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "tests" / "terminology" / "corpus"


def load(path: Path) -> list[dict[str, object]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                print(f"{path.name}:{n}: skipped, not JSON ({exc.msg})", file=sys.stderr)
    return rows


def score(pred: list[str], expected: list[str]) -> tuple[int, list[str], list[str]]:
    left = Counter(expected)
    tp = 0
    false_alarms = []
    for p in pred:
        if left[p] > 0:
            left[p] -= 1
            tp += 1
        else:
            false_alarms.append(p)
    misses = [t for t, c in left.items() for _ in range(c)]
    return tp, false_alarms, misses


def prf(tp: int, npred: int, nexp: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 1.0
    r = tp / nexp if nexp else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def terminology(lang: str, verbose: bool) -> tuple[int, int, int, int] | None:
    from pat.terminology import check

    path = CORPUS / f"{lang}.jsonl"
    if not path.exists():
        return None
    rows = load(path)
    tp = npred = nexp = 0
    for row in rows:
        text = str(row["text"])
        mode = str(row.get("mode") or "proposal")
        expected = [str(t) for t in row.get("expected", [])]  # type: ignore[attr-defined]
        found = check(text, lang, mode)
        pred = [f.term for f in found]
        t, fa, miss = score(pred, expected)
        tp += t
        npred += len(pred)
        nexp += len(expected)
        if verbose and (fa or miss):
            rules = {f.term: f.rule for f in found}
            print(f"  {row.get('id')} [{row.get('kind')}] {text}")
            for x in fa:
                print(f"      false alarm: {x!r} ({rules.get(x)})")
            for x in miss:
                print(f"      missed:      {x!r}")
    return tp, npred, nexp, len(rows)


def vacancy(lang: str, verbose: bool) -> tuple[int, int, int, int] | None:
    from pat.terminology.vacancy import coded_words

    path = CORPUS / f"vacancy_{lang}.jsonl"
    if not path.exists():
        return None
    rows = load(path)
    tp = npred = nexp = 0
    for row in rows:
        text = str(row["text"])
        expected = [f"{c['term']}/{c['coding']}" for c in row.get("coded", [])]  # type: ignore[attr-defined]
        pred = [f"{c.term}/{c.coding}" for c in coded_words(text, lang)]
        t, fa, miss = score(pred, expected)
        tp += t
        npred += len(pred)
        nexp += len(expected)
        if verbose and (fa or miss):
            print(f"  {row.get('id')} {text[:300]!r}")
            for x in fa:
                print(f"      false alarm: {x}")
            for x in miss:
                print(f"      missed:      {x}")
    return tp, npred, nexp, len(rows)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--lang", choices=["en", "fr", "es"], action="append")
    args = ap.parse_args()
    langs = args.lang or ["en", "fr", "es"]
    table = []
    for lang in langs:
        if args.verbose:
            print(f"== {lang} terminology")
        res = terminology(lang, args.verbose)
        if res:
            table.append((lang, "terminology", *res))
        if args.verbose:
            print(f"== {lang} vacancy")
        res = vacancy(lang, args.verbose)
        if res:
            table.append((lang, "vacancy coded", *res))
    print(f"{'lang':<5}{'corpus':<15}{'rows':>6}{'expected':>10}{'predicted':>11}{'TP':>6}"
          f"{'precision':>11}{'recall':>8}{'F1':>7}")
    for lang, kind, tp, npred, nexp, nrows in table:
        p, r, f = prf(tp, npred, nexp)
        print(f"{lang:<5}{kind:<15}{nrows:>6}{nexp:>10}{npred:>11}{tp:>6}{p:>11.3f}{r:>8.3f}"
              f"{f:>7.3f}")
    if not table:
        print("no corpus files found in", CORPUS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
