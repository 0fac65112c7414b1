"""No lost update anywhere: every form that edits a shared record carries the version it was
drawn from. Each one is posted twice from the same page; the second is refused with the one
409 notice and writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


class Forms(HTMLParser):
    """Every POST form of a page: its attributes and what a browser would send."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[dict[str, str | None], dict[str, Any]]] = []
        self.textarea: str | None = None
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.forms.append((a, {}))
            return
        if not self.forms:
            return
        fields = self.forms[-1][1]
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    fields[name] = a.get("value") or "on"
            else:
                fields[name] = a.get("value") or ""
        elif tag == "textarea" and name:
            self.textarea = name
            fields[name] = ""
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and ("selected" in a or self.select not in fields):
            # The selected option, else the first, as a browser sends.
            fields[self.select] = a.get("value") or ""

    def handle_data(self, data: str) -> None:
        if self.textarea and self.forms:
            self.forms[-1][1][self.textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None


def form_on(
    client: Client, url: str, pick: Callable[[dict[str, Any], dict[str, Any]], bool]
) -> Any:
    response = client.get(url)
    assert response.status_code == 200, url
    parser = Forms()
    parser.feed(response.content.decode())
    chosen = [(a, f) for a, f in parser.forms if (a.get("method") or "").lower() == "post"]
    chosen = [(a, f) for a, f in chosen if pick(a, f)]
    assert chosen, f"no such form on {url}"
    attrs, fields = chosen[0]
    return attrs.get("action") or url, dict(fields)


def by_version(_attrs: dict[str, Any], fields: dict[str, Any]) -> bool:
    return "version" in fields


def by_id(form_id: str) -> Callable[[dict[str, Any], dict[str, Any]], bool]:
    return lambda attrs, _fields: attrs.get("id") == form_id


def by_key(key: str) -> Callable[[dict[str, Any], dict[str, Any]], bool]:
    return lambda attrs, _fields: attrs.get("data-key") == key


def by_action(part: str) -> Callable[[dict[str, Any], dict[str, Any]], bool]:
    return lambda attrs, _fields: part in (attrs.get("action") or "")


# name: (who, page, which form, what the user types)
FORMS: dict[str, tuple[str, str, Any, dict[str, str]]] = {
    "project edit page": ("developer", "/projects/{code}/edit/", by_version, {"title": "Typed"}),
    "project beneficiaries": ("developer", "/projects/{code}/beneficiaries/", by_version, {}),
    "project results matrix": (
        "developer",
        "/projects/{code}/results/",
        by_id("matrix-form"),
        {"action": "add-outcome", "new-outcome": "Typed"},
    ),
    "builder results matrix": (
        "developer",
        "/proposals/{code}/results/",
        by_id("matrix-form"),
        {"action": "add-outcome", "new-outcome": "Typed"},
    ),
    "builder cover page": ("developer", "/proposals/{code}/cover/", by_version, {"title": "T"}),
    "builder section": (
        "developer",
        "/proposals/{code}/partnerships/",
        by_key("partnerships"),
        {"text": "Typed"},
    ),
    "builder summary (on the project)": (
        "developer",
        "/proposals/{code}/summary/",
        by_key("summary"),
        {"text": "Typed"},
    ),
    "builder beneficiaries": ("developer", "/proposals/{code}/beneficiaries/", by_version, {}),
    "builder risks": ("developer", "/proposals/{code}/risks/", by_version, {}),
    "builder work plan": ("developer", "/proposals/{code}/work-plan/", by_version, {}),
    "builder budget": ("developer", "/proposals/{code}/budget/", by_version, {}),
    "term base entry": ("focal_point", "/terminology/{term}/edit/", by_version, {}),
    "guide page": ("focal_point", "/guide/budget/edit/?lang=en", by_version, {"save": "1"}),
    # Buttons with no form to redraw get the one 409 page.
    "term base enable/disable": ("focal_point", "/terminology/{term}/", by_action("/toggle/"), {}),
    "guide restore": ("focal_point", "/guide/budget/history/?lang=en", by_action("/restore/"), {}),
}


@pytest.mark.parametrize("name", list(FORMS))
def test_every_form_posted_twice_from_the_same_page_refuses_the_second(
    name: str, request: Any, project: Any
) -> None:
    from pat.core.models import Revision
    from pat.guide.services import content_load
    from pat.termbase.models import LanguageLists, TermChange, TermEntry
    from pat.termbase.seeding import seed_shipped

    # The data migrations load both; under --nomigrations the same functions do.
    content_load()
    if not TermEntry.objects.exists():
        seed_shipped(
            entry_model=TermEntry,
            change_model=TermChange,
            lists_model=LanguageLists,
            revision_model=Revision,
        )

    who, page, pick, typed = FORMS[name]
    client = Client()
    client.force_login(request.getfixturevalue(who))
    term = TermEntry.objects.get(rule_id="en.chairman")
    if name == "guide restore":
        # A page with two revisions, so there is one to restore.
        from pat.guide.models import GuidePage
        from pat.guide.services import page_update

        guide = GuidePage.objects.get(key="budget", language="en")
        page_update(
            page=guide, actor=None, expected_version=guide.version, title=guide.title, body="New"
        )
    url = page.format(code=project.code, term=term.pk)
    action, fields = form_on(client, url, pick)
    if "beneficiaries" in name:
        cell = next(k for k in fields if k.startswith("cell_"))
        typed = {cell: "5"}
    fields.update(typed)
    first = client.post(action, fields)
    assert first.status_code in (200, 302), (name, first.status_code)
    # The second person typed something else on the same page.
    other = {k: str(int(v) + 1) if v.isdigit() else f"{v} again" for k, v in typed.items()}
    second = client.post(action, {**fields, **other})
    assert second.status_code == 409, (name, second.status_code)
    body = second.content.decode()
    assert "changed by someone else" in body and 'class="conflict"' in body
