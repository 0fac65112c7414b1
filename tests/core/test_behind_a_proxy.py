"""`pat serve` behind a TLS proxy, with production settings, as README describes it.

The real server process on a free loopback port; the test speaks as the proxy
does (plain HTTP from 127.0.0.1 with X-Forwarded-* headers).
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from tests.core.test_settings_and_security import PAT, ROOT, production, run_pat

HOST = "pat.example.org"
PROXY_HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A production install: static files collected, database migrated, one user."""
    env = production(tmp_path_factory.mktemp("pat-var"))
    for args in (
        ("collectstatic", "--noinput"),
        ("migrate", "--noinput"),
        (
            "shell",
            "-c",
            "from pat.core.models import User; "
            "User.objects.create_user('amina', password='a-long-pass-phrase-12')",
        ),
    ):
        result = run_pat(*args, **env)
        assert result.returncode == 0, result.stderr
    return env


def start(env: dict[str, str], trusted_proxy: str) -> Iterator[int]:
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("PAT_", "DJANGO_"))}
    environment.update(env)
    server = subprocess.Popen(
        [PAT, "serve", "--port", str(port), "--trusted-proxy", trusted_proxy],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
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
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def served(deployment: dict[str, str]) -> Iterator[int]:
    yield from start(deployment, trusted_proxy="127.0.0.1")


def request(
    port: int, method: str, path: str, headers: dict[str, str], body: str | None = None
) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    response.text = response.read().decode()  # type: ignore[attr-defined]
    connection.close()
    return response


def cookies_of(response: http.client.HTTPResponse) -> SimpleCookie:
    jar: SimpleCookie = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return jar


def test_a_user_signs_in_through_the_proxy(served: int) -> None:
    port = served
    page = request(port, "GET", "/accounts/login/", PROXY_HEADERS)
    assert page.status == 200  # no redirect to https: the proxy said it was https
    assert page.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    csrf = cookies_of(page)["csrftoken"]
    assert csrf["secure"]

    form = urlencode(
        {
            "csrfmiddlewaretoken": csrf.value,
            "username": "amina",
            "password": "a-long-pass-phrase-12",
            "next": "/",
        }
    )
    signed_in = request(
        port,
        "POST",
        "/accounts/login/",
        {
            **PROXY_HEADERS,
            "Origin": f"https://{HOST}",
            "Referer": f"https://{HOST}/accounts/login/",
            "Cookie": f"csrftoken={csrf.value}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        form,
    )
    assert signed_in.status == 302, "CSRF must pass for the https origin the proxy reports"
    assert signed_in.headers["Location"] == "/"
    session = cookies_of(signed_in)["sessionid"]
    assert session["secure"]

    home = request(port, "GET", "/", {**PROXY_HEADERS, "Cookie": f"sessionid={session.value}"})
    assert home.status == 200
    assert "Sign out amina" in home.text  # type: ignore[attr-defined]


def test_the_client_address_is_the_one_the_proxy_reports(
    served: int, deployment: dict[str, str]
) -> None:
    # django-axes counts wrong passwords per user name and address: behind the
    # proxy that must be the visitor's address, not the proxy's.
    port = served
    page = request(port, "GET", "/accounts/login/", PROXY_HEADERS)
    csrf = cookies_of(page)["csrftoken"].value
    request(
        port,
        "POST",
        "/accounts/login/",
        {
            **PROXY_HEADERS,
            "X-Forwarded-For": "198.51.100.77",
            "Origin": f"https://{HOST}",
            "Cookie": f"csrftoken={csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        urlencode({"csrfmiddlewaretoken": csrf, "username": "amina", "password": "wrong"}),
    )
    result = run_pat(
        "shell",
        "-c",
        "from axes.models import AccessAttempt; "
        "print(sorted(AccessAttempt.objects.values_list('ip_address', flat=True)))",
        **deployment,
    )
    assert "198.51.100.77" in result.stdout, result.stderr


def test_plain_http_is_sent_to_https(served: int) -> None:
    response = request(served, "GET", "/accounts/login/", {"Host": HOST})
    assert response.status == 301
    assert response.headers["Location"] == f"https://{HOST}/accounts/login/"


def test_forwarding_headers_from_an_untrusted_address_are_ignored(
    deployment: dict[str, str],
) -> None:
    # The proxy is elsewhere: a client's own X-Forwarded-Proto claims nothing.
    for port in start(deployment, trusted_proxy="192.0.2.1"):
        response = request(port, "GET", "/accounts/login/", PROXY_HEADERS)
        assert response.status == 301
        assert re.match(rf"https://{re.escape(HOST)}/", response.headers["Location"])


def test_the_static_files_are_served_fingerprinted(served: int) -> None:
    page = request(served, "GET", "/accounts/login/", PROXY_HEADERS)
    css = re.search(r'href="(/static/pat/pat\.[0-9a-f]{12}\.css)"', page.text)  # type: ignore[attr-defined]
    assert css is not None
    assert request(served, "GET", css.group(1), PROXY_HEADERS).status == 200
