"""The public vacancy board: no sign-in, light pages, only published notices.

A tracked link (`?via=<channel>`) counts one visit for the notice and the channel and
sends the visitor on to the notice's own address, so a reload or a shared copy of the
clean address counts nothing twice. Feeds in Atom and RSS (Django's feed generator) and
JSON Feed 1.1 let outside job aggregators carry the notices.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from pat.core.models import Revision
from pat.guide.markdown import render_markdown
from pat.recruitment import services
from pat.recruitment.forms import BoardFilter
from pat.recruitment.models import Vacancy
from pat.staffing.models import Category

FEED_SIZE = 100
CACHE_SECONDS = 3600
PAGE_SIZE = 50

# JSON inside <script>: these three would let the text end the element or open a comment.
_SCRIPT_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def published() -> QuerySet[Vacancy]:
    return (
        Vacancy.objects.public()
        .select_related("office", "grade")
        .order_by("closing_date", "reference")
    )


def filtered(data: Any) -> tuple[BoardFilter, QuerySet[Vacancy]]:
    form = BoardFilter(data)
    vacancies = published()
    if form.is_valid():
        choice = form.cleaned_data
        if choice["office"]:
            vacancies = vacancies.filter(office=choice["office"])
        if choice["grade"]:
            vacancies = vacancies.filter(grade=choice["grade"])
        if choice["category"]:
            vacancies = vacancies.filter(category=choice["category"])
        if choice["duty_station"]:
            vacancies = vacancies.filter(duty_station__icontains=choice["duty_station"])
        if choice["language"]:
            vacancies = vacancies.filter(language=choice["language"])
    return form, vacancies


def _cache_key(request: HttpRequest, name: str) -> str:
    """The key of a public part: the notices' revision, the language, the address asked."""
    revision = Revision.current(services.REVISION)
    raw = f"{name}|{revision}|{get_language()}|{request.build_absolute_uri()}"
    return "vacancies:" + hashlib.sha256(raw.encode()).hexdigest()


@login_not_required
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    """The board; its filters and list are the same for every visitor, so they are cached
    (the page around them carries each visitor's CSRF token for the language form)."""
    key = _cache_key(request, "board")
    part = cache.get(key)
    if part is None:
        form, vacancies = filtered(request.GET)
        page = Paginator(vacancies, PAGE_SIZE).get_page(request.GET.get("page"))
        part = render_to_string(
            "recruitment/public/board.html#results", {"form": form, "page": page}, request
        )
        cache.set(key, part, CACHE_SECONDS)
    return render(
        request,
        "recruitment/public/board.html",
        {"results": mark_safe(part), "organization": settings.PAT_ORGANIZATION_NAME},  # noqa: S308
    )


@login_not_required
@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    vacancy = get_object_or_404(published(), slug=slug)
    via = request.GET.get("via", "")
    if via:
        services.record_visit(vacancy=vacancy, channel_slug=via[:40])
        return redirect("vacancies:detail", slug=slug)
    html = render_markdown(vacancy.text)
    return render(
        request,
        "recruitment/public/detail.html",
        {
            "vacancy": vacancy,
            "html": html,
            "json_ld": json_ld_script(job_posting(request, vacancy, html)),
            "organization": settings.PAT_ORGANIZATION_NAME,
        },
    )


def job_posting(request: HttpRequest, vacancy: Vacancy, html: str) -> dict[str, Any]:
    """schema.org JobPosting of a notice, with the properties search engines require."""
    url = request.build_absolute_uri(reverse("vacancies:detail", args=[vacancy.slug]))
    posted = vacancy.published_at or vacancy.created_at
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": vacancy.title,
        "description": html,
        "identifier": {
            "@type": "PropertyValue",
            "name": settings.PAT_ORGANIZATION_NAME,
            "value": vacancy.reference,
        },
        "datePosted": posted.date().isoformat(),
        "validThrough": f"{vacancy.closing_date.isoformat()}T23:59:59Z",
        "employmentType": "FULL_TIME",
        "hiringOrganization": {"@type": "Organization", "name": settings.PAT_ORGANIZATION_NAME},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": vacancy.duty_station,
                "addressCountry": str(vacancy.office.country),
            },
        },
        "occupationalCategory": str(Category(vacancy.category).label),
        "inLanguage": vacancy.language,
        "url": url,
    }
    if vacancy.apply_url:
        data["directApply"] = False
        data["sameAs"] = vacancy.apply_url
    return data


def json_ld_script(data: dict[str, Any]) -> SafeString:
    """The data as a JSON-LD block: a data block, which the browser does not run, so the
    Content-Security-Policy's script rules do not apply to it; escaped so no text ends it."""
    body = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE)
    return mark_safe(f'<script type="application/ld+json">{body}</script>')  # noqa: S308


def _feed_items(request: HttpRequest) -> list[dict[str, Any]]:
    items = []
    for vacancy in published()[:FEED_SIZE]:
        url = request.build_absolute_uri(reverse("vacancies:detail", args=[vacancy.slug]))
        items.append(
            {
                "vacancy": vacancy,
                "url": url,
                "title": f"{vacancy.reference} {vacancy.title} ({vacancy.grade.code}, "
                f"{vacancy.duty_station})",
                "html": render_markdown(vacancy.text),
                "summary": _("%(office)s, closing %(date)s")
                % {"office": str(vacancy.office), "date": vacancy.closing_date.isoformat()},
                "published": vacancy.published_at or vacancy.created_at,
            }
        )
    return items


def _syndication(
    request: HttpRequest, kind: type[feedgenerator.Atom1Feed | feedgenerator.Rss201rev2Feed]
) -> HttpResponse:
    feed = kind(
        title=_("Vacancy notices"),
        link=request.build_absolute_uri(reverse("vacancies:board")),
        description=_("Published vacancy notices of %s.") % settings.PAT_ORGANIZATION_NAME,
        language=get_language() or "en",
        feed_url=request.build_absolute_uri(),
    )
    for item in _feed_items(request):
        vacancy = item["vacancy"]
        feed.add_item(
            title=item["title"],
            link=item["url"],
            description=item["html"],
            unique_id=item["url"],
            unique_id_is_permalink=True,
            pubdate=item["published"],
            updateddate=vacancy.updated_at,
            categories=[vacancy.grade.code, str(vacancy.office)],
        )
    response = HttpResponse(content_type=feed.content_type)
    feed.write(response, "utf-8")
    return response


def _cached(request: HttpRequest, name: str, make: Callable[[], HttpResponse]) -> HttpResponse:
    """A whole feed, the same for every reader: cached under the notices' revision."""
    key = _cache_key(request, name)
    kept = cache.get(key)
    if kept is None:
        response = make()
        kept = (response["Content-Type"], response.content)
        cache.set(key, kept, CACHE_SECONDS)
    return HttpResponse(kept[1], content_type=kept[0])


@login_not_required
@require_GET
def feed_atom(request: HttpRequest) -> HttpResponse:
    return _cached(request, "atom", lambda: _syndication(request, feedgenerator.Atom1Feed))


@login_not_required
@require_GET
def feed_rss(request: HttpRequest) -> HttpResponse:
    return _cached(request, "rss", lambda: _syndication(request, feedgenerator.Rss201rev2Feed))


@login_not_required
@require_GET
def feed_json(request: HttpRequest) -> HttpResponse:
    return _cached(request, "json", lambda: _json_feed(request))


def _json_feed(request: HttpRequest) -> HttpResponse:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1): plain JSON, no library needed."""
    items = [
        {
            "id": item["url"],
            "url": item["url"],
            "title": item["title"],
            "content_html": item["html"],
            "summary": item["summary"],
            "date_published": item["published"].isoformat(),
            "date_modified": item["vacancy"].updated_at.isoformat(),
            "tags": [item["vacancy"].grade.code, str(item["vacancy"].office)],
            "language": item["vacancy"].language,
        }
        for item in _feed_items(request)
    ]
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": _("Vacancy notices"),
        "home_page_url": request.build_absolute_uri(reverse("vacancies:board")),
        "feed_url": request.build_absolute_uri(),
        "language": get_language() or "en",
        "items": items,
    }
    return JsonResponse(
        data, content_type="application/feed+json", json_dumps_params={"ensure_ascii": False}
    )
