"""Project list speed with 100,000 projects: search term + filter, against a bare Django view.

Builds (once, cached under var/bench/) a database of N demo projects, starts
PAT with production settings under waitress on a free loopback port, signs in,
and measures in the same run:

* sequential latency (median, p95) of the project list with a search term and
  a region filter: cold (each request a query the list cache has not seen) and
  warm (the same query again, as when many offices open the same list), of its
  htmx partial, and of the JSON API with the same query;
* throughput under concurrent load (C clients, keep-alive) for the list and for
  the baseline: a bare Django view rendering a 50-row template with no database.

It prints each figure and the ratio list/baseline. Targets: ratio >= 0.5,
p95 < 100 ms, on SQLite and on PostgreSQL (set PAT_BENCH_DATABASE_URL to a
PostgreSQL database that may be emptied, e.g. postgres://pat:pat@127.0.0.1/pat_bench).

    .venv/bin/python bench/projects_list.py [--projects 100000] [--seconds 10] [--clients 8]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAT = str(ROOT / ".venv" / "bin" / "pat")
QUERY = "/projects/?q=trafficking&region=WCA"
API_QUERY = "/api/v1/projects?q=trafficking&region=WCA"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=database_url,
        PYTHONPATH=str(ROOT),
        PAT_DEBUG="0",
        PAT_LOG_LEVEL="ERROR",
    )
    return env


def prepare(database_url: str, projects: int) -> None:
    env = environment(database_url)
    subprocess.run([PAT, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
    started = time.monotonic()
    subprocess.run(
        [PAT, "demo", "--projects", str(projects), "--quiet"], env=env, check=True, cwd=ROOT
    )
    print(f"database ready with {projects} projects ({time.monotonic() - started:.0f} s)")


class Session:
    """A signed-in keep-alive HTTP connection."""

    def __init__(self, port: int, cookies: str = "") -> None:
        self.port = port
        self.cookies = cookies
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        all_headers = {"Cookie": self.cookies, **(headers or {})}
        self.conn.request("GET", path, headers=all_headers)
        response = self.conn.getresponse()
        return response.status, response.read()

    def sign_in(self, username: str, password: str) -> None:
        self.conn.request("GET", "/accounts/login/")
        response = response_read = self.conn.getresponse()
        body = response_read.read().decode()
        csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        assert csrf_cookie and token, "no CSRF token on the sign-in page"
        form = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)}
        )
        self.conn.request(
            "POST",
            "/accounts/login/",
            body=form,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={csrf_cookie.group(1)}",
                "Referer": f"http://127.0.0.1:{self.port}/accounts/login/",
            },
        )
        response = self.conn.getresponse()
        response.read()
        session = re.search(r"sessionid=([^;]+)", response.getheader("Set-Cookie") or "")
        assert response.status == 302 and session, f"sign-in failed ({response.status})"
        self.cookies = f"sessionid={session.group(1)}"


def latency(
    session: Session, path: str, runs: int, headers: dict[str, str] | None = None
) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        status, _body = session.get(path, headers)
        times.append((time.perf_counter() - started) * 1000)
        assert status == 200, f"{path} answered {status}"
    return times


def throughput(port: int, cookies: str, path: str, clients: int, seconds: float) -> float:
    done = [0] * clients
    errors: list[str] = []
    deadline = time.monotonic() + seconds

    def worker(i: int) -> None:
        session = Session(port, cookies)
        while time.monotonic() < deadline:
            status, _ = session.get(path)
            if status != 200:
                errors.append(str(status))
                return
            done[i] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, f"errors under load: {errors[:3]}"
    return sum(done) / (time.monotonic() - started)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def run(database_url: str, label: str, args: argparse.Namespace) -> dict[str, float]:
    prepare(database_url, args.projects)
    port = free_port()
    server = subprocess.Popen(
        [PAT, "serve", "--port", str(port), "--threads", str(args.threads)],
        env=environment(database_url),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        session = Session(port)
        session.sign_in("developer", "pat-demo-2026")
        latency(session, QUERY, 5)  # warm caches and the connection pool
        latency(session, "/bench/baseline", 5)
        _status, body = session.get(QUERY)
        found = re.search(r"([\d,]+) projects?", body.decode())
        # Cold: every request a query the cache has not seen (its own page number).
        cold_ms = [latency(session, f"{QUERY}&page={i}", 1)[0] for i in range(1, args.runs + 1)]
        list_ms = latency(session, QUERY, args.runs)
        partial_ms = latency(session, QUERY, args.runs, {"HX-Request": "true"})
        api_ms = latency(session, API_QUERY, args.runs)
        base_ms = latency(session, "/bench/baseline", args.runs)
        list_rps = throughput(port, session.cookies, QUERY, args.clients, args.seconds)
        base_rps = throughput(port, session.cookies, "/bench/baseline", args.clients, args.seconds)
    finally:
        server.terminate()
        server.wait(timeout=10)
    figures = {
        "matches": float((found.group(1) if found else "0").replace(",", "")),
        "cold list median ms": statistics.median(cold_ms),
        "cold list p95 ms": p95(cold_ms),
        "list median ms": statistics.median(list_ms),
        "list p95 ms": p95(list_ms),
        "partial median ms": statistics.median(partial_ms),
        "partial p95 ms": p95(partial_ms),
        "api median ms": statistics.median(api_ms),
        "api p95 ms": p95(api_ms),
        "baseline median ms": statistics.median(base_ms),
        "baseline p95 ms": p95(base_ms),
        "list req/s": list_rps,
        "baseline req/s": base_rps,
        "ratio list/baseline": list_rps / base_rps,
    }
    print(f"\n== {label}: {args.projects} projects, query {QUERY!r}, {args.clients} clients")
    for name, value in figures.items():
        print(f"  {name:<22} {value:10.2f}")
    verdict = (
        figures["ratio list/baseline"] >= 0.5
        and figures["list p95 ms"] < 100
        and figures["cold list p95 ms"] < 100
    )
    print(f"  target (ratio >= 0.5, p95 < 100 ms cold and warm): {'met' if verdict else 'NOT met'}")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    cache = ROOT / "var" / "bench"
    cache.mkdir(parents=True, exist_ok=True)
    run(f"sqlite:///{cache / f'projects-{args.projects}.sqlite3'}", "SQLite", args)
    postgres = os.environ.get("PAT_BENCH_DATABASE_URL")
    if postgres:
        run(postgres, "PostgreSQL", args)
    else:
        print("\n(PostgreSQL skipped: set PAT_BENCH_DATABASE_URL to run it too)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
