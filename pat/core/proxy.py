"""Believe the forwarding headers of one TLS proxy, and only its (for `pat serve`).

gunicorn sets the scheme from a trusted proxy but leaves every forwarding header
in the environment and the client address as the proxy's. This WSGI wrapper
does what waitress's `trusted_proxy` did: from the trusted address it takes the
visitor's address (the last `X-Forwarded-For` hop, the one the proxy added) and
host; from anyone else it drops the headers, so a client can claim neither https
(Django reads `X-Forwarded-Proto` when a proxy is configured) nor an address.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

FORWARDING = ("HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_HOST")

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def believed(environ: dict[str, Any], trusted_proxy: str) -> dict[str, Any]:
    """The environment as the application should see it (a new dict; the input is kept)."""
    environ = dict(environ)
    if not trusted_proxy or environ.get("REMOTE_ADDR") != trusted_proxy:
        for name in FORWARDING:
            environ.pop(name, None)
        return environ
    hops = [h.strip() for h in environ.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    if hops:
        environ["REMOTE_ADDR"] = hops[-1]
    host = environ.get("HTTP_X_FORWARDED_HOST", "").split(",")[-1].strip()
    if host:
        environ["HTTP_HOST"] = host
    return environ


class TrustedProxy:
    def __init__(self, application: WSGIApp, trusted_proxy: str) -> None:
        self.application = application
        self.trusted_proxy = trusted_proxy

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        return self.application(believed(environ, self.trusted_proxy), start_response)
