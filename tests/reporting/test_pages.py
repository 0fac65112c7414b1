"""The report pages: quick entry without JavaScript, the 409, permissions, results views."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from pat.reporting.models import ProgressReport
from tests.reporting.conftest import indicators


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(report: Any, project: Any, bands: Any, **extra: str) -> dict[str, str]:
    people, other = indicators(project)
    child, adult = bands["child"].pk, bands["adult"].pk
    data = {
        "version": str(report.version),
        "achievements": "Two states covered.",
        "challenges": "",
        "gender_results": "Women reached most.",
        f"actual-{people.pk}": "20",
        f"cell-{people.pk}-female-{child}": "5",
        f"cell-{people.pk}-male-{child}": "5",
        f"cell-{people.pk}-female-{adult}": "6",
        f"cell-{people.pk}-male-{adult}": "4",
        f"actual-{other.pk}": "1",
        f"comment-{other.pk}": "",
        f"mov-{other.pk}": "Inspection",
    }
    data.update(extra)
    return data


def test_the_project_page_links_to_its_reports(reporting_project: Any, developer: Any) -> None:
    page = _client(developer).get(reporting_project.get_absolute_url())
    assert reverse("reporting:project", kwargs={"code": reporting_project.code}) in page.text


def test_the_periods_page_lists_the_schedule_and_marks_overdue_periods(
    reporting_project: Any, developer: Any
) -> None:
    page = _client(developer).get(
        reverse("reporting:project", kwargs={"code": reporting_project.code})
    )
    assert page.status_code == 200
    assert "2025-01-01 – 2025-03-31" in page.text
    assert "overdue" in page.text


def test_a_report_is_filed_from_its_page_without_javascript(
    first_report: Any, developer: Any, bands: Any, reporting_project: Any
) -> None:
    url = reverse("reporting:report", kwargs={"pk": first_report.pk})
    response = _client(developer).post(url, _post(first_report, reporting_project, bands))
    assert response.status_code == 302
    people, _other = indicators(reporting_project)
    assert first_report.actuals.get(indicator=people).cells.count() == 4


def test_cells_that_do_not_add_up_are_shown_with_what_was_typed_and_nothing_is_saved(
    first_report: Any, developer: Any, bands: Any, reporting_project: Any
) -> None:
    url = reverse("reporting:report", kwargs={"pk": first_report.pk})
    people, _other = indicators(reporting_project)
    response = _client(developer).post(
        url, _post(first_report, reporting_project, bands, **{f"actual-{people.pk}": "21"})
    )
    assert response.status_code == 400
    assert "add up to 20, not 21" in response.text
    assert 'value="21"' in response.text
    assert ProgressReport.objects.get(pk=first_report.pk).version == 1


def test_htmx_saves_return_only_the_entry_part(
    first_report: Any, developer: Any, bands: Any, reporting_project: Any
) -> None:
    url = reverse("reporting:report", kwargs={"pk": first_report.pk})
    response = _client(developer).post(
        url, _post(first_report, reporting_project, bands), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert 'id="entry"' in response.text
    assert "<html" not in response.text


def test_a_stale_report_page_gets_the_one_conflict_notice(
    first_report: Any, developer: Any, bands: Any, reporting_project: Any
) -> None:
    url = reverse("reporting:report", kwargs={"pk": first_report.pk})
    client = _client(developer)
    data = _post(first_report, reporting_project, bands)
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 409
    assert "Not saved: edit conflict." in again.text


def test_someone_outside_the_project_reads_the_report_but_cannot_save_it(
    first_report: Any, colleague: Any, bands: Any, reporting_project: Any
) -> None:
    url = reverse("reporting:report", kwargs={"pk": first_report.pk})
    client = _client(colleague)
    assert client.get(url).status_code == 200
    assert client.post(url, _post(first_report, reporting_project, bands)).status_code == 403
    assert ProgressReport.objects.get(pk=first_report.pk).version == 1


def test_a_signed_out_visitor_is_sent_to_sign_in(first_report: Any) -> None:
    response = Client().get(reverse("reporting:report", kwargs={"pk": first_report.pk}))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_results_views_render_for_a_project_an_office_a_region_and_a_theme(
    reporting_project: Any, developer: Any, country_office: Any
) -> None:
    client = _client(developer)
    assert (
        client.get(
            reverse("reporting:results", kwargs={"code": reporting_project.code})
        ).status_code
        == 200
    )
    reach = reverse("reporting:reach")
    for query in ("", f"?office={country_office.pk}", "?region=WCA", "?theme=1"):
        assert client.get(reach + query).status_code in (200, 404)
    assert client.get(reach + "?region=NOPE").status_code == 404
