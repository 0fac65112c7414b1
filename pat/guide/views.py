from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pat.core.fragments import remembered
from pat.core.languages import Language
from pat.core.locking import EditConflict, posted_version
from pat.core.models import Revision
from pat.guide import kit, services
from pat.guide.forms import DocumentForm, LibraryFilterForm, NewPageForm, PageForm, SearchForm
from pat.guide.keys import resolve
from pat.guide.markdown import render_markdown, word_count
from pat.guide.models import GuidePage, GuidePageRevision, LibraryDocument, Module
from pat.guide.permissions import can_edit_guide, can_publish_library
from pat.guide.search import search
from pat.guide.signals import GUIDE_REVISION

LANGS = tuple(Language.values)
LIBRARY_PAGE = 25


def reader_language(request: HttpRequest) -> str:
    """?lang= when given (links from search results), else the interface language."""
    asked = request.GET.get("lang", "")
    if asked in LANGS:
        return asked
    current = (get_language() or "en")[:2]
    return current if current in LANGS else "en"


def _require_editor(request: HttpRequest) -> None:
    if not can_edit_guide(request.user):
        raise PermissionDenied(
            _("Only Gender Focal Points, programme support and administrators edit the guide.")
        )


def kit_links() -> list[tuple[str, str]]:
    """Each kit's link text, whole sentences: a language's name is not capitalized in the
    middle of a French or Spanish sentence ("Kit hors ligne en anglais")."""
    return [
        ("en", _("Offline kit in English")),
        ("fr", _("Offline kit in French")),
        ("es", _("Offline kit in Spanish")),
    ]


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Everything below the heading (search box, table of contents, offline kit, the library's
    newest documents) is the same for every reader of a language: cached under the guide's
    revision, which every page or document saved or removed bumps (`pat.guide.signals`)."""
    language = reader_language(request)
    key = f"guide:index-body:{language}:{get_language()}:{Revision.current(GUIDE_REVISION)}"

    def build() -> str:
        pages = GuidePage.objects.for_language(language)
        modules = [
            (label, [p for p in pages if p.module == value]) for value, label in Module.choices
        ]
        parts = {
            "modules": [(label, items) for label, items in modules if items],
            "language": language,
            "form": SearchForm(),
            "kit_links": kit_links(),
            "recent_documents": LibraryDocument.objects.for_list()[:5],
        }
        return render_to_string("guide/index.html#body", parts, request=request)

    body = remembered(key, build, INDEX_CACHE_SECONDS)
    context = {
        # Rendered from our own templates (autoescaped), here or in the cache.
        "body": mark_safe(body),  # noqa: S308
        "can_edit": can_edit_guide(request.user),
    }
    return render(request, "guide/index.html", context)


INDEX_CACHE_SECONDS = 3600


def _resolved(request: HttpRequest, key: str) -> tuple[GuidePage | None, str]:
    """The page for a key in the reader's language (with fallback), and how it was found."""
    language = reader_language(request)
    page = GuidePage.objects.localised(key, language)
    if page is not None:
        return page, "exact"
    found = resolve(key, GuidePage.objects.keys())
    if found.key is None:
        return None, "none"
    return GuidePage.objects.localised(found.key, language), found.how


@require_GET
def page_detail(request: HttpRequest, key: str) -> HttpResponseBase:
    language = reader_language(request)
    page, how = _resolved(request, key)
    if page is None:
        messages.info(
            request,
            _("There is no guide page “%(key)s”; here is the guide's contents.") % {"key": key},
        )
        return redirect("guide:index")
    if how != "exact":
        if how == "nearest":
            messages.info(
                request,
                _("There is no guide page “%(key)s”; this is the nearest one.") % {"key": key},
            )
        target = page.get_absolute_url()
        if request.GET.get("lang"):
            target += f"?lang={language}"
        return redirect(target)
    if request.htmx:  # type: ignore[attr-defined]
        return guidance(request, key)
    siblings = GuidePage.objects.for_language(language)
    position = next((i for i, p in enumerate(siblings) if p.key == page.key), 0)
    context = {
        "page": page,
        "language": language,
        "fallback": page.language != language,
        "translations": sorted(
            GuidePage.objects.filter(key=page.key).values_list("language", flat=True)
        ),
        "previous": siblings[position - 1] if position > 0 else None,
        "next": siblings[position + 1] if position + 1 < len(siblings) else None,
        "can_edit": can_edit_guide(request.user),
        "words": word_count(page.body),
    }
    return render(request, "guide/page.html", context)


@require_GET
def guidance(request: HttpRequest, key: str) -> HttpResponse:
    """The page body only, for the proposal builder to show beside a section."""
    language = reader_language(request)
    page, how = _resolved(request, key)
    context = {
        "page": page,
        "language": language,
        "fallback": page is not None and page.language != language,
        "nearest": how == "nearest",
        "asked": key,
    }
    # Always 200: htmx swaps only successful responses, and the notice is what to show.
    return render(request, "guide/_guidance.html", context)


@require_GET
def search_view(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        page_number = request.GET.get("page", "1")
        results = search(
            data["q"],
            language=data["language"] or None,
            topic=data["topic"] or None,
            kind=data["kind"] or None,
            page=int(page_number) if page_number.isdigit() else 1,
        )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "results": results, "query": query.urlencode()}
    template = "guide/search.html#results" if request.htmx else "guide/search.html"  # type: ignore[attr-defined]
    return render(request, template, context, status=200 if form.is_valid() else 400)


# --- editing -----------------------------------------------------------------------------------


def _page_in(key: str, language: str) -> GuidePage | None:
    return GuidePage.objects.filter(key=key, language=language).first()


@require_http_methods(["GET", "POST"])
def page_edit(request: HttpRequest, key: str) -> HttpResponse:
    """Edit a page in one language; editing a missing translation starts from English."""
    _require_editor(request)
    language = request.GET.get("lang") or request.POST.get("lang") or "en"
    if language not in LANGS:
        raise Http404
    page = _page_in(key, language)
    source = page or _page_in(key, "en") or get_object_or_404(GuidePage, key=key, language="en")
    initial = {
        "title": source.title,
        "summary": source.summary,
        "body": source.body,
        "version": page.version if page else 0,
    }
    form = PageForm(request.POST or None, initial=initial)
    conflict = None
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            preview = render_markdown(data["body"])
        else:
            try:
                if page is None:
                    page = services.page_create(
                        actor=request.user,  # type: ignore[arg-type]
                        key=key,
                        language=language,
                        title=data["title"],
                        summary=data["summary"],
                        body=data["body"],
                        note=data["note"] or _("translation started"),
                    )
                else:
                    page = services.page_update(
                        page=page,
                        actor=request.user,  # type: ignore[arg-type]
                        expected_version=data["version"] if data["version"] is not None else -1,
                        title=data["title"],
                        summary=data["summary"],
                        body=data["body"],
                        note=data["note"],
                    )
            except EditConflict as error:
                conflict = str(error)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved as version %(v)s.") % {"v": page.version})
                return redirect(f"{page.get_absolute_url()}?lang={page.language}")
    if request.htmx and preview is not None:  # type: ignore[attr-defined]
        return render(request, "guide/edit.html#preview", {"preview": preview})
    context = {
        "form": form,
        "page": page,
        "source": source,
        "key": key,
        "language": language,
        "language_name": dict(Language.choices)[language],
        "conflict": conflict,
        "preview": preview,
        "current": _page_in(key, language) if conflict else None,
    }
    status = 409 if conflict else (400 if form.errors else 200)
    return render(request, "guide/edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
def page_new(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    form = NewPageForm(request.POST or None, initial={"language": "en"})
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            preview = render_markdown(data["body"])
        else:
            try:
                page = services.page_create(
                    actor=request.user,  # type: ignore[arg-type]
                    key=data["key"],
                    language=data["language"],
                    title=data["title"],
                    summary=data["summary"],
                    body=data["body"],
                    note=data["note"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Page published."))
                return redirect(f"{page.get_absolute_url()}?lang={page.language}")
    return render(
        request,
        "guide/edit.html",
        {"form": form, "page": None, "preview": preview, "new": True},
        status=400 if form.errors else 200,
    )


@require_GET
def page_history(request: HttpRequest, key: str) -> HttpResponse:
    language = reader_language(request)
    page = _page_in(key, language) or get_object_or_404(GuidePage, key=key, language="en")
    revisions = page.revisions.select_related("actor")
    return render(
        request,
        "guide/history.html",
        {"page": page, "revisions": revisions, "can_edit": can_edit_guide(request.user)},
    )


@require_GET
def revision_detail(request: HttpRequest, key: str, lang: str, version: int) -> HttpResponse:
    revision = get_object_or_404(
        GuidePageRevision.objects.select_related("page", "actor"),
        page__key=key,
        page__language=lang,
        version=version,
    )
    return render(
        request,
        "guide/revision.html",
        {
            "revision": revision,
            "page": revision.page,
            "html": render_markdown(revision.body),
            "can_edit": can_edit_guide(request.user),
        },
    )


@require_POST
def revision_restore(request: HttpRequest, key: str, lang: str, version: int) -> HttpResponse:
    _require_editor(request)
    revision = get_object_or_404(
        GuidePageRevision.objects.select_related("page"),
        page__key=key,
        page__language=lang,
        version=version,
    )
    page = services.page_restore(
        page=revision.page,
        revision=revision,
        actor=request.user,  # type: ignore[arg-type]
        expected_version=posted_version(request.POST.get("version")),
    )
    messages.success(
        request,
        _("Version %(old)s restored as version %(new)s.") % {"old": version, "new": page.version},
    )
    return redirect(f"{page.get_absolute_url()}?lang={lang}")


# --- library -------------------------------------------------------------------------------------


@require_GET
def library(request: HttpRequest) -> HttpResponse:
    form = LibraryFilterForm(request.GET or None)
    documents = LibraryDocument.objects.visible_to(request.user).for_list()
    if form.is_valid():
        data = form.cleaned_data
        if data["topic"]:
            documents = documents.filter(topic=data["topic"])
        if data["language"]:
            documents = documents.filter(language=data["language"])
        if data["tag"]:
            documents = documents.filter(tags__name=data["tag"].strip().lower())
        if data["q"]:
            found = search(data["q"], kind="document", per_page=500)
            documents = documents.filter(pk__in=[h.ref_id for h in found.hits])
    page = Paginator(documents, LIBRARY_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_publish": can_publish_library(request.user),
    }
    template = "guide/library.html#documents" if request.htmx else "guide/library.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def document_new(request: HttpRequest) -> HttpResponse:
    if not can_publish_library(request.user):
        raise PermissionDenied(
            _("Only Gender Focal Points, programme support and administrators publish here.")
        )
    form = DocumentForm(
        request.POST or None, request.FILES or None, initial={"published_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.document_add(
                actor=request.user,  # type: ignore[arg-type]
                title=data["title"],
                summary=data["summary"],
                language=data["language"],
                topic=data["topic"],
                tags=data["tags"],
                office=data["office"],
                published_on=data["published_on"],
                upload=data["file"],
                content_type=form.content_type,
                url=data["url"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Published to the library."))
            return redirect(document)
    return render(
        request, "guide/document_form.html", {"form": form}, status=400 if form.errors else 200
    )


@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(LibraryDocument.objects.for_list(), pk=pk)
    return render(
        request,
        "guide/document.html",
        {"document": document, "can_publish": can_publish_library(request.user)},
    )


@require_GET
def document_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    document = get_object_or_404(LibraryDocument, pk=pk)
    if document.is_link:
        return redirect(document.url)
    # An attachment with its checked type and nosniff: a browser saves it, never runs it.
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name or f"document-{document.pk}",
        content_type=document.content_type or "application/octet-stream",
    )


@require_POST
def document_remove(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_publish_library(request.user):
        raise PermissionDenied
    document = get_object_or_404(LibraryDocument, pk=pk)
    services.document_remove(document=document, actor=request.user)  # type: ignore[arg-type]
    messages.success(request, _("“%(title)s” removed from the library.") % {"title": document})
    return redirect("guide:library")


# --- offline kit and PDF -------------------------------------------------------------------------


def _kit_language(request: HttpRequest) -> str:
    language = request.GET.get("lang") or reader_language(request)
    return language if language in LANGS else "en"


@require_GET
def kit_download(request: HttpRequest) -> HttpResponse:
    language = _kit_language(request)
    response = HttpResponse(kit.build_kit(language), content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="pat-offline-kit-{language}.html"'
    return response


@require_GET
def guide_pdf(request: HttpRequest) -> HttpResponse:
    language = _kit_language(request)
    response = HttpResponse(kit.build_pdf(language), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="pat-guide-{language}.pdf"'
    return response
