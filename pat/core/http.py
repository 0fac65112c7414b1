from __future__ import annotations

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx sent the request (django-htmx's middleware sets request.htmx)."""
    return bool(getattr(request, "htmx", False))


# Paging bounds of the JSON API's lists: past them a request is a 422, not a database error
# (an OFFSET of 10**20 overflows SQLite's and PostgreSQL's integers).
MAX_OFFSET = 1_000_000_000
MAX_PAGE = 100_000
