from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
<<<<<<< HEAD
from django.http import HttpRequest, HttpResponse
=======
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
>>>>>>> dcb5006 (Read-only builder pages for people who may not write (disabled fieldsets, no Remove boxes or empty rows); a refused action gets a 403 page with its message inside the site; people by name; a favicon served by the app)
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says: send them to the app's icon."""
    return HttpResponsePermanentRedirect(static("pat/favicon.svg"))
