"""Test personas shared by every app's tests.

A project developer in a country office, reviewers in two HQ departments, a
Gender Focal Point, an HR officer, an administrator, a signed-in colleague from
another office with no roles, and an anonymous outsider who must see nothing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest


def _factories() -> Any:
    # Imported on first use: Django is set up by pytest-django after this file loads.
    from tests import factories

    return factories


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None) -> None:
    """The test database, with its migrated reference data kept for serialized rollback.

    Django keeps that data on the connection object; Playwright's sync API
    switches greenlets, and a test can then get a new connection object
    without it, so a flushed database would stay empty. Keeping it on the
    class serves every connection object.
    """
    from django.db import connections

    connection = connections["default"]
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is not None:
        type(connection)._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def _fresh_cache(request: pytest.FixtureRequest) -> None:
    # Cached pages are keyed by revisions (Revision("staffing"), "vacancies", …) that start
    # again from the same number in every test database: a page cached by an earlier test must
    # not be served to the next. The cache lives in the database, so only tests with database
    # access have one to clear (the pure ones read none).
    marked = request.node.get_closest_marker("django_db") is not None
    requested = [
        name
        for name in ("transactional_db", "django_db_reset_sequences", "db")
        if name in request.fixturenames
    ]
    if requested:
        # Autouse fixtures run first: open the database the test asked for before clearing.
        request.getfixturevalue(requested[0])
    if marked or requested:
        from django.core.cache import caches

        # The shared cache and this process's copies of its entries (`fragments.remembered`).
        for alias in ("default", "local"):
            caches[alias].clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def hq(db: None) -> Any:
    return _factories().OfficeFactory(
        code="hq", name="Headquarters", kind="hq", country="CH", region="GLOBAL"
    )


@pytest.fixture
def country_office(hq: Any) -> Any:
    return _factories().OfficeFactory(
        code="co-ng",
        name="Country Office Nigeria",
        kind="country",
        country="NG",
        region="WCA",
        parent=hq,
    )


@pytest.fixture
def other_office(hq: Any) -> Any:
    return _factories().OfficeFactory(
        code="co-pe",
        name="Country Office Peru",
        kind="country",
        country="PE",
        region="SA",
        parent=hq,
    )


@pytest.fixture
def programme_support(db: None) -> Any:
    return _factories().DepartmentFactory(code="programme-support", name="Programme Support")


@pytest.fixture
def budget_unit(db: None) -> Any:
    return _factories().DepartmentFactory(code="budget", name="Budget Unit")


@pytest.fixture
def developer(country_office: Any) -> Any:
    user = _factories().UserFactory(username="developer")
    _factories().RoleFactory(user=user, office=country_office, kind="developer")
    return user


@pytest.fixture
def reviewer(hq: Any, programme_support: Any) -> Any:
    user = _factories().UserFactory(username="reviewer")
    _factories().RoleFactory(user=user, office=hq, kind="reviewer", department=programme_support)
    return user


@pytest.fixture
def budget_reviewer(hq: Any, budget_unit: Any) -> Any:
    user = _factories().UserFactory(username="budget")
    _factories().RoleFactory(user=user, office=hq, kind="reviewer", department=budget_unit)
    return user


@pytest.fixture
def focal_point(hq: Any) -> Any:
    user = _factories().UserFactory(username="gfp")
    _factories().RoleFactory(user=user, office=hq, kind="gfp")
    return user


@pytest.fixture
def hr_officer(hq: Any) -> Any:
    user = _factories().UserFactory(username="hr")
    _factories().RoleFactory(user=user, office=hq, kind="hr")
    return user


@pytest.fixture
def administrator(hq: Any) -> Any:
    user = _factories().UserFactory(username="admin", is_staff=True, is_superuser=True)
    _factories().RoleFactory(user=user, office=hq, kind="admin")
    return user


@pytest.fixture
def colleague(other_office: Any) -> Any:
    """Signed in, from another office, with no role: reads projects, edits none."""
    user = _factories().UserFactory(username="colleague")
    _factories().RoleFactory(user=user, office=other_office, kind="developer")
    return user


@pytest.fixture(autouse=True)
def _fresh_rules() -> Iterator[None]:
    # Each test's transaction is rolled back, the term base's revision counter included;
    # the rules a process compiled inside one test must not serve the next.
    from pat.termbase import checker

    checker.forget()
    yield
    checker.forget()


@pytest.fixture
def project(country_office: Any) -> Any:
    return _factories().ProjectFactory(executing_office=country_office)


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    # A transactional test (every browser test: the live server runs in another
    # thread) empties the tables afterwards, reference data from the data
    # migrations included; serialized rollback puts it back for the next test.
    for item in items:
        marker = item.get_closest_marker("django_db")
        fixtures = getattr(item, "fixturenames", ())
        if (marker is not None and marker.kwargs.get("transaction")) or (
            "live_server" in fixtures or "transactional_db" in fixtures
        ):
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False
            )
    # In CI a missing browser is a failure, not a skip.
    if os.environ.get("CI") == "true":
        return
    if not shutil.which(os.environ.get("PAT_CHROMIUM", "/usr/bin/chromium")):
        skip = pytest.mark.skip(reason="Chromium not installed (apt-get install chromium)")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in the test thread; the
    # fixtures' database calls are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    executable = os.environ.get("PAT_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def libreoffice() -> str:
    """The LibreOffice program that converts documents (apt-get install libreoffice-writer-nogui).

    Missing in CI is a failure (.ci/run installs it); elsewhere the test is skipped.
    """
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        message = "LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return office


@pytest.fixture
def convert_with_libreoffice(libreoffice: str, tmp_path: Any) -> Any:
    """Convert a file with LibreOffice headless; returns the converted file's path."""
    import subprocess
    from pathlib import Path

    def convert(source: Path, to: str) -> Path:
        subprocess.run(  # noqa: S603 - fixed arguments, files the test wrote
            [
                libreoffice,
                f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                "--headless",
                "--convert-to",
                to,
                "--outdir",
                str(tmp_path / "converted"),
                str(source),
            ],
            check=True,
            timeout=180,
            capture_output=True,
        )
        converted = tmp_path / "converted" / f"{source.stem}.{to.split(':')[0]}"
        assert converted.is_file(), f"LibreOffice wrote no {converted.name}"
        return converted

    return convert
