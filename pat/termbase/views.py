from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pat.core.http import is_htmx
from pat.core.languages import Language
from pat.core.locking import EditConflict, posted_version
from pat.core.permissions import actor
from pat.termbase import checker, documents, marking, services, transfer
from pat.termbase.forms import (
    MAX_TEXT_CHARS,
    CheckForm,
    EntryForm,
    ImportForm,
    LinkForm,
    TermFilterForm,
    split_list,
)
from pat.termbase.models import TermChange, TermEntry, TermImport
from pat.termbase.permissions import can_edit_terms
from pat.terminology import LANGS

PAGE_SIZE = 50


def _require_editor(request: HttpRequest) -> None:
    if not can_edit_terms(request.user):
        raise PermissionDenied(
            _("Only Gender Focal Points and administrators edit the terminology.")
        )


def _version(request: HttpRequest) -> int | None:
    return posted_version(request.POST.get("version"))


# --- the list -------------------------------------------------------------------------------


@require_GET
def term_list(request: HttpRequest) -> HttpResponse:
    form = TermFilterForm(request.GET or None)
    queryset = TermEntry.objects.all()
    if form.is_valid():
        data = form.cleaned_data
        queryset = queryset.search(data["q"])
        if data["lang"]:
            queryset = queryset.filter(lang=data["lang"])
        if data["category"]:
            queryset = queryset.filter(category=data["category"])
        if data["status"]:
            queryset = queryset.filter(enabled=data["status"] == "enabled")
    paginator = Paginator(queryset, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_edit": can_edit_terms(request.user),
        "langs": Language.choices,
    }
    template = "termbase/list.html#results" if is_htmx(request) else "termbase/list.html"
    return render(request, template, context)


@require_GET
def term_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(TermEntry, pk=pk)
    editor = can_edit_terms(request.user)
    counterparts = list(entry.counterparts.order_by("lang"))
    missing = [
        (code, label)
        for code, label in Language.choices
        if code != entry.lang and not any(c.lang == code for c in counterparts)
    ]
    context = {
        "entry": entry,
        "can_edit": editor,
        "counterparts": counterparts,
        "missing_langs": missing,
        "history": _history(entry),
        "link_form": LinkForm(entry=entry) if editor else None,
    }
    return render(request, "termbase/detail.html", context)


def _history(entry: TermEntry) -> list[TermChange]:
    changes = list(entry.changes.select_related("actor")[:100])
    for change in changes:
        pairs = list(change.changes.items())
        # A creation lists every field as "nothing → value": the entry page already shows them.
        if all(isinstance(p, list) and p[:1] == [None] for _name, p in pairs) and len(pairs) > 1:
            pairs = []
        change.diff = pairs  # type: ignore[attr-defined]
    return changes


# --- editing --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def term_create(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    source = None
    initial: dict[str, Any] = {}
    from_id = request.GET.get("from", "")
    if request.method == "GET" and from_id.isdigit():
        # Translating: start from the entry's category, severity and source.
        source = TermEntry.objects.filter(pk=int(from_id)).first()
        if source is not None:
            initial = {
                "translation_of": source.pk,
                "category": source.category,
                "severity": source.severity,
                "pos": source.pos,
                "debatable": source.debatable,
                "guide": source.guide,
                "mode": source.mode,
                "context": source.context,
            }
            lang = request.GET.get("lang", "")
            if lang in LANGS and lang != source.lang:
                initial["lang"] = lang
    form = EntryForm(request.POST or None, initial=initial)
    if request.method == "POST":
        translation_id = request.POST.get("translation_of", "")
        if translation_id.isdigit():
            source = TermEntry.objects.filter(pk=int(translation_id)).first()
        if form.is_valid():
            fields = form.model_fields()
            fields["lang"] = form.cleaned_data["lang"]
            if source is not None and source.lang == fields["lang"]:
                form.add_error("lang", _("A translation must be in another language."))
            else:
                try:
                    entry = services.entry_create(
                        actor=actor(request), fields=fields, translation_of=source
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, _("Entry %(id)s added.") % {"id": entry.rule_id})
                    return redirect(entry)
    return render(
        request,
        "termbase/form.html",
        {"form": form, "entry": None, "source": source},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def term_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_editor(request)
    entry = get_object_or_404(TermEntry, pk=pk)
    form = EntryForm(request.POST or None, entry=entry)
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields = form.model_fields()
        fields.pop("rule_id")
        try:
            entry = services.entry_update(
                entry=entry, actor=actor(request), expected_version=_version(request), fields=fields
            )
        except EditConflict as error:
            conflict = str(error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(entry)
    status = 409 if conflict else 400 if form.errors else 200
    return render(
        request,
        "termbase/form.html",
        {"form": form, "entry": entry, "conflict": conflict},
        status=status,
    )


@require_POST
def term_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    _require_editor(request)
    entry = get_object_or_404(TermEntry, pk=pk)
    entry = services.entry_set_enabled(
        entry=entry,
        actor=actor(request),
        expected_version=_version(request),
        enabled=not entry.enabled,
    )
    if entry.enabled:
        messages.success(request, _("Enabled: the checker flags this term again."))
    else:
        messages.success(request, _("Disabled: the checker no longer flags this term."))
    return redirect(entry)


@require_POST
def term_restore(request: HttpRequest, pk: int, change_id: int) -> HttpResponse:
    _require_editor(request)
    entry = get_object_or_404(TermEntry, pk=pk)
    change = get_object_or_404(TermChange, pk=change_id, entry=entry)
    try:
        services.entry_restore(
            entry=entry, actor=actor(request), expected_version=_version(request), change=change
        )
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(request, _("Restored the state of version %(v)s.") % {"v": change.version})
    return redirect(entry)


@require_POST
def term_link(request: HttpRequest, pk: int) -> HttpResponse:
    _require_editor(request)
    entry = get_object_or_404(TermEntry, pk=pk)
    form = LinkForm(request.POST, entry=entry)
    if form.is_valid():
        services.entry_link(entry=entry, other=form.cleaned_data["rule_id"], actor=actor(request))
        messages.success(request, _("Translation linked."))
    else:
        for error in form.errors.get("rule_id", []):
            messages.error(request, str(error))
    return redirect(entry)


@require_POST
def term_unlink(request: HttpRequest, pk: int, other_pk: int) -> HttpResponse:
    _require_editor(request)
    entry = get_object_or_404(TermEntry, pk=pk)
    other = get_object_or_404(TermEntry, pk=other_pk)
    services.entry_unlink(entry=entry, other=other, actor=actor(request))
    messages.success(request, _("Translation unlinked."))
    return redirect(entry)


# --- import and export ----------------------------------------------------------------------


@require_GET
def term_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    lang = request.GET.get("lang", "")
    if lang and lang not in LANGS:
        raise Http404
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        streamed = StreamingHttpResponse(
            transfer.csv_lines(lang or None), content_type="text/csv; charset=utf-8"
        )
        streamed["Content-Disposition"] = (
            f'attachment; filename="terminology-{lang or "all"}-{stamp}.csv"'
        )
        return streamed
    if fmt == "json":
        if not lang:
            return HttpResponse(
                _("Choose a language: the JSON file holds one language."),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        document = transfer.json_document(lang, include_disabled=request.GET.get("all") == "1")
        body = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{lang}.json"'
        return response
    raise Http404


@require_http_methods(["GET", "POST"])
def term_import(request: HttpRequest) -> HttpResponse:
    """Store the upload and queue it; the rows are checked and applied in the background."""
    _require_editor(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = services.import_start(
            actor=actor(request),
            data=upload.read(),
            kind=form.kind,
            file_name=upload.name,
            language=translation.get_language() or "en",
        )
        return redirect(job)
    return render(
        request,
        "termbase/import.html",
        {"form": form, "recent": TermImport.objects.order_by("-created_at")[:5]},
        status=400 if form.errors else 200,
    )


@require_GET
def term_import_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress of one import; htmx polls the progress part, without JavaScript the page
    reloads itself while the import runs."""
    _require_editor(request)
    job = get_object_or_404(TermImport.objects.defer("data"), pk=pk)
    context = {"job": job}
    if is_htmx(request):
        return render(request, "termbase/import_status.html#progress", context)
    return render(request, "termbase/import_status.html", context)


# --- the check page -------------------------------------------------------------------------


def _read_upload(request: HttpRequest, upload: Any) -> tuple[str | None, str | None, str]:
    """(text, docx token, error message): the reader's own message for a refused file."""
    from pat.terminology.readers import DocumentError, read_limited

    data = upload.read()
    try:
        document = read_limited(data, upload.name)
    except DocumentError as error:
        return None, None, str(error)
    token = documents.keep(request, data, upload.name) if document.kind == "docx" else None
    return document.text, token, ""


@require_http_methods(["GET", "POST"])
def check_page(request: HttpRequest) -> HttpResponse:
    form = CheckForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        text: str = data["text"]
        token = data["doc"] if documents.fetch(request, data["doc"]) else ""
        if data["document"]:
            read, new_token, problem = _read_upload(request, data["document"])
            if read is None:
                form.add_error("document", problem)
                return _render_check(request, context, 400)
            text, token = read, new_token or ""
        disabled = split_list(data["disabled"])
        allow = split_list(data["allow"])
        if request.POST.get("ignore"):
            disabled = [*disabled, request.POST["ignore"].strip()[:80]]
        if request.POST.get("unignore"):
            disabled = [d for d in disabled if d != request.POST["unignore"]]
        rules = checker.current_rules(request)
        outcome = checker.run(
            text, data["lang"], data["mode"], rules=rules, allow=allow, disabled_rules=disabled
        )
        accept = request.POST.get("accept", "")
        if accept:
            applied = _accept(text, outcome.findings, accept)
            if applied is None:
                context["notice"] = _("That suggestion no longer applies to the text.")
            else:
                text = applied
                outcome = checker.run(
                    text,
                    data["lang"],
                    data["mode"],
                    rules=rules,
                    allow=allow,
                    disabled_rules=disabled,
                )
        # The form shows the text as it is now (after an accepted suggestion).
        form = CheckForm(
            initial={
                "text": text,
                "lang": data["lang"],
                "mode": data["mode"],
                "allow": "\n".join(allow),
                "disabled": "\n".join(disabled),
                "doc": token,
            }
        )
        context.update(
            form=form,
            accepted=_accepted_in_document(request, token, text),
            outcome=outcome,
            pieces=marking.pieces(text, outcome.findings),
            findings=marking.numbered(outcome.findings),
            summary=marking.summary(outcome.findings),
            debatable=marking.debatable_count(outcome.findings),
            ignored=disabled,
            verdict=_verdict(outcome.report.verdict) if outcome.report else "",
            doc_token=token,
            checked=True,
        )
    elif request.method == "POST":
        status = 400
    return _render_check(request, context, status)


def _verdict(verdict: str) -> str:
    labels = {
        "strongly feminine-coded": _("strongly feminine-coded"),
        "feminine-coded": _("feminine-coded"),
        "neutral": _("neutral"),
        "masculine-coded": _("masculine-coded"),
        "strongly masculine-coded": _("strongly masculine-coded"),
    }
    return labels.get(verdict, verdict)


def _render_check(request: HttpRequest, context: dict[str, Any], status: int) -> HttpResponse:
    if is_htmx(request):
        # htmx swaps only 2xx answers; the field errors are in the partial it swaps in.
        return render(request, "termbase/check.html#checker", context)
    return render(request, "termbase/check.html", context, status=status)


def _accept(text: str, findings: list[Any], value: str) -> str | None:
    """The text with one finding replaced by one of its suggestions, if it still applies."""
    try:
        start_s, end_s, index_s = value.split(":", 2)
        start, end, index = int(start_s), int(end_s), int(index_s)
    except ValueError:
        return None
    for finding in findings:
        if finding.start == start and finding.end == end and 0 <= index < len(finding.suggestions):
            return marking.replace_span(text, start, end, finding.suggestions[index])
    return None


MAX_ACCEPTED = 2000


def _accepted_in_document(request: HttpRequest, token: str, text: str) -> str:
    """The changes made to an uploaded .docx's text on this page (accepted suggestions), as
    JSON for the annotated download, which writes them as tracked changes."""
    from pat.terminology.annotate import edits_between
    from pat.terminology.readers import DocumentError, read_document

    kept = documents.fetch(request, token) if token else None
    if kept is None:
        return "[]"
    try:
        original = read_document(*kept).text
    except DocumentError:
        return "[]"
    return json.dumps([list(edit) for edit in edits_between(original, text)[:MAX_ACCEPTED]])


def _parse_accepted(value: str) -> list[Any]:
    """Edits posted back by the page; ValueError (shown to the user) when malformed."""
    from pat.terminology.annotate import Edit

    try:
        raw = json.loads(value or "[]")
    except json.JSONDecodeError as error:
        raise ValueError(_("The accepted suggestions could not be read.")) from error
    if not isinstance(raw, list) or len(raw) > MAX_ACCEPTED:
        raise ValueError(_("The accepted suggestions could not be read."))
    edits = []
    for item in raw:
        if not (
            isinstance(item, list)
            and len(item) == 3
            and all(type(n) is int for n in item[:2])
            and isinstance(item[2], str)
            and len(item[2]) <= MAX_TEXT_CHARS
        ):
            raise ValueError(_("The accepted suggestions could not be read."))
        edits.append(Edit(item[0], item[1], item[2]))
    return edits


@require_POST
def check_annotated(request: HttpRequest) -> HttpResponse:
    from pat.terminology.annotate import annotate_bytes
    from pat.terminology.readers import DocumentError, read_limited, run_limited

    kept = documents.fetch(request, request.POST.get("doc", ""))
    if kept is None:
        messages.error(request, _("That document is no longer here: upload it again."))
        return redirect("termbase:check")
    data, name = kept
    lang = request.POST.get("lang", "auto")
    mode = request.POST.get("mode", "proposal")
    if lang not in (*LANGS, "auto") or mode not in ("proposal", "vacancy"):
        raise Http404
    try:
        text = read_limited(data, name).text
        outcome = checker.run(
            text,
            lang,
            mode,
            rules=checker.current_rules(request),
            allow=split_list(request.POST.get("allow", "")),
            disabled_rules=split_list(request.POST.get("disabled", "")),
        )
        accepted = _parse_accepted(request.POST.get("accepted", ""))
        annotated = run_limited(annotate_bytes, data, outcome.findings, accepted)
    except (DocumentError, ValueError) as error:
        messages.error(request, str(error))
        return redirect("termbase:check")
    stem = Path(name).stem or "document"
    response = HttpResponse(
        annotated,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    safe = "".join(c for c in stem if c.isalnum() or c in "-_ ")[:80] or "document"
    response["Content-Disposition"] = f'attachment; filename="{safe}-annotated.docx"'
    return response
