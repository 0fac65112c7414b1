from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseBase
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Sign-in on every page unless a view is marked `login_not_required`.

    The JSON API answers for itself (session or bearer token, 401 in JSON),
    so a redirect to the sign-in page would only confuse API clients.
    """

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        if request.path.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class EditConflictMiddleware:
    """The one 409 page: a stale edit that a view does not show on its own form.

    Buttons (enable, restore) have no form to redraw: their view lets the
    conflict through and the page says what happened, with a link back.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from pat.core.locking import EditConflict

        if not isinstance(exception, EditConflict):
            return None
        back = request.headers.get("Referer", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = ""
        context = {"conflict": str(exception), "back": back}
        return render(request, "core/conflict.html", context, status=409)


class NulCharacterMiddleware:
    """Refuse (400) a query or JSON body holding a NUL character, before any view reads it.

    PostgreSQL cannot store or compare a string with NUL (psycopg raises), so a query parameter
    such as ``?office=%00`` would be a server error on PostgreSQL and a quiet miss on SQLite.
    Django's form fields already refuse NUL; this covers the query string and the JSON API.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        query = request.GET
        if any("\x00" in key or any("\x00" in v for v in query.getlist(key)) for key in query):
            return HttpResponseBadRequest(_NUL_MESSAGE)
        if request.content_type == "application/json" and b"\\u0000" in request.body:
            return HttpResponseBadRequest(_NUL_MESSAGE)
        return self.get_response(request)


_NUL_MESSAGE = "Requests may not contain NUL (0x00) characters."
