"""Time and memory of every hostile upload of issue 17, before and after bounded reading.

    .venv/bin/python bench/hostile_uploads.py [--before] [--timeout 60]

After: ``read_limited`` (the readers in a forked child under the counted limits, RLIMIT_CPU,
RLIMIT_AS and a wall clock), timed from the caller, with the child's peak resident memory.
Before (--before): the same readers with every limit lifted, each file in a fresh process
(killed after --timeout seconds), which is how the readers ran before: in the server's own
thread, unbounded. The baseline of the ratio column is an ordinary one-page .docx read the
same way in the same run. The start-up cost of each way to get a limited child is printed
first (why the fork server).
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pat.terminology.readers import (  # noqa: E402
    DocumentError,
    Limits,
    read_bytes,
    read_limited,
    run_limited,
)
from tests import hostile_files as hostile  # noqa: E402

UNLIMITED = Limits(
    max_text=10**12,
    max_paragraphs=10**12,
    max_pages=10**9,
    max_pdf_content=10**15,
    max_xml_bytes=10**12,
    max_xml_nodes=10**12,
)


def peak_read(data: bytes, name: str) -> tuple[str, int]:
    """In the child: read, and report the outcome and the peak resident memory (MB)."""
    try:
        outcome = f"read {len(read_bytes(data, name).text):,} chars"
    except DocumentError as error:
        outcome = f"refused: {str(error)[:70]}"
    return outcome, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def after(data: bytes, name: str) -> tuple[float, str, int | None]:
    started = time.perf_counter()
    try:
        read_limited(data, name)
        outcome = "read"
    except DocumentError as error:
        outcome = f"refused: {str(error)[:70]}"
    seconds = time.perf_counter() - started
    try:
        _, peak = run_limited(peak_read, data, name)
    except DocumentError:
        peak = None  # the child was killed at a limit: its peak is the limit
    return seconds, outcome, peak


BEFORE = """
import resource, sys, time
sys.path.insert(0, {root!r})
from tests import hostile_files as hostile
from bench.hostile_uploads import UNLIMITED
from pat.terminology.readers import DocumentError, limits_in_force, read_bytes
data, name = {build}
started = time.perf_counter()
try:
    with limits_in_force(UNLIMITED):
        outcome = "read %d chars" % len(read_bytes(data, name).text)
except DocumentError as error:
    outcome = "refused: " + str(error)[:70]
print("%.2f|%d|%s" % (time.perf_counter() - started,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, outcome))
"""


def before(label: str, timeout: float) -> str:
    build = f"hostile.HOSTILE[{label!r}]()"
    script = BEFORE.format(root=str(ROOT), build=build)
    try:
        out = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"killed after {timeout:g} s (still reading)"
    if out.returncode != 0:
        return f"crashed: {out.stderr.strip().splitlines()[-1][:80]}"
    seconds, peak, outcome = out.stdout.strip().split("|", 2)
    return f"{float(seconds):7.2f} s {int(peak):6d} MB  {outcome}"


def _noop() -> None:
    return None


def startup_costs() -> None:
    for method in ("forkserver", "spawn"):
        ctx = multiprocessing.get_context(method)
        times = []
        for _ in range(6):
            started = time.perf_counter()
            process = ctx.Process(target=_noop)
            process.start()
            process.join()
            times.append(time.perf_counter() - started)
        print(f"start-up, {method:<10} median {statistics.median(times[1:]) * 1000:6.1f} ms")
    times = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", "import pat.terminology.readers, docx, pypdf"],
            check=True,
            cwd=ROOT,
        )
        times.append(time.perf_counter() - started)
    print(f"start-up, subprocess median {statistics.median(times) * 1000:6.1f} ms (imports)")
    started = time.perf_counter()
    run_limited(_noop)
    print(
        f"start-up, run_limited (fork server, readers preloaded) "
        f"{(time.perf_counter() - started) * 1000:6.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", action="store_true", help="also time the unbounded readers")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    startup_costs()
    baseline_data = hostile.small_docx("The chairman spoke. " * 200)
    baseline, _, base_peak = after(baseline_data, "page.docx")
    print(f"baseline: one-page .docx, read_limited {baseline * 1000:7.1f} ms, {base_peak} MB\n")
    for label, build in hostile.HOSTILE.items():
        data, name = build()
        seconds, outcome, peak = after(data, name)
        peak_text = f"{peak:4d} MB" if peak is not None else "at limit"
        print(
            f"{label:<32} {len(data) / 1024:8.0f} KB  after: {seconds:6.2f} s "
            f"(x{seconds / baseline:5.1f}) {peak_text}  {outcome}"
        )
        if args.before:
            print(f"{'':<32} {'':>11}  before: {before(label, args.timeout)}")


if __name__ == "__main__":
    main()
