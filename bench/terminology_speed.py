"""Speed of the terminology checker: MB/s, peak memory, one-page command time, and alex.

    .venv/bin/python bench/terminology_speed.py [--quick] [--no-alex] [--baseline DIR]

--baseline DIR also runs the command-line rows with another checkout's engine (its own
.venv/bin/python, from its folder: `--baseline /work/main`), in the same run, and prints the
ratio; --cli-only skips the in-process rows (for a quick before/after of the commands).

Generates proposal-like English (realistic sentences, about one finding per few hundred
words, names and pronouns that make the context filters work), then times check() on 1 MB and
10 MB, the peak memory of a process checking 10 MB, a 100-page .docx end to end, and the wall
time of `pat check` on one page. alex (npm) runs on the same text for comparison.

Command-line rows (each a fresh process, best of a few runs: the machine is shared):
`pat check` on a 10 MB text file end to end (start, rules, scan, filters, printing), its peak
RSS, `pat check` on one page, and `pat check --batch` on 10 MB of JSON lines (200 documents of
50 kB), the shape of a long-running batch. The "scanner options" rows time what a fresh
process pays for each way of finding the word-list forms: compiling them into one regular
expression, building the Aho-Corasick automaton, or loading that automaton from a pickle (the
on-disk cache that was considered), and the scan itself with each.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SUBJECTS = [
    "The project",
    "The programme",
    "The regional office",
    "The ministry",
    "Our partners",
    "The country team",
    "The implementing agency",
    "This component",
    "The steering committee",
    "Local authorities",
    "The evaluation team",
]
VERBS = [
    "will strengthen",
    "aims to improve",
    "supports",
    "will monitor",
    "has reviewed",
    "will expand",
    "coordinates",
    "finances",
    "documents",
    "will assess",
]
OBJECTS = [
    "the capacity of national institutions",
    "access to clean water in rural districts",
    "the resilience of smallholder farmers",
    "data collection on labour migration",
    "vocational training for young people",
    "social protection floors",
    "the quality of health services",
    "gender-responsive budgeting",
    "the participation of women and men in local planning",
    "climate adaptation in coastal communities",
]
TAILS = [
    "in three provinces",
    "over the next four years",
    "with support from the donor",
    "in line with the national strategy",
    "through a results-based approach",
    "in close cooperation with civil society",
    "",
    "",
    "",
]
NAMED = [
    "Mr Diallo said his team would deliver the baseline survey in March.",
    "The Minister, Mr Kone, presented his plan to the donors.",
    "The ferry to the Isle of Man was delayed by the storm.",
    "The Ministry of Manpower published the labour force survey.",
    "Girls aged 10 to 14 will attend the after-school programme.",
    "The clinic provides maternal health care for women and children.",
    "Each applicant must submit his or her CV by Friday.",
]
FINDINGS = [
    "The chairman of the board approved the budget.",
    "We estimate 300 man-days of field work.",
    "Each participant should bring his own laptop.",
    "Vulnerable groups such as women and children need protection.",
    "The spokesman confirmed the figures.",
    "More manpower is needed in the districts.",
    "Fishermen's cooperatives will receive grants.",
    "The policeman recorded the complaint.",
]


def make_text(size: int, seed: int = 7) -> str:
    rnd = random.Random(seed)
    parts: list[str] = []
    total = 0
    words = 0
    next_finding = rnd.randint(150, 400)
    while total < size:
        if words >= next_finding:
            s = rnd.choice(FINDINGS)
            next_finding = words + rnd.randint(150, 400)
        elif rnd.random() < 0.04:
            s = rnd.choice(NAMED)
        else:
            s = f"{rnd.choice(SUBJECTS)} {rnd.choice(VERBS)} {rnd.choice(OBJECTS)}"
            tail = rnd.choice(TAILS)
            s = f"{s} {tail}." if tail else s + "."
        words += s.count(" ") + 1
        if rnd.random() < 0.15:
            s += "\n\n"
        else:
            s += " "
        parts.append(s)
        total += len(s)
    return "".join(parts)[:size]


def make_pronoun_dense(size: int) -> str:
    """Narrative text where half the sentences carry he/his: the referent search's worst case."""
    rnd = random.Random(5)
    sentences = (
        NAMED
        + FINDINGS
        + [
            "He explained that the budget was final.",
            "The project manager presented his plan to the board.",
            "The applicant must submit his CV before the deadline.",
        ]
    )
    parts: list[str] = []
    total = 0
    while total < size:
        s = rnd.choice(sentences) + " "
        parts.append(s)
        total += len(s)
    return "".join(parts)[:size]


def time_check(text: str, repeat: int) -> float:
    """Best wall time of several runs: the machine is shared, the best run is the engine's."""
    return time_check_cpu(text, repeat)[0]


def time_check_cpu(text: str, repeat: int) -> tuple[float, float]:
    from pat.terminology import check
    from pat.terminology.matcher import compile_rules

    # Steady state, as in a long-running process: the automata built outside the timing
    # (the fresh-process row below shows the cold cost).
    compiled = compile_rules("en", "proposal")
    _ = compiled.ascii_automaton, compiled.automaton
    check(text[:1000], "en")
    best = best_cpu = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        c = time.process_time()
        check(text, "en")
        best = min(best, time.perf_counter() - t)
        best_cpu = min(best_cpu, time.process_time() - c)
    return best, best_cpu


PEAK_SCRIPT = """
import resource, sys, time
sys.path.insert(0, {root!r})
sys.path.insert(0, {root!r} + "/bench")
from terminology_speed import make_text
text = make_text({size})
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
from pat.terminology import check
from pat.terminology.matcher import compile_rules
compile_rules("en", "proposal").ascii_automaton
t1 = time.perf_counter()
n = len(check(text, "en"))
t2 = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(before / 1024, peak / 1024, n, t1 - t0, t2 - t1)
"""


def peak_memory(size: int) -> tuple[float, float, int, float, float]:
    """A fresh process: memory with the text alone, peak after checking, cold timings."""
    # Through a small launcher: Linux hands a child the peak RSS its parent had when it
    # forked, and this bench holds large texts by now.
    launcher = "import subprocess, sys; sys.exit(subprocess.run(sys.argv[1:]).returncode)"
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            launcher,
            sys.executable,
            "-c",
            PEAK_SCRIPT.format(root=str(ROOT), size=size),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    before, peak, n, load, dt = out.stdout.split()
    return float(before), float(peak), int(n), float(load), float(dt)


def docx_bench(tmp: Path) -> tuple[float, int, int, float] | str:
    try:
        import docx
    except ImportError:
        return "python-docx missing"
    text = make_text(100 * 3000, seed=11)  # about 100 pages of 500 words
    doc = docx.Document()
    for para in text.split("\n\n"):
        doc.add_paragraph(para.strip())
    path = tmp / "hundred_pages.docx"
    doc.save(str(path))
    from pat.terminology import check

    t = time.perf_counter()
    try:
        from pat.terminology.readers import read_document

        body = read_document(path).text
    except Exception:
        body = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    n = len(check(body, "en"))
    warm = time.perf_counter() - t
    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pat.terminology.cli", "check", "--lang", "en", str(path)],
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    return warm, len(body), n, time.perf_counter() - t


def one_page_wall(tmp: Path) -> tuple[float, float]:
    page = tmp / "one_page.txt"
    page.write_text(make_text(3500, seed=3), encoding="utf-8")
    times = []
    for _ in range(7):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "pat.terminology.cli", "check", str(page)],
            capture_output=True,
            cwd=ROOT,
            check=False,
        )
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times)


ALEX_SCRIPT = """
import {text} from 'alex'
import {readFileSync} from 'node:fs'
const value = readFileSync(process.argv[2], 'utf8')
const t = process.hrtime.bigint()
const file = text(value)
const ms = Number(process.hrtime.bigint() - t) / 1e6
console.log(JSON.stringify({ms, messages: file.messages.length}))
"""


def alex(text: str, tmp: Path) -> tuple[float, int] | str:
    cache = Path(tempfile.gettempdir()) / "pat-bench-alex"
    if not (cache / "node_modules" / "alex").exists():
        if shutil.which("npm") is None:
            return "npm not found"
        cache.mkdir(exist_ok=True)
        (cache / "package.json").write_text('{"name": "pat-bench-alex", "private": true}')
        proc = subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "alex@11"],
            cwd=cache,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if proc.returncode != 0:
            return "npm install alex failed: " + proc.stderr.strip().splitlines()[-1:][0]
    script = cache / "run.mjs"
    script.write_text(ALEX_SCRIPT)
    src = tmp / "alex_input.txt"
    src.write_text(text, encoding="utf-8")
    try:
        proc = subprocess.run(
            ["node", str(script), str(src)],
            cwd=cache,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return "alex timed out"
    if proc.returncode != 0:
        return "alex failed: " + (proc.stderr.strip().splitlines() or ["?"])[-1]
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    return data["ms"] / 1000, data["messages"]


MAXRSS_SCRIPT = """
import resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL)
dt = time.perf_counter() - t
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(dt, u.ru_maxrss / 1024, p.returncode, u.ru_utime + u.ru_stime)
"""


def cli_run(root: Path, args: list[str]) -> tuple[float, float, float]:
    """Wall time, peak RSS (MB) and CPU time of `python -m pat.terminology.cli ARGS` from root.

    On a shared machine the CPU time (user + system of the one child) is the steadier figure:
    other processes stretch the wall time, not the work done.
    """
    python = root / ".venv" / "bin" / "python"
    if not python.exists():
        python = Path(sys.executable)
    # Byte-compiled modules, as in any install: this session's environment may forbid
    # writing them (PYTHONDONTWRITEBYTECODE), which would time the compiler on every run. They
    # go to a cache of the bench's own, so no checkout is written to.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "pat-bench-pycache")
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            MAXRSS_SCRIPT,
            str(root),
            str(python),
            "-m",
            "pat.terminology.cli",
            *args,
        ],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    dt, rss, rc, cpu = out.stdout.split()
    if int(rc) not in (0, 1):
        raise RuntimeError(f"pat check {args} failed in {root}")
    return float(dt), float(rss), float(cpu)


def cli_rows(tmp: Path, roots: list[tuple[str, Path]], quick: bool) -> list[tuple[str, str]]:
    size = 1_000_000 if quick else 10_000_000
    big = tmp / "ten_mb.txt"
    big.write_text(make_text(size), encoding="utf-8")
    page = tmp / "page.txt"
    page.write_text(make_text(3500, seed=3), encoding="utf-8")
    batch = tmp / "batch.jsonl"
    with batch.open("w", encoding="utf-8") as fh:
        doc = size // 200
        for i in range(200):
            text = make_text(doc, seed=100 + i)
            fh.write(json.dumps({"id": i, "text": text, "lang": "en"}) + "\n")
    batch_chars = size
    results: dict[str, dict[str, tuple[float, float, float]]] = {}
    for label, root in roots:
        got: dict[str, tuple[float, float, float]] = {}
        cli_run(root, [str(page)])  # writes the byte-compiled modules once
        for key, args, runs in (
            ("big", [str(big)], 3),
            ("page", [str(page)], 7),
            ("batch", ["--batch", str(batch)], 2),
        ):
            runs_out = [cli_run(root, args) for _ in range(runs)]
            got[key] = (
                min(t for t, _, _ in runs_out),
                max(m for _, m, _ in runs_out),
                min(c for _, _, c in runs_out),
            )
        results[label] = got
    rows: list[tuple[str, str]] = []
    mb = size / 1e6
    for key, name in (
        ("big", f"`pat check` {mb:.0f} MB file, fresh, wall"),
        ("page", "`pat check` one page, fresh, wall"),
        ("batch", f"`pat check --batch` {mb:.0f} MB (200 docs), fresh, wall"),
    ):
        parts = []
        for label, _root in roots:
            t, rss, cpu = results[label][key]
            chars = batch_chars if key == "batch" else size
            rate = "" if key == "page" else f" {chars / t / 1e6:5.1f} MB/s"
            cpu_rate = "" if key == "page" else f" = {chars / cpu / 1e6:.1f} MB/s"
            parts.append(f"{label}: {t:.3f} s{rate} (CPU {cpu:.3f} s{cpu_rate}), peak {rss:.0f} MB")
        if len(roots) > 1:
            first, second = results[roots[0][0]][key][0], results[roots[1][0]][key][0]
            parts.append(f"{roots[1][0]}/{roots[0][0]} time {second / first:.2f}")
        rows.append((name, "; ".join(parts)))
    return rows


def scanner_options(size: int) -> list[tuple[str, str]]:
    """What each way of finding the forms costs in a process that has nothing compiled yet."""
    import pickle

    from pat.terminology.matcher import Compiled
    from pat.terminology.rules import load_rules

    text = make_text(size)
    rows = []
    for lang in ("en", "fr", "es"):
        t = time.perf_counter()
        rules = load_rules(lang)
        cr = Compiled(rules, "proposal")
        t_rules = time.perf_counter() - t
        t = time.perf_counter()
        _ = cr.fast_ascii
        t_regex = time.perf_counter() - t
        t = time.perf_counter()
        auto = cr.automaton
        t_auto = time.perf_counter() - t
        blob = pickle.dumps(auto)
        t = time.perf_counter()
        pickle.loads(blob)  # noqa: S301 -- the bytes were pickled by this process just above
        t_pickle = time.perf_counter() - t
        rows.append(
            (
                f"first use of {lang}: rules / regex / automaton",
                f"load+index {t_rules:.3f} s; compile regex {t_regex:.3f} s; build automaton "
                f"{t_auto:.3f} s (unpickle {t_pickle:.3f} s, {len(blob) / 1e6:.1f} MB)",
            )
        )
    cr = Compiled(load_rules("en"), "proposal")
    _ = cr.fast_ascii, cr.automaton
    timings = {}
    for name, scan in (
        ("regex", cr.scan_fast),
        ("automaton", cr.scan_automaton),
        ("word look-ups", cr.scan_words),
    ):
        best = float("inf")
        for _ in range(3):
            t = time.perf_counter()
            n = sum(1 for _ in scan(text))
            best = min(best, time.perf_counter() - t)
        timings[name] = (best, n)
    rows.append(
        (
            f"scan only, {size / 1e6:.0f} MB English",
            "; ".join(
                f"{k} {t:.3f} s ({size / t / 1e6:.0f} MB/s, {n} forms)"
                for k, (t, n) in timings.items()
            ),
        )
    )
    return rows


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="1 MB only, no docx")
    ap.add_argument("--no-alex", action="store_true")
    ap.add_argument("--baseline", type=Path, help="another checkout to compare the commands with")
    ap.add_argument("--cli-only", action="store_true", help="only the command-line rows")
    args = ap.parse_args()
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        roots = [("this", ROOT)]
        if args.baseline:
            roots.insert(0, ("baseline", args.baseline.resolve()))
        rows += cli_rows(tmp, roots, args.quick)
        if args.cli_only:
            _print(rows)
            return 0
        rows += scanner_options(1_000_000 if args.quick else 10_000_000)
        one = make_text(1_000_000)
        t1, c1 = time_check_cpu(one, 7)
        rows.append(
            (
                "check() 1 MB (best of 7)",
                f"{t1:.3f} s  {len(one) / t1 / 1e6:6.1f} MB/s"
                f"  (CPU {len(one) / c1 / 1e6:.1f} MB/s)",
            )
        )
        curly = one.replace("'", "\u2019")
        tc, cc = time_check_cpu(curly, 5)
        rows.append(
            (
                "check() 1 MB, curly quotes",
                f"{tc:.3f} s  {len(curly) / tc / 1e6:6.1f} "
                f"MB/s  (CPU {len(curly) / cc / 1e6:.1f} MB/s)",
            )
        )
        dense = make_pronoun_dense(1_000_000)
        td, _ = time_check_cpu(dense, 3)
        rows.append(
            (
                "check() 1 MB, a pronoun every ~15 words",
                f"{td:.3f} s  {len(dense) / td / 1e6:6.1f} MB/s  (worst case: every "
                "pronoun needs the referent search)",
            )
        )
        if not args.quick:
            ten = make_text(10_000_000)
            t10, c10 = time_check_cpu(ten, 3)
            mbs, cpu_mbs = len(ten) / t10 / 1e6, len(ten) / c10 / 1e6
            rows.append(
                (
                    "check() 10 MB (best of 3)",
                    f"{t10:.3f} s  {mbs:6.1f} MB/s  (CPU {cpu_mbs:.1f} MB/s)",
                )
            )
            del ten
            before, peak, n, load, dt = peak_memory(10_000_000)
            rows.append(
                ("peak RSS, 10 MB process", f"{peak:.0f} MB (with the text alone: {before:.0f} MB)")
            )
            rows.append(
                (
                    "10 MB in a fresh process",
                    f"import+compile {load:.2f} s, check "
                    f"{dt:.2f} s ({n} findings): {10 / (load + dt):.1f} MB/s cold",
                )
            )
            res = docx_bench(tmp)
            if isinstance(res, str):
                rows.append(("100-page .docx", res))
            else:
                rows.append(
                    (
                        "100-page .docx read+check, warm",
                        f"{res[0]:.3f} s ({res[1] / 1e3:.0f} k chars, {res[2]} findings)",
                    )
                )
                rows.append(("`pat check` 100-page .docx, wall", f"{res[3]:.3f} s"))
        med, best = one_page_wall(tmp)
        rows.append(("`pat check` one page, wall", f"{med:.3f} s median ({best:.3f} s best)"))
        if not args.no_alex:
            sample = one if not args.quick else one[:300_000]
            res_a = alex(sample, tmp)
            if isinstance(res_a, str):
                rows.append(("alex", res_a))
            else:
                from pat.terminology import check

                t = time.perf_counter()
                n_pat = len(check(sample, "en"))
                tp = time.perf_counter() - t
                rows.append(
                    (
                        f"alex on {len(sample) / 1e6:.1f} MB",
                        f"{res_a[0]:.2f} s  {len(sample) / res_a[0] / 1e6:6.2f} MB/s "
                        f"({res_a[1]} messages)",
                    )
                )
                rows.append(
                    (
                        f"PAT on same {len(sample) / 1e6:.1f} MB",
                        f"{tp:.3f} s ({n_pat} findings); PAT/alex speed ratio {res_a[0] / tp:.0f}x",
                    )
                )
    _print(rows)
    return 0


def _print(rows: list[tuple[str, str]]) -> None:
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  result")
    print(f"{'-' * width}  {'-' * 50}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
