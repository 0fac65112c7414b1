"""bench/terminology_quality.py: --corpus and --overlap scoring."""

import json
import subprocess
import sys
from pathlib import Path

from bench.terminology_quality import locate, score_overlap

ROOT = Path(__file__).resolve().parents[2]


def test_locate_finds_whole_words_in_order():
    text = "The chairman met the other chairman."
    assert locate(text, ["chairman", "chairman"]) == [(4, 12), (27, 35)]
    assert locate("the hero", ["he"]) == [(-1, -1)]
    assert locate("He said so.", ["he"]) == [(0, 2)]


def test_overlap_counts_a_prediction_overlapping_an_expected_span():
    expected = [("Los trabajadores", 0, 16)]
    assert score_overlap([("trabajadores", 4, 16)], expected) == 1
    assert score_overlap([("otro", 20, 24)], expected) == 0
    # same-text pairs first, so overlap never scores below exact
    assert score_overlap([("he", 10, 12), ("he", 0, 2)], [("he", 0, 2), ("he", 10, 12)]) == 2


def test_the_command_reads_another_corpus_folder(tmp_path):
    rows = [
        {
            "id": "x-1",
            "lang": "en",
            "mode": "proposal",
            "text": "The chairman's report.",
            "expected": ["The chairman's"],
            "kind": "positive",
        },
        {
            "id": "x-2",
            "lang": "en",
            "mode": "proposal",
            "text": "The Isle of Man.",
            "expected": [],
            "kind": "tricky-negative",
        },
    ]
    (tmp_path / "en.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "terminology_quality.py"),
            "--lang",
            "en",
            "--corpus",
            str(tmp_path),
            "--overlap",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("en"))
    cols = line.split()
    # exact: 0 of 1 ("chairman's" is the span); overlap: 1 of 1
    assert cols[5] == "0" and cols[9] == "1", out
