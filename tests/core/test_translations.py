"""French and Spanish everywhere: complete catalogues, and every page read in both languages.

The catalogue test extracts the strings the code and templates mark (Django's makemessages
on a copy of the package) and fails on any without a French or Spanish translation. The page
test walks the URL patterns as the people who use them and fails on interface text left in
English: an element whose whole text is a catalogue string that has a translation, and the
reference data and system notes users saw in English.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation
from django.utils.translation import trans_real
from lxml import html

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("fr", "es")


def _untranslated(po: Path) -> list[str]:
    """msgids of a catalogue that are empty or fuzzy (GNU gettext's msgattrib reads it)."""
    found = []
    for flag in ("--untranslated", "--only-fuzzy"):
        out = subprocess.run(
            [str(shutil.which("msgattrib")), flag, "--no-obsolete", "--no-wrap", str(po)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        found += [m for m in re.findall(r'^msgid "(.*)"$', out, re.MULTILINE) if m]
    return found


def test_every_string_marked_for_translation_has_french_and_spanish(tmp_path: Path) -> None:
    if shutil.which("msgattrib") is None or shutil.which("xgettext") is None:
        pytest.fail("GNU gettext is needed (apt-get install gettext)")
    copy = tmp_path / "pat"
    shutil.copytree(ROOT / "pat", copy, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    # makemessages refreshes every catalogue in the copy from the sources, as `make` would.
    subprocess.run(
        [
            str(Path(shutil.which("django-admin") or "django-admin")),
            "makemessages",
            "-l",
            "fr",
            "-l",
            "es",
            "--no-obsolete",
        ],
        cwd=copy,
        env={
            "PATH": str(Path(__import__("sys").executable).parent) + ":/usr/bin:/bin",
            "PAT_DEBUG": "1",
            "PAT_VAR_DIR": str(tmp_path / "var"),
            "DJANGO_SETTINGS_MODULE": "pat.settings",
            "PYTHONPATH": str(tmp_path),
        },
        capture_output=True,
        check=True,
    )
    catalogues = sorted(copy.glob("**/locale/*/LC_MESSAGES/django.po"))
    assert len(catalogues) >= 2 * 4
    missing = {
        str(po.relative_to(copy)): found for po in catalogues if (found := _untranslated(po))
    }
    assert missing == {}


# --- every page, in French and in Spanish -------------------------------------------------

# Interface elements whose whole text is an interface string (data rarely fills them alone).
INTERFACE = "//label|//button|//th|//legend|//dt|//nav//a|//h2|//h3|//summary"
# English that users met in French and Spanish pages: reference data, system notes, labels.
KNOWN_ENGLISH = (
    "Country Office",
    "Regional Office",
    "Headquarters",
    "Budget Unit",
    "Office of Legal Affairs",
    " reviews: ",
    "Gender equality",
    "Development Fund",
    "Migration health",
    "Immigration and border management",
    "Offline kit in",
    "en Anglais",
    "en Inglés",
)


def _english_strings(language: str) -> set[str]:
    """Catalogue strings (of the size of a label) that read differently in `language`."""
    catalog = trans_real.translation(language)._catalog
    english = set()
    for key, value in catalog.items():
        if not isinstance(key, str) or not isinstance(value, str):
            continue
        if value != key and 4 <= len(key) <= 60 and "%" not in key and re.search("[a-z]", key):
            english.add(key)
    return english


def _patterns(resolver: Any = None, prefix: str = "") -> list[tuple[str, URLPattern]]:
    resolver = resolver or get_resolver()
    out = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            out += _patterns(entry, prefix + str(entry.pattern))
        else:
            out.append((prefix + str(entry.pattern), entry))
    return out


def _url(pattern: str, values: dict[str, str]) -> str | None:
    names = re.findall(r"<(?:\w+:)?(\w+)>", pattern)
    if any(n not in values for n in names):
        return None
    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], pattern)
    return "/" + url


@pytest.fixture
def portfolio_in_review() -> dict[str, Any]:
    """The demo organization with projects, one proposal in review, markers and a library."""
    import random

    from pat.core.models import User
    from pat.projects.models import Project, ResultNode
    from pat.proposals.demo import complete_proposal
    from pat.reviews.models import ReviewTask
    from pat.reviews.services import review_submit
    from pat.termbase.models import TermEntry

    call_command("demo", "--projects", "30", "--quiet", stdout=io.StringIO())
    developer = User.objects.get(username="developer")
    task = ReviewTask.objects.order_by("pk").first()
    if task is None:
        project = Project.objects.order_by("pk").first()
        assert project is not None
        project.team.add(developer)
        Project.objects.filter(pk=project.pk).update(status="draft")
        complete_proposal(project=project, actor=developer, rng=random.Random(1))
        review_submit(project=project, actor=developer)
        task = ReviewTask.objects.filter(assignee__isnull=False).order_by("pk").first()
    assert task is not None
    project = task.project
    from pat.guide.models import LibraryDocument

    return {
        "project": project,
        "task": task,
        "users": {
            "admin": User.objects.get(username="admin"),
            "developer": developer,
            "reviewer": task.assignee or User.objects.get(username="budget"),
        },
        "values": {
            "code": project.code,
            "node_id": str(ResultNode.objects.filter(project=project).first().pk),  # type: ignore[union-attr]
            "key": "budget",
            "lang": "fr",
            "version": "1",
            "scheme": "iom",
            "step": "budget",
            "fmt": "csv",
            "task": str(task.pk),
            "term": str(TermEntry.objects.order_by("pk").first().pk),  # type: ignore[union-attr]
            "document": str(LibraryDocument.objects.order_by("pk").first().pk),  # type: ignore[union-attr]
        },
    }


def _values_for(pattern: str, values: dict[str, str]) -> dict[str, str]:
    # `pk` names a different object in each app.
    pk = {"terminology": "term", "guide": "document", "reviews": "task"}.get(pattern.split("/")[0])
    return {**values, "pk": values[pk]} if pk else values


# Who reads which pages: everyone the admin's pages, reviewers their tasks, developers the builder.
ROLE_PAGES = {"admin": "", "reviewer": "reviews/", "developer": "proposals/"}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_reads_in_french_and_spanish(
    portfolio_in_review: dict[str, Any], language: str
) -> None:
    from django.core.cache import cache

    cache.clear()  # option lists cached by other tests hold their offices, not the demo's
    english = _english_strings(language)
    problems: list[str] = []
    seen = 0
    for role, prefix in ROLE_PAGES.items():
        client = Client()
        client.force_login(portfolio_in_review["users"][role])
        client.cookies["django_language"] = language
        for pattern, _entry in _patterns():
            if pattern.startswith(("admin/", "api/", "i18n/")) or not pattern.startswith(prefix):
                continue
            url = _url(pattern, _values_for(pattern, portfolio_in_review["values"]))
            if url is None:
                continue
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code < 500, url
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            seen += 1
            page = html.fromstring(response.content)
            if page.get("lang") not in (None, language):
                problems.append(f"{url}: <html lang={page.get('lang')}>")
            for element in page.xpath(INTERFACE):
                text = " ".join(element.text_content().split())
                if text in english:
                    problems.append(f"{url} ({role}): {element.tag} “{text}” is in English")
            for node in page.xpath("//script|//style"):
                node.drop_tree()
            body = " ".join(page.text_content().split())
            if url.endswith("/versions/") and "Submitted for review" in body:
                problems.append(f"{url}: the version's reason is in English")
            if "/versions/compare/" in url:
                continue  # a comparison shows the frozen versions as they were written
            problems += [f"{url} ({role}): “{known}”" for known in KNOWN_ENGLISH if known in body]
    assert seen >= 40
    assert sorted(set(problems)) == [], "\n".join(sorted(set(problems)))


@pytest.mark.django_db
def test_reference_data_reads_in_the_users_language() -> None:
    from pat.projects.models import ProjectType, Theme

    health = ProjectType.objects.get(code="migration-health")
    equality = Theme.objects.get(code="gender-equality")
    with translation.override("fr"):
        assert (str(health), str(equality)) == ("Migration et santé", "Égalité des genres")
    with translation.override("es"):
        assert (str(health), str(equality)) == ("Migración y salud", "Igualdad de género")
    with translation.override("en"):
        assert (str(health), str(equality)) == ("Migration health", "Gender equality")
    health.name_fr = ""
    with translation.override("fr"):
        assert str(health) == "Migration health"  # no translation: the English name
