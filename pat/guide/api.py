"""Read-only JSON for the guide: pages (with language fallback), search and the library."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.params import functions as param

from pat.core.http import MAX_OFFSET, MAX_PAGE
from pat.guide.keys import resolve
from pat.guide.models import GuidePage, LibraryDocument
from pat.guide.search import search

router = Router(tags=["guide"])
LANGS = ("en", "fr", "es")
Lang = Literal["en", "fr", "es"]


class PageRow(Schema):
    key: str
    language: str
    title: str
    summary: str
    module: str
    version: int
    url: str


class PageOut(PageRow):
    requested_language: str
    fallback: bool
    body_markdown: str
    body_html: str
    updated_at: dt.datetime


class Hit(Schema):
    kind: str
    title_html: str
    snippet_html: str
    url: str
    language: str
    topic: str


class SearchOut(Schema):
    query: str
    total: int
    page: int
    pages: int
    items: list[Hit]


class DocumentRow(Schema):
    id: int
    title: str
    summary: str
    language: str
    topic: str
    tags: list[str]
    office: str | None
    date: dt.date
    is_link: bool
    url: str


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise HttpError(422, "lang must be one of en, fr, es")
    return lang


def _row(page: GuidePage) -> dict[str, object]:
    return {
        "key": page.key,
        "language": page.language,
        "title": page.title,
        "summary": page.summary,
        "module": page.module,
        "version": page.version,
        "url": page.get_absolute_url(),
    }


@router.get("/guide/pages", response=list[PageRow])
def pages(request: HttpRequest, lang: Lang = "en") -> list[dict[str, object]]:
    return [_row(p) for p in GuidePage.objects.for_language(_lang(lang))]


@router.get("/guide/pages/{key}", response=PageOut)
def page(request: HttpRequest, key: str, lang: Lang = "en") -> dict[str, object]:
    language = _lang(lang)
    found = GuidePage.objects.localised(key, language)
    if found is None:
        resolved = resolve(key, GuidePage.objects.keys())
        if resolved.key is not None and resolved.how == "alias":
            found = GuidePage.objects.localised(resolved.key, language)
    if found is None:
        raise HttpError(404, "no guide page with this key")
    return {
        **_row(found),
        "requested_language": language,
        "fallback": found.language != language,
        "body_markdown": found.body,
        "body_html": found.body_html,
        "updated_at": found.updated_at,
    }


@router.get("/guide/search", response=SearchOut)
def search_api(
    request: HttpRequest,
    q: str,
    lang: Literal["", "en", "fr", "es"] = "",
    topic: str = "",
    kind: str = "",
    page: Annotated[int, param.Query(ge=1, le=MAX_PAGE)] = 1,
) -> dict[str, object]:
    results = search(q, language=lang or None, topic=topic or None, kind=kind or None, page=page)
    return {
        "query": q,
        "total": results.total,
        "page": results.page,
        "pages": results.pages,
        "items": [
            {
                "kind": h.kind,
                "title_html": str(h.title),
                "snippet_html": str(h.snippet),
                "url": h.url,
                "language": h.language,
                "topic": h.topic,
            }
            for h in results.hits
        ],
    }


@router.get("/guide/library", response=list[DocumentRow])
def library(
    request: HttpRequest,
    topic: str = "",
    lang: Literal["", "en", "fr", "es"] = "",
    limit: Annotated[int, param.Query(ge=1, le=200)] = 50,
    offset: Annotated[int, param.Query(ge=0, le=MAX_OFFSET)] = 0,
) -> list[dict[str, object]]:
    documents = LibraryDocument.objects.for_list()
    if topic:
        documents = documents.filter(topic=topic)
    if lang:
        documents = documents.filter(language=lang)
    return [
        {
            "id": d.pk,
            "title": d.title,
            "summary": d.summary,
            "language": d.language,
            "topic": d.topic,
            "tags": d.tag_names(),
            "office": d.office.name if d.office else None,
            "date": d.published_on,
            "is_link": d.is_link,
            "url": d.get_absolute_url(),
        }
        for d in documents[offset : offset + limit]
    ]
