"""Two app servers (`pat serve`, separate processes) on one database share the cache, and a
change written by a third process shows on both at their next request."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.core.test_behind_a_proxy import cookies_of, free_port, request
from tests.core.test_settings_and_security import PAT, ROOT, production, run_pat

SETUP = """
from pat.core.models import Office, User
from pat.projects import services
from pat.projects.models import Project, ProjectType
office = Office.objects.create(code="co-ke", name="Nairobi", kind="country", region="EHA")
User.objects.create_user("amina", password="a-long-pass-phrase-12")
project = Project.objects.create(
    code="KE.0001", title="Safe water points", executing_office=office, region="EHA",
    project_type=ProjectType.objects.first(), summary="Boreholes near the camps.",
)
services.project_reindex(project=project)
"""

RENAME = """
from pat.projects import services
from pat.projects.models import Project
project = Project.objects.get(code="KE.0001")
services.project_touch(project=project, actor=None, action="updated",
    changes={"title": [project.title, "Safe water and sanitation"]},
    fields={"title": "Safe water and sanitation"})
"""


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = production(
        tmp_path_factory.mktemp("pat-var"),
        PAT_ALLOWED_HOSTS="127.0.0.1",
        PAT_SSL_REDIRECT="0",
    )
    for args in (("collectstatic", "--noinput"), ("migrate", "--noinput"), ("shell", "-c", SETUP)):
        result = run_pat(*args, **env)
        assert result.returncode == 0, result.stderr
    return env


def serve(
    env: dict[str, str], processes: list[subprocess.Popen[bytes]] | None = None
) -> Iterator[int]:
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("PAT_", "DJANGO_"))}
    environment.update(env)
    server = subprocess.Popen(
        [PAT, "serve", "--port", str(port), "--workers", "1", "--threads", "2"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    if processes is not None:
        processes.append(server)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "pat serve did not start"
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def sign_in(port: int) -> str:
    page = request(port, "GET", "/accounts/login/", {"Host": "127.0.0.1"})
    csrf = cookies_of(page)["csrftoken"].value
    form = {"csrfmiddlewaretoken": csrf, "username": "amina", "password": "a-long-pass-phrase-12"}
    signed_in = request(
        port,
        "POST",
        "/accounts/login/",
        {
            "Host": "127.0.0.1",
            "Cookie": f"csrftoken={csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        urlencode(form),
    )
    assert signed_in.status == 302
    return f"sessionid={cookies_of(signed_in)['sessionid'].value}"


def test_a_change_made_in_one_process_shows_in_the_others(
    deployment: dict[str, str], tmp_path: Path
) -> None:
    for first in serve(deployment):
        for second in serve(deployment):
            cookie = sign_in(first)  # the session is in the database: good on both servers

            def page(port: int, path: str, cookie: str = cookie) -> str:
                response = request(port, "GET", path, {"Host": "127.0.0.1", "Cookie": cookie})
                assert response.status == 200
                return str(response.text)  # type: ignore[attr-defined]

            for port in (first, second):
                assert "Safe water points" in page(port, "/projects/?q=water")
                assert "Safe water points" in page(port, "/projects/KE.0001/")
            cached = run_pat(
                "shell",
                "-c",
                "from django.db import connection; c = connection.cursor(); "
                "c.execute('SELECT COUNT(*) FROM pat_cache'); print(c.fetchone()[0])",
                **deployment,
            )
            assert int(cached.stdout.split()[-1]) >= 2, "the pages were cached in the shared cache"

            renamed = run_pat("shell", "-c", RENAME, **deployment)
            assert renamed.returncode == 0, renamed.stderr
            for port in (second, first):
                assert "Safe water and sanitation" in page(port, "/projects/?q=water")
                assert "Safe water and sanitation" in page(port, "/projects/KE.0001/")
                assert "Safe water and sanitation" in page(port, "/projects/changes/")


def worker_pids(master: int) -> set[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return {int(pid) for pid in children}


def test_sighup_restarts_the_processes_and_the_server_keeps_answering(
    deployment: dict[str, str],
) -> None:
    started: list[subprocess.Popen[bytes]] = []
    for port in serve(deployment, started):
        master = started[0].pid
        before = worker_pids(master)
        assert len(before) == 1
        assert request(port, "GET", "/accounts/login/", {"Host": "127.0.0.1"}).status == 200
        os.kill(master, signal.SIGHUP)
        deadline = time.monotonic() + 30
        while (
            worker_pids(master) & before or not worker_pids(master)
        ) and time.monotonic() < deadline:
            time.sleep(0.2)
        after = worker_pids(master)
        assert after and not after & before, "the worker process was replaced"
        assert started[0].poll() is None, "the master goes on"
        assert request(port, "GET", "/accounts/login/", {"Host": "127.0.0.1"}).status == 200
