"""Bulletin pages: the public edition (no sign-in), subscribing and unsubscribing, and the
editorial pages (writers, the coordinator's review, publishing and sending)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pat.bulletin import edition_pdf, services
from pat.bulletin.forms import (
    ArticleForm,
    EditionForm,
    ImageForm,
    IssueForm,
    ReturnForm,
    SubscribeForm,
)
from pat.bulletin.models import (
    LANGUAGES,
    Article,
    DeliveryState,
    Edition,
    Image,
    Issue,
    IssueState,
    Subscriber,
    SubscriberState,
)
from pat.core import permissions as can
from pat.core.locking import EditConflict, posted_version
from pat.core.permissions import actor
from pat.guide.markdown import render_markdown

# --- the public edition ----------------------------------------------------------------------


def _published(slug: str) -> Issue:
    try:
        year, quarter = slug.split("-q")
        return (
            Issue.objects.published()
            .prefetch_related("editions")
            .get(year=int(year), quarter=int(quarter))
        )
    except (ValueError, Issue.DoesNotExist) as error:
        raise Http404 from error


def _edition_context(issue: Issue, edition: Edition) -> dict[str, Any]:
    return {
        "issue": issue,
        "edition": edition,
        "summary": render_markdown(edition.summary),
        "articles": [
            (a, render_markdown(a.body))
            for a in edition.articles.select_related("image").order_by("position", "pk")
        ],
        "languages": [
            (e.language, dict(LANGUAGES)[e.language])
            for e in issue.editions.all()
            if e.language != edition.language
        ],
    }


@login_not_required
@require_GET
def public_home(request: HttpRequest) -> HttpResponse:
    lang = (get_language() or "en")[:2]
    issues = Issue.objects.published().prefetch_related("editions")
    return render(
        request,
        "bulletin/public_home.html",
        {
            "issues": [(i, i.edition(lang)) for i in issues],
            "form": SubscribeForm(initial={"language": lang}),
            "lang": lang if lang in dict(LANGUAGES) else "en",
            "may_write": can.can_write_bulletin(request.user),
        },
    )


@login_not_required
@require_GET
def public_issue(request: HttpRequest, issue: str) -> HttpResponse:
    obj = _published(issue)
    edition = obj.edition(get_language() or "en")
    if edition is None:
        raise Http404
    return render(request, "bulletin/public_issue.html", _edition_context(obj, edition))


@login_not_required
@require_GET
def public_edition(request: HttpRequest, issue: str, lang: str) -> HttpResponse:
    obj = _published(issue)
    edition = obj.editions.filter(language=lang).first()
    if edition is None:
        raise Http404
    return render(request, "bulletin/public_issue.html", _edition_context(obj, edition))


@login_not_required
@require_GET
def public_pdf(request: HttpRequest, issue: str, lang: str) -> HttpResponse:
    obj = _published(issue)
    edition = obj.editions.filter(language=lang).first()
    if edition is None:
        raise Http404
    response = HttpResponse(edition_pdf.pdf(edition), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bulletin-{obj.slug}-{lang}.pdf"'
    return response


@login_not_required
@require_GET
def image(request: HttpRequest, pk: int) -> FileResponse:
    """A bulletin image: public once its issue is published, else for the editors only."""
    obj = get_object_or_404(Image.objects.select_related("issue"), pk=pk)
    if obj.issue.state != IssueState.PUBLISHED and not can.can_write_bulletin(request.user):
        raise Http404
    response = FileResponse(obj.file.open("rb"), content_type=obj.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- subscribing -----------------------------------------------------------------------------


@login_not_required
@require_POST
def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(request, "bulletin/subscribe.html", {"form": form, "done": False}, status=400)
    services.subscriber_request(
        email=form.cleaned_data["email"], language=form.cleaned_data["language"]
    )
    # The same answer whatever the address's state: the page tells nobody who is subscribed.
    return render(request, "bulletin/subscribe.html", {"form": form, "done": True})


@login_not_required
@require_GET
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        services.subscriber_confirm(token=token)
    except services.BulletinError as error:
        return render(request, "bulletin/confirm.html", {"error": str(error)}, status=400)
    return render(request, "bulletin/confirm.html", {"error": ""})


@login_not_required
@csrf_exempt  # RFC 8058: mail clients POST the one-click unsubscribe without a form token
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (link checkers must not unsubscribe anyone); POST unsubscribes at once."""
    try:
        subscriber = services.subscriber_for_unsubscribe(token)
    except services.BulletinError as error:
        return render(request, "bulletin/unsubscribe.html", {"error": str(error)}, status=400)
    if request.method == "POST":
        services.subscriber_unsubscribe(token=token)
        subscriber.refresh_from_db()
    return render(
        request,
        "bulletin/unsubscribe.html",
        {
            "error": "",
            "subscriber": subscriber,
            "done": subscriber.state == SubscriberState.UNSUBSCRIBED,
        },
    )


# --- editorial pages -------------------------------------------------------------------------


def _writer(request: HttpRequest) -> None:
    if not can.can_write_bulletin(request.user):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def editor(request: HttpRequest) -> HttpResponse:
    _writer(request)
    form = IssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issue = services.issue_create(actor=actor(request), **form.cleaned_data)
        except services.BulletinError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The issue is created."))
            return redirect("bulletin:issue", pk=issue.pk)
    issues = Issue.objects.prefetch_related("editions")
    return render(
        request,
        "bulletin/editor.html",
        {
            "issues": issues,
            "form": form,
            "may_manage_subscribers": can.can_manage_subscribers(request.user),
        },
        status=400 if form.errors else 200,
    )


def _issue_page(request: HttpRequest, issue: Issue, **extra: Any) -> dict[str, Any]:
    editions = {e.language: e for e in issue.editions.all()}
    counts = {s: 0 for s in DeliveryState.values}
    for state in issue.deliveries.values_list("state", flat=True):
        counts[state] += 1
    return {
        "issue": issue,
        "editions": [(code, name, editions.get(code)) for code, name in LANGUAGES],
        "images": issue.images.all(),
        "events": issue.events.select_related("actor"),
        "image_form": ImageForm(),
        "return_form": ReturnForm(),
        "may_publish": can.can_publish_bulletin(request.user),
        "editable": issue.state != IssueState.PUBLISHED,
        "deliveries": [(label, counts[code]) for code, label in DeliveryState.choices],
        **extra,
    }


@require_GET
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    _writer(request)
    obj = get_object_or_404(Issue, pk=pk)
    return render(request, "bulletin/issue.html", _issue_page(request, obj))


@require_GET
def preview(request: HttpRequest, pk: int, lang: str) -> HttpResponse:
    _writer(request)
    obj = get_object_or_404(Issue, pk=pk)
    edition = get_object_or_404(Edition, issue=obj, language=lang)
    return render(
        request, "bulletin/public_issue.html", {**_edition_context(obj, edition), "preview": True}
    )


@require_POST
def issue_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    _writer(request)
    obj = get_object_or_404(Issue, pk=pk)
    if action != "submit" and not can.can_publish_bulletin(request.user):
        raise PermissionDenied
    version = posted_version(request.POST.get("version"))
    who = actor(request)
    try:
        if action == "submit":
            services.issue_submit(issue=obj, actor=who, version=version)
            messages.success(request, _("The issue is with the coordinator for review."))
        elif action == "return":
            form = ReturnForm(request.POST)
            if not form.is_valid():
                raise services.BulletinError(_("Say what to change."))
            services.issue_return(
                issue=obj, actor=who, note=form.cleaned_data["note"], version=version
            )
            messages.success(request, _("The issue is back in draft."))
        elif action == "publish":
            services.issue_publish(issue=obj, actor=who, version=version)
            messages.success(request, _("The issue is published."))
        elif action == "send":
            n = services.issue_send(issue=obj, actor=who)
            messages.success(
                request, _("Sending to %(n)s subscribers in the background.") % {"n": n}
            )
        else:
            raise Http404
    except EditConflict as error:
        obj.refresh_from_db()
        context = _issue_page(request, obj, conflict=str(error))
        return render(request, "bulletin/issue.html", context, status=409)
    except services.BulletinError as error:
        messages.error(request, str(error))
    return redirect("bulletin:issue", pk=obj.pk)


@require_http_methods(["GET", "POST"])
def edition_edit(request: HttpRequest, pk: int, lang: str) -> HttpResponse:
    _writer(request)
    obj = get_object_or_404(Issue, pk=pk)
    if lang not in dict(LANGUAGES):
        raise Http404
    edition = Edition.objects.filter(issue=obj, language=lang).first()
    initial = (
        {"title": edition.title, "summary": edition.summary, "version": edition.version}
        if edition
        else {}
    )
    form = EditionForm(request.POST or None, initial=initial)
    conflict = ""
    if request.method == "POST" and form.is_valid():
        try:
            edition = services.edition_save(
                issue=obj,
                language=lang,
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
                actor=actor(request),
                version=posted_version(request.POST.get("version")),
            )
        except EditConflict as error:
            conflict = str(error)
        except services.BulletinError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect("bulletin:edition", pk=obj.pk, lang=lang)
    return render(
        request,
        "bulletin/edition.html",
        {
            "issue": obj,
            "edition": edition,
            "lang": lang,
            "language": dict(LANGUAGES)[lang],
            "form": form,
            "conflict": conflict,
            "articles": edition.articles.all() if edition else [],
            "editable": obj.state != IssueState.PUBLISHED,
        },
        status=409 if conflict else 400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def article_edit(
    request: HttpRequest, pk: int, lang: str, article: int | None = None
) -> HttpResponse:
    _writer(request)
    edition = get_object_or_404(Edition.objects.select_related("issue"), issue_id=pk, language=lang)
    obj = get_object_or_404(Article, pk=article, edition=edition) if article else None
    initial: dict[str, Any] = {"position": edition.articles.count() + 1}
    if obj is not None:
        initial = {
            "title": obj.title,
            "position": obj.position,
            "body": obj.body,
            "image": obj.image_id,
            "version": obj.version,
        }
    form = ArticleForm(request.POST or None, initial=initial, issue_id=edition.issue_id)
    conflict = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.article_save(
                edition=edition,
                article=obj,
                title=data["title"],
                body=data["body"],
                position=data["position"],
                image=data["image"],
                version=posted_version(request.POST.get("version")),
            )
        except EditConflict as error:
            conflict = str(error)
        except services.BulletinError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect("bulletin:edition", pk=pk, lang=lang)
    return render(
        request,
        "bulletin/article.html",
        {"edition": edition, "article": obj, "form": form, "conflict": conflict},
        status=409 if conflict else 400 if form.errors else 200,
    )


@require_POST
def image_add(request: HttpRequest, pk: int) -> HttpResponse:
    _writer(request)
    obj = get_object_or_404(Issue, pk=pk)
    form = ImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.image_add(
                issue=obj,
                upload=form.cleaned_data["file"],
                alt=form.cleaned_data["alt"],
                actor=actor(request),
            )
        except (ValidationError, services.BulletinError) as error:
            messages_ = error.messages if isinstance(error, ValidationError) else [str(error)]
            form.add_error("file", messages_)
        else:
            messages.success(request, _("The image is added."))
            return redirect("bulletin:issue", pk=obj.pk)
    context = _issue_page(request, obj, image_form=form)
    return render(request, "bulletin/issue.html", context, status=400)


@require_GET
def subscribers(request: HttpRequest) -> HttpResponse:
    if not can.can_manage_subscribers(request.user):
        raise PermissionDenied
    rows = Subscriber.objects.all()
    counts = {s: 0 for s in SubscriberState.values}
    for state in rows.values_list("state", flat=True):
        counts[state] += 1
    return render(
        request,
        "bulletin/subscribers.html",
        {
            "subscribers": rows[:500],
            "counts": [(label, counts[code]) for code, label in SubscriberState.choices],
        },
    )
