"""End a signed-in session after a configurable idle time."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase

SEEN_KEY = "pat_seen"
# Refresh the last-seen time at most once a minute: a session write on every
# request would cost a database write per page view.
TOUCH_EVERY_SECONDS = 60


def idle_expired(*, seen: float | None, now: float, idle_seconds: int) -> bool:
    return seen is not None and now - seen > idle_seconds


class IdleTimeoutMiddleware:
    """Sign a user out once PAT_SESSION_IDLE_MINUTES pass without a request.

    The next request then meets the sign-in page (or a 401 from the API), as
    after signing out.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.user.is_authenticated:
            now = time.time()
            seen = request.session.get(SEEN_KEY)
            idle_seconds = settings.PAT_SESSION_IDLE_MINUTES * 60
            if idle_expired(seen=seen, now=now, idle_seconds=idle_seconds):
                logout(request)
            elif seen is None or now - seen > TOUCH_EVERY_SECONDS:
                request.session[SEEN_KEY] = now
        return self.get_response(request)


@receiver(user_logged_in)
def start_the_idle_clock(sender: object, request: HttpRequest, **kwargs: object) -> None:
    # Set at sign-in, so the first page after it writes no session.
    if request is not None and hasattr(request, "session"):
        request.session[SEEN_KEY] = time.time()
