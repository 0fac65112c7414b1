"""What every page benchmark in bench/ shares: the ceiling, PAT served the production way,
signed-in sessions, latency and load, and one way of printing them.

* `ceiling()`: bench/ceiling.py (the bare Django app of ../shared/bench/pages.sh: a 50-row
  template, no database) under gunicorn with one worker per core: what this machine can
  serve at best. Every ratio printed by a bench is a page's figure over this one.
* `serve_pat(database_url)`: `pat serve` as README's production section runs it (gunicorn,
  a process per core, production settings, collected static files), on a free port.
* `load()`: requests per second, p50 and p99 with C concurrent keep-alive clients, by wrk
  when it is installed (apt-get install wrk), else by Python threads (which then share the
  cores with the server: the ratio stays fair, the absolute figures are lower).
* `database_label()`: which database a figure was measured on, printed with it.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PAT = str(BIN / "pat")
DEMO_PASSWORD = "pat-demo-2026"  # noqa: S105 - the demo users' published password


def cores() -> int:
    return os.cpu_count() or 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def database_label(database_url: str) -> str:
    parsed = urllib.parse.urlparse(database_url)
    if parsed.scheme.startswith("postgres"):
        return f"PostgreSQL {parsed.hostname}:{parsed.port or 5432}{parsed.path}"
    return f"SQLite {parsed.path}"


def production_environment(database_url: str, var_dir: Path | None = None) -> dict[str, str]:
    """Production settings (DEBUG off, manifest static files), plain HTTP on loopback; files
    under `var_dir`, a new temporary folder if none is given."""
    var_dir = var_dir or Path(tempfile.mkdtemp(prefix="pat-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PAT_", "DJANGO_"))}
    env.update(
        DATABASE_URL=database_url,
        PAT_VAR_DIR=str(var_dir),
        PAT_SECRET_KEY="bench-only-secret-not-for-any-real-deployment-0123456789",  # noqa: S106
        PAT_ALLOWED_HOSTS="127.0.0.1,localhost",
        PAT_SSL_REDIRECT="0",
        PAT_LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    return env


def wait_for(port: int, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"the server stopped at start ({process.returncode})") from None
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start") from None
            time.sleep(0.1)


@contextmanager
def running(command: list[str], port: int, env: dict[str, str] | None = None) -> Iterator[int]:
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for(port, process)
        time.sleep(1)  # let every worker process finish importing
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def serve_pat(database_url: str, var_dir: Path | None = None) -> Iterator[int]:
    """PAT as in production on a free port; the database must be migrated already."""
    var = var_dir or Path(tempfile.mkdtemp(prefix="pat-bench-"))
    env = production_environment(database_url, var)
    subprocess.run([PAT, "collectstatic", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True)
    port = free_port()
    with running([PAT, "serve", "--port", str(port)], port, env) as served:
        yield served


@contextmanager
def ceiling_server() -> Iterator[int]:
    port = free_port()
    command = [str(BIN / "gunicorn"), "-w", str(cores()), "-b", f"127.0.0.1:{port}"]
    command += ["--chdir", str(ROOT / "bench"), "ceiling:application"]
    with running(command, port) as served:
        yield served


class Session:
    """A keep-alive HTTP connection with a signed-in session's cookie."""

    def __init__(self, port: int, cookie: str = "") -> None:
        self.port = port
        self.cookie = cookie
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        all_headers = {"Cookie": self.cookie, **(headers or {})}
        try:
            self.conn.request("GET", path, headers=all_headers)
            response = self.conn.getresponse()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            # The server closes a keep-alive connection idle for a few seconds: open another.
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.conn.request("GET", path, headers=all_headers)
            response = self.conn.getresponse()
        return response.status, response.read()

    def sign_in(self, username: str, password: str = DEMO_PASSWORD) -> Session:
        self.conn.request("GET", "/accounts/login/")
        page = self.conn.getresponse()
        body = page.read().decode()
        csrf = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie") or "")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        assert csrf and token, "no CSRF token on the sign-in page"
        form = {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)}
        self.conn.request(
            "POST",
            "/accounts/login/",
            body=urllib.parse.urlencode(form),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={csrf.group(1)}",
                "Referer": f"http://127.0.0.1:{self.port}/accounts/login/",
            },
        )
        response = self.conn.getresponse()
        response.read()
        session = re.search(r"sessionid=([^;]+)", response.getheader("Set-Cookie") or "")
        assert response.status == 302 and session, f"sign-in failed ({response.status})"
        self.cookie = f"sessionid={session.group(1)}"
        return self


class InProcess:
    """A Django test client seen as a Session, so `latency` times in-process requests too."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        response = self.client.get(path, headers=headers or {})
        return response.status_code, response.content


def latency(
    session: Session | InProcess, path: str, runs: int, headers: dict[str, str] | None = None
) -> list[float]:
    """Milliseconds of each of `runs` requests, one at a time."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        status, _body = session.get(path, headers)
        times.append((time.perf_counter() - started) * 1000)
        assert status == 200, f"{path} answered {status}"
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) > 1 else values[0]


@dataclass
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    failed: int


_WRK_SCRIPT = """
paths = {%s}
n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
"""


def _ms(text: str) -> float:
    number = float(re.sub(r"[a-z]+$", "", text))
    unit = re.sub(r"^[0-9.]+", "", text)
    return number * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}.get(unit, 1.0)


def load(
    port: int, paths: list[str], *, cookie: str = "", clients: int = 16, seconds: float = 10
) -> Load:
    """Throughput over `paths` (taken in turn) with concurrent keep-alive clients."""
    if shutil.which("wrk"):
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(_WRK_SCRIPT % ", ".join(f'"{p}"' for p in paths))
        command = ["wrk", "-t2", f"-c{clients}", f"-d{int(seconds)}s", "--latency"]
        command += ["-s", script.name, "-H", f"Cookie: {cookie}", f"http://127.0.0.1:{port}"]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        os.unlink(script.name)
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
        p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
        p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
        bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
        return Load(rps, p50, p99, int(bad.group(1)) if bad else 0)
    times: list[float] = []
    failed = [0]
    deadline = time.monotonic() + seconds

    def client(i: int) -> None:
        session = Session(port, cookie)
        n = i
        while time.monotonic() < deadline:
            started = time.perf_counter()
            status, _ = session.get(paths[n % len(paths)])
            times.append((time.perf_counter() - started) * 1000)
            failed[0] += status != 200
            n += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cuts = statistics.quantiles(times, n=100)
    return Load(len(times) / (time.monotonic() - started), cuts[49], cuts[98], failed[0])


def ceiling(clients: int = 16, seconds: float = 10, runs: int = 50) -> tuple[Load, float]:
    """The ceiling's throughput and its median single-request latency (ms), measured now."""
    with ceiling_server() as port:
        alone = statistics.median(latency(Session(port), "/page", runs))
        return load(port, ["/page"], clients=clients, seconds=seconds), alone


def print_table(title: str, ceiling_load: Load, rows: list[tuple[str, Load, float]]) -> None:
    """One line per page: requests/s, p50, p99 under load, one request alone, the ratio."""
    print(f"\n== {title}")
    print(f"  {'page':<52} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'alone ms':>9} {'ratio':>6}")
    line = "  {:<52} {:8.1f} {:8.1f} {:8.1f} {:>9} {:6.2f}{}"
    print(
        line.format(
            "ceiling (bare Django, 50 rows, gunicorn × cores)",
            ceiling_load.rps,
            ceiling_load.p50_ms,
            ceiling_load.p99_ms,
            "",
            1.0,
            "",
        )
    )
    for name, measured, alone in rows:
        failed = f"  ({measured.failed} failed)" if measured.failed else ""
        print(
            line.format(
                name[:52],
                measured.rps,
                measured.p50_ms,
                measured.p99_ms,
                f"{alone:.1f}",
                measured.rps / ceiling_load.rps,
                failed,
            )
        )


def page_against_ceiling(
    database_url: str,
    username: str,
    path: str,
    *,
    runs: int = 50,
    seconds: float = 10,
    clients: int = 16,
) -> tuple[list[float], Load, Load, float]:
    """For a bench that built its own data: one page served the production way.

    Returns the page's latencies alone (ms), its load, the ceiling's load and the ceiling's
    median alone. `username` signs in with DEMO_PASSWORD (the bench sets it).
    """
    ceiling_load, ceiling_alone = ceiling(clients, seconds)
    with serve_pat(database_url) as port:
        session = Session(port).sign_in(username)
        latency(session, path, 3)  # warm: templates, connections, every process
        alone = latency(session, path, runs)
        measured = load(port, [path], cookie=session.cookie, clients=clients, seconds=seconds)
    return alone, measured, ceiling_load, ceiling_alone
