"""Quality of the terminology checker on the hand-labelled corpora.

    .venv/bin/python bench/terminology_quality.py [-v] [--lang en] [--corpus DIR] [--overlap]

A predicted span is a true positive when its text equals an expected term of that sentence
(each expected term is used once). Vacancy corpora are scored on coded words (term and coding).
-v prints every miss and false alarm, which is what you read when tuning the engine.

--corpus DIR reads <lang>.jsonl and vacancy_<lang>.jsonl from another folder (default
tests/terminology/corpus). Lines tagged with a context class (field "class", "classes",
"context_class" or "cls", or the one named by --class-field) are also scored per language and
class, in a second table; a line with no class counts under "-".

--overlap adds a second score beside the exact one: a prediction counts when its span
overlaps the span of an unused expected term (found in the text, in order), so "chairman" for
an expected "the chairman's" is a hit there but not in exact scoring.
"""

from __future__ import annotations

import argparse
import json
import re
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


def locate(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Spans of the expected terms as whole words, each after the previous one if it can be."""
    spans = []
    cursor = 0
    for t in terms:
        rx = re.compile(r"(?<![\w@])" + re.escape(t) + r"(?![\w@])")
        m = rx.search(text, cursor) or rx.search(text)
        if m is None:
            m = re.compile(rx.pattern, re.I).search(text)
        if m is None:
            spans.append((-1, -1))
            continue
        spans.append(m.span())
        cursor = m.end()
    return spans


def score_overlap(pred: list[tuple[str, int, int]], expected: list[tuple[str, int, int]]) -> int:
    """True positives when a prediction may count for an unused expected span it overlaps.

    Same-text matches are paired first (as in exact scoring), so overlap scores are never
    below exact ones; the remaining predictions then count for any expected span they overlap.
    """
    used = [False] * len(expected)
    left = []
    tp = 0
    for pt, ps, pe in pred:
        for i, (et, _es, _ee) in enumerate(expected):
            if not used[i] and et == pt:
                used[i] = True
                tp += 1
                break
        else:
            left.append((ps, pe))
    for ps, pe in left:
        for i, (_et, es, ee) in enumerate(expected):
            if not used[i] and es >= 0 and ps < ee and es < pe:
                used[i] = True
                tp += 1
                break
    return tp


CLASS_FIELDS = ("class", "classes", "context_class", "cls")


def row_classes(row: dict[str, object], field: str | None) -> list[str]:
    """The class labels of a corpus line (a held-out set may tag each line with the context
    class it tests: "1", ["3", "4"], "specific-person"...); lines without one are "-"."""
    fields = (field,) if field else CLASS_FIELDS
    for f in fields:
        value = row.get(f)
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, list):
            return [str(v) for v in value]
        return [str(value)]
    return ["-"]


PerClass = dict[str, list[int]]  # class -> [TP, predicted, expected, rows, overlap TP]


def _add(per: PerClass, classes: list[str], tp: int, npred: int, nexp: int, otp: int) -> None:
    for c in classes:
        acc = per.setdefault(c, [0, 0, 0, 0, 0])
        acc[0] += tp
        acc[1] += npred
        acc[2] += nexp
        acc[3] += 1
        acc[4] += otp


def prf(tp: int, npred: int, nexp: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 1.0
    r = tp / nexp if nexp else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


Result = tuple[int, int, int, int, int]  # TP, predicted, expected, rows, overlap TP


def terminology(
    lang: str,
    verbose: bool,
    corpus: Path = CORPUS,
    per_class: PerClass | None = None,
    class_field: str | None = None,
    file_prefix: str = "",
) -> Result | None:
    """Findings against `expected`; file_prefix "vacancy_" scores the findings of the vacancy
    files (each line checked in its own mode: "he"/"his" for the candidate, "le candidat")."""
    from pat.terminology import check

    path = corpus / f"{file_prefix}{lang}.jsonl"
    if not path.exists():
        return None
    rows = load(path)
    tp = npred = nexp = otp = 0
    for row in rows:
        before = (tp, npred, nexp, otp)
        text = str(row["text"])
        mode = str(row.get("mode") or "proposal")
        expected = [str(t) for t in row.get("expected", [])]  # type: ignore[attr-defined]
        found = check(text, lang, mode)
        pred = [f.term for f in found]
        t, fa, miss = score(pred, expected)
        tp += t
        otp += score_overlap(
            [(f.term, f.start, f.end) for f in found],
            [(t, *sp) for t, sp in zip(expected, locate(text, expected), strict=True)],
        )
        npred += len(pred)
        nexp += len(expected)
        if per_class is not None:
            _add(
                per_class,
                row_classes(row, class_field),
                tp - before[0],
                npred - before[1],
                nexp - before[2],
                otp - before[3],
            )
        if verbose and (fa or miss):
            rules = {f.term: f.rule for f in found}
            print(f"  {row.get('id')} [{row.get('kind')}] {text}")
            for x in fa:
                print(f"      false alarm: {x!r} ({rules.get(x)})")
            for x in miss:
                print(f"      missed:      {x!r}")
    return tp, npred, nexp, len(rows), otp


def vacancy(
    lang: str,
    verbose: bool,
    corpus: Path = CORPUS,
    per_class: PerClass | None = None,
    class_field: str | None = None,
) -> Result | None:
    from pat.terminology.vacancy import coded_words

    path = corpus / f"vacancy_{lang}.jsonl"
    if not path.exists():
        return None
    rows = load(path)
    tp = npred = nexp = otp = 0
    for row in rows:
        before = (tp, npred, nexp, otp)
        text = str(row["text"])
        expected = [f"{c['term']}/{c['coding']}" for c in row.get("coded", [])]  # type: ignore[attr-defined]
        found = coded_words(text, lang)
        pred = [f"{c.term}/{c.coding}" for c in found]
        t, fa, miss = score(pred, expected)
        tp += t
        coded = list(row.get("coded", []))  # type: ignore[call-overload]
        spans = locate(text, [str(c["term"]) for c in coded])
        for coding in ("masculine", "feminine"):
            otp += score_overlap(
                [(c.term, c.start, c.end) for c in found if c.coding == coding],
                [
                    (str(c["term"]), *sp)
                    for c, sp in zip(coded, spans, strict=True)
                    if c["coding"] == coding
                ],
            )
        npred += len(pred)
        nexp += len(expected)
        if per_class is not None:
            _add(
                per_class,
                row_classes(row, class_field),
                tp - before[0],
                npred - before[1],
                nexp - before[2],
                otp - before[3],
            )
        if verbose and (fa or miss):
            print(f"  {row.get('id')} {text[:300]!r}")
            for x in fa:
                print(f"      false alarm: {x}")
            for x in miss:
                print(f"      missed:      {x}")
    return tp, npred, nexp, len(rows), otp


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--lang", choices=["en", "fr", "es"], action="append")
    ap.add_argument(
        "--corpus",
        type=Path,
        default=CORPUS,
        help="folder with <lang>.jsonl and vacancy_<lang>.jsonl",
    )
    ap.add_argument(
        "--overlap",
        action="store_true",
        help="also score a prediction that overlaps an expected span",
    )
    ap.add_argument(
        "--class-field",
        help="the line field naming its context class (default: the first of "
        + ", ".join(CLASS_FIELDS)
        + " present)",
    )
    args = ap.parse_args()
    langs = args.lang or ["en", "fr", "es"]
    corpus = args.corpus.resolve()
    table = []
    classes: list[tuple[str, str, PerClass]] = []
    for lang in langs:
        if args.verbose:
            print(f"== {lang} terminology")
        per: PerClass = {}
        res = terminology(lang, args.verbose, corpus, per, args.class_field)
        if res:
            table.append((lang, "terminology", *res))
            classes.append((lang, "terminology", per))
        if args.verbose:
            print(f"== {lang} vacancy")
        per = {}
        res = vacancy(lang, args.verbose, corpus, per, args.class_field)
        if res:
            table.append((lang, "vacancy coded", *res))
            classes.append((lang, "vacancy coded", per))
        path = corpus / f"vacancy_{lang}.jsonl"
        if path.exists() and any(r.get("expected") for r in load(path)):
            if args.verbose:
                print(f"== {lang} vacancy findings")
            per = {}
            res = terminology(lang, args.verbose, corpus, per, args.class_field, "vacancy_")
            if res:
                table.append((lang, "vacancy finds", *res))
                classes.append((lang, "vacancy finds", per))
    head = (
        f"{'lang':<5}{'corpus':<15}{'rows':>6}{'expected':>10}{'predicted':>11}{'TP':>6}"
        f"{'precision':>11}{'recall':>8}{'F1':>7}"
    )
    if args.overlap:
        head += f"{'ovTP':>7}{'ovP':>7}{'ovR':>7}{'ovF1':>7}"
    print(head)
    for lang, kind, tp, npred, nexp, nrows, otp in table:
        p, r, f = prf(tp, npred, nexp)
        line = (
            f"{lang:<5}{kind:<15}{nrows:>6}{nexp:>10}{npred:>11}{tp:>6}{p:>11.3f}{r:>8.3f}{f:>7.3f}"
        )
        if args.overlap:
            op, orr, of = prf(otp, npred, nexp)
            line += f"{otp:>7}{op:>7.3f}{orr:>7.3f}{of:>7.3f}"
        print(line)
    if not table:
        print("no corpus files found in", corpus)
    if any(set(per) != {"-"} for _, _, per in classes):
        print()
        print("per class (a line tagged with several classes counts in each)")
        print(head.replace("corpus        ", f"corpus        {'class':<22}"))
        for lang, kind, per in classes:
            for cls in sorted(per):
                tp, npred, nexp, nrows, otp = per[cls]
                p, r, f = prf(tp, npred, nexp)
                line = (
                    f"{lang:<5}{kind:<15}{cls[:21]:<22}{nrows:>6}{nexp:>10}{npred:>11}{tp:>6}"
                    f"{p:>11.3f}{r:>8.3f}{f:>7.3f}"
                )
                if args.overlap:
                    op, orr, of = prf(otp, npred, nexp)
                    line += f"{otp:>7}{op:>7.3f}{orr:>7.3f}{of:>7.3f}"
                print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
