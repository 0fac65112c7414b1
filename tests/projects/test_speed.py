"""What keeps the project pages fast at 100,000 projects: capped counts, keyset pages,
cached fragments that follow every change, streamed CSV, large XLSX in the background."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from pat.core.paging import CappedPaginator, Cursor, keyset_page
from pat.projects import export, listing, services, views
from pat.projects.models import Project, ProjectChange, ProjectExport
from tests.factories import ProjectFactory

UTC = dt.UTC


@pytest.mark.parametrize(
    ("rows", "count", "capped", "pages"),
    [(0, 0, False, 1), (3, 3, False, 2), (4, 4, True, 2), (10, 4, True, 2)],
)
def test_the_count_stops_one_past_the_cap(rows: int, count: int, capped: bool, pages: int) -> None:
    paginator = CappedPaginator(list(range(rows)), 2)
    paginator.cap = 3
    assert (paginator.count, paginator.capped, paginator.num_pages) == (count, capped, pages)


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("2026-12-03T10:00:00+00:00_7", Cursor(dt.datetime(2026, 12, 3, 10, tzinfo=UTC), 7)),
        (
            "2026-12-03T10:00:00.250000+00:00_12",
            Cursor(dt.datetime(2026, 12, 3, 10, 0, 0, 250000, tzinfo=UTC), 12),
        ),
        ("", None),
        (None, None),
        ("garbage", None),
        ("2026-12-03T10:00:00_7", None),  # no time zone: not one of ours
        ("2026-12-03T10:00:00+00:00_x", None),
        ("2026-12-03T10:00:00+00:00_0", None),
        ("not-a-date_7", None),
    ],
)
def test_a_cursor_reads_back_what_it_wrote_and_nothing_else(
    token: str | None, expected: Cursor | None
) -> None:
    assert Cursor.parse(token) == expected
    if expected is not None:
        assert Cursor.parse(expected.token()) == expected


def small_blocks(monkeypatch: pytest.MonkeyPatch, *, page: int, pages: int, most: int) -> None:
    """Pages of `page` rows read `pages` at a time, walked up to page `most`."""
    monkeypatch.setattr(listing, "PAGE_SIZE", page)
    monkeypatch.setattr(listing, "BLOCK_PAGES", pages)
    monkeypatch.setattr(listing, "MAX_PAGES", most)


@pytest.mark.django_db
def test_a_broad_search_says_more_than_the_block_it_read(
    client: Client, developer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_blocks(monkeypatch, page=2, pages=1, most=20)
    for n in range(5):
        ProjectFactory(code=f"WS.{n:04d}", title=f"Water supply {n}")
    client.force_login(developer)
    page = client.get("/projects/?q=water").content.decode()
    assert "More than 2 projects" in page
    assert "Page 1</span>" in page and 'rel="next"' in page
    # The last block says how many there are.
    last = client.get("/projects/?q=water&page=3").content.decode()
    assert "5 projects" in last and "Page 3 of 3" in last and 'rel="next"' not in last
    narrow = client.get("/projects/?q=water+supply+2").content.decode()
    assert "1 project" in narrow and "Page 1 of 1" in narrow


@pytest.mark.django_db
def test_the_list_is_walked_up_to_its_last_page_and_no_further(
    client: Client, developer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Past MAX_PAGES a search is narrowed rather than paged: the last page offers no next
    # one, and a page number beyond it (typed, or stale) shows that last page.
    small_blocks(monkeypatch, page=2, pages=2, most=3)
    for n in range(9):
        ProjectFactory(code=f"MX.{n:04d}", title=f"Maximum {n}")
    client.force_login(developer)
    third = client.get("/projects/?q=maximum&sort=code&page=3").content.decode()
    assert "More than 6 projects" in third and 'rel="next"' not in third
    assert ">MX.0004<" in third and ">MX.0005<" in third
    beyond = client.get("/projects/?q=maximum&sort=code&page=9999999999").content.decode()
    assert "Page 3</span>" in beyond and ">MX.0004<" in beyond
    # An empty list and a page number that is no number show the first (empty) page.
    for number in ("2", "-4", "x", ""):
        empty = client.get(f"/projects/?q=nothingmatches&page={number}")
        assert empty.status_code == 200
        assert "No project matches these filters." in empty.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("few", [0, 2000])
def test_a_search_finds_the_same_projects_whichever_side_drives_it(
    few: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On SQLite a search with many matches walks the sort's index, one with few reads its
    # matches first (querysets.FEW_MATCHES); both must find the same projects in the same order.
    from pat.projects import querysets

    monkeypatch.setattr(querysets, "FEW_MATCHES", few)
    for n, words in enumerate(["water supply", "water trucking", "shelter", "Water points"]):
        ProjectFactory(code=f"WS.{n:04d}", title=f"{words} {n}", budget=1000 * (n + 1))
    found = Project.objects.search("wat").order_by("-budget", "-id")
    assert [p.code for p in found] == ["WS.0003", "WS.0001", "WS.0000"]
    assert list(Project.objects.search("shelter").values_list("code", flat=True)) == ["WS.0002"]
    assert not Project.objects.search("census").exists()


@pytest.mark.django_db
def test_the_count_says_more_than_in_french(
    client: Client, developer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ProjectFactory.create_batch(3)
    small_blocks(monkeypatch, page=1, pages=2, most=20)
    client.force_login(developer)
    page = client.get("/projects/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Plus de 2 projets" in page


@pytest.mark.django_db
def test_keyset_pages_walk_every_change_once_in_order(project: Project) -> None:
    same = dt.datetime(2026, 12, 1, 9, tzinfo=UTC)
    times = [same, same, same, same - dt.timedelta(hours=1), same + dt.timedelta(hours=1), same]
    for i, at in enumerate(times):
        ProjectChange.objects.create(project=project, action="updated", version=i, at=at)
    expected = list(ProjectChange.objects.order_by("-at", "-id").values_list("pk", flat=True))
    seen: list[int] = []
    after = None
    pages = 0
    while True:
        page = keyset_page(ProjectChange.objects.all(), after=after, size=2)
        seen += [c.pk for c in page.rows]
        pages += 1
        if page.next_cursor is None:
            break
        # A change recorded meanwhile (newest) does not shift the pages still to come.
        ProjectChange.objects.create(project=project, action="updated", version=99)
        after = page.next_cursor
    assert seen == expected
    assert pages == (len(expected) + 1) // 2


@pytest.mark.django_db
def test_recent_changes_page_on_by_the_last_change_seen(
    client: Client, developer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    for project in ProjectFactory.create_batch(3):
        services.project_touch(project=project, actor=developer, action="updated", changes={})
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    client.force_login(developer)
    first = client.get(reverse("projects:feed")).content.decode()
    older = first.split('" rel="next"')[0].rsplit('href="', 1)[1].replace("&amp;", "&")
    second = client.get(reverse("projects:feed") + older).content.decode()
    codes = [c.project.code for c in ProjectChange.objects.order_by("-at", "-id")]
    assert codes[0] in first and codes[1] in first and codes[2] not in first
    assert codes[2] in second and codes[0] not in second
    assert 'rel="next"' not in second and "Newest" in second


@pytest.mark.django_db
def test_the_cached_project_page_shows_a_change_at_once(
    client: Client, developer: Any, project: Project
) -> None:
    client.force_login(developer)
    assert project.title in client.get(project.get_absolute_url()).content.decode()
    services.project_touch(
        project=project,
        actor=developer,
        action="updated",
        changes={"summary": [project.summary, "A new summary"]},
        fields={"summary": "A new summary"},
    )
    page = client.get(project.get_absolute_url()).content.decode()
    assert "A new summary" in page


@pytest.mark.django_db
def test_the_csv_streams_from_its_first_byte(
    client: Client, developer: Any, django_assert_num_queries: Any
) -> None:
    for n in range(5):
        ProjectFactory(code=f"CS.{n:04d}", title=f"Cash support {n}")
    ProjectFactory(code="OT.0001", title="Other work")
    client.force_login(developer)
    response = client.get(reverse("projects:export", args=["csv"]) + "?q=cash")
    assert response.streaming
    chunks = iter(response.streaming_content)
    with django_assert_num_queries(0):
        first = next(chunks)  # sent before a single row is read
    body = (first + b"".join(chunks)).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][0] == "Code"
    assert sorted(r[0] for r in rows[1:]) == [f"CS.{n:04d}" for n in range(5)]


def test_the_spreadsheet_tells_its_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[int] = []
    monkeypatch.setattr(
        export,
        "rows",
        lambda qs: iter([["C", "T", "", "", "", "", "", "", "", None, None, 1, "USD"]] * 5),
    )
    monkeypatch.setattr(export, "FIT_ROWS", 2)
    monkeypatch.setattr(export, "PROGRESS_EVERY", 2)
    data = export.xlsx_bytes(None, progress=told.append)  # type: ignore[arg-type]
    assert told == [4, 5]
    assert load_workbook(io.BytesIO(data)).active.max_row == 6


@pytest.mark.django_db
def test_a_large_xlsx_is_built_by_the_worker_for_its_requester_only(
    client: Client,
    developer: Any,
    colleague: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    monkeypatch.setattr(views, "XLSX_AT_ONCE", 2)
    for n in range(4):
        ProjectFactory(code=f"BX.{n:04d}", title=f"Border crossings {n}")
    client.force_login(developer)
    offer = client.get(reverse("projects:export", args=["xlsx"]) + "?q=border")
    assert offer.status_code == 200
    assert "Prepare the XLSX file" in offer.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(reverse("projects:export-start"), {"query": "q=border"})
    job = ProjectExport.objects.get()
    assert started.status_code == 302 and started["Location"] == job.get_absolute_url()
    assert (job.status, job.total, job.processed, job.created_by) == ("done", 4, 4, developer)
    status = client.get(job.get_absolute_url()).content.decode()
    assert "Download the XLSX file" in status
    download = client.get(reverse("projects:export-file", args=[job.pk]))
    assert download.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert sorted(r[0] for r in sheet.iter_rows(min_row=2, values_only=True)) == [
        f"BX.{n:04d}" for n in range(4)
    ]
    client.force_login(colleague)
    assert client.get(job.get_absolute_url()).status_code == 403
    assert client.get(reverse("projects:export-file", args=[job.pk])).status_code == 403


@pytest.mark.django_db
def test_an_export_with_hostile_filters_is_refused_and_queues_nothing(
    client: Client, developer: Any
) -> None:
    client.force_login(developer)
    response = client.post(reverse("projects:export-start"), {"query": "start_after=yesterday"})
    assert response.status_code == 400
    assert not ProjectExport.objects.exists()


@pytest.mark.django_db
def test_a_change_recorded_without_a_new_version_shows_in_the_cached_feed(
    client: Client, developer: Any, project: Project
) -> None:
    client.force_login(developer)
    services.project_touch(project=project, actor=developer, action="updated", changes={})
    entry = f">{project.code}</a>"
    before = client.get(reverse("projects:feed")).content.decode().count(entry)
    services.project_touch(
        project=project, actor=developer, action="document", changes={}, bump=False
    )
    after = client.get(reverse("projects:feed")).content.decode()
    assert after.count(entry) == before + 1
    assert "added a document" in after


@pytest.mark.django_db
def test_pages_read_in_blocks_show_every_project_once_in_order(
    client: Client, developer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Rows are read BLOCK_PAGES pages at a time and kept; a page of the second block, a page
    # past the end (the last page) and a page that is not a number (the first) read right.
    small_blocks(monkeypatch, page=2, pages=2, most=20)
    for n in range(7):
        ProjectFactory(code=f"BL.{n:04d}", title=f"Block {n}")
    client.force_login(developer)

    def codes(page: str) -> list[str]:
        html = client.get(f"/projects/?q=block&sort=code&page={page}").content.decode()
        return [f"BL.{n:04d}" for n in range(7) if f">BL.{n:04d}<" in html]

    pages = [codes(str(n)) for n in (1, 2, 3, 4)]
    assert pages == [
        ["BL.0000", "BL.0001"],
        ["BL.0002", "BL.0003"],
        ["BL.0004", "BL.0005"],
        ["BL.0006"],
    ]
    assert codes("99") == ["BL.0006"]
    assert codes("x") == ["BL.0000", "BL.0001"]
    # A change moves the revision: the kept blocks are not read again.
    services.project_touch(
        project=Project.objects.get(code="BL.0000"),
        actor=developer,
        action="updated",
        changes={"title": ["Block 0", "Renamed"]},
        fields={"title": "Renamed"},
    )
    assert codes("1") == ["BL.0001", "BL.0002"]


@pytest.mark.django_db
def test_the_rows_drawn_in_python_escape_every_value(client: Client, developer: Any) -> None:
    title = 'Zanzibar <script>alert("x")</script> & "quotes"'
    ProjectFactory(code="XS.0001", title=title, budget=1234567)
    client.force_login(developer)
    # (PostgreSQL's parser reads <script> as a tag and leaves it out of the search vector.)
    page = client.get("/projects/?q=zanzibar").content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;" in page
    assert '<a href="/projects/XS.0001/">XS.0001</a>' in page
    # Numbers grouped as each language writes them.
    assert "1,234,567" in page
    spanish = client.get("/projects/?q=zanzibar", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "1.234.567" in spanish


@pytest.mark.django_db
def test_a_renamed_office_or_type_shows_at_once_in_every_language(
    client: Client, developer: Any
) -> None:
    # Rows keep ids; the names are kept per process under the projects revision, which a
    # saved office or project type moves.
    project = ProjectFactory(code="RN.0001", title="Renaming")
    client.force_login(developer)
    office, kind = project.executing_office, project.project_type
    assert office.name in client.get("/projects/?q=renaming").content.decode()
    office.name, office.name_fr = "Country Office Atlantis", "Bureau de pays Atlantide"
    office.save()
    kind.name_es = "Tipo renombrado"
    kind.save()
    assert "Country Office Atlantis" in client.get("/projects/?q=renaming").content.decode()
    french = client.get("/projects/?q=renaming", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Bureau de pays Atlantide" in french
    spanish = client.get("/projects/?q=renaming", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Tipo renombrado" in spanish
    # A blank translation falls back to the English name.
    assert "Country Office Atlantis" in spanish
