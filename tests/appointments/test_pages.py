"""Who sees what: candidates' names for HR, the case's board members and the Gender Focal
Point only; funnel figures for everyone signed in, suppressed below 5 outside HR; nothing for
anonymous visitors. The API, the minutes and the report."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from pat.appointments import services
from pat.appointments.models import Candidate

NAME = "Ngozi Okafor"
EVERYONE = [
    "developer",
    "reviewer",
    "budget_reviewer",
    "focal_point",
    "hr_officer",
    "administrator",
    "colleague",
    "com",
]
READERS = {"focal_point", "hr_officer", "administrator"}


def client_for(user: Any | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def people(request) -> dict[str, Any]:
    return {who: request.getfixturevalue(who) for who in EVERYONE}


@pytest.fixture
def case(vacancy, hr_officer, shortlist, women_under) -> Any:
    return services.case_open(vacancy=vacancy, actor=hr_officer)


@pytest.mark.parametrize("who", EVERYONE)
def test_candidate_names_only_for_hr_and_the_focal_point(people, vacancy, shortlist, who):
    response = client_for(people[who]).get(reverse("appointments:vacancy", args=[vacancy.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert (NAME in page) is (who in READERS)
    assert "Applied" in page  # the funnel is there for everyone


@pytest.mark.parametrize("who", EVERYONE)
def test_a_candidate_s_page_is_refused_to_others(people, shortlist, who):
    url = reverse("appointments:candidate", args=[shortlist["woman"].pk])
    assert client_for(people[who]).get(url).status_code == (200 if who in READERS else 403)


def test_a_board_member_of_the_case_reads_the_candidates(board, vacancy, shortlist, case):
    url = reverse("appointments:vacancy", args=[vacancy.pk])
    assert NAME in client_for(board["member"]).get(url).content.decode()
    assert (
        client_for(board["member"]).get(reverse("appointments:case", args=[case.pk])).status_code
        == 200
    )


@pytest.mark.parametrize("who", EVERYONE)
def test_the_case_and_board_pages_are_for_hr_the_board_and_the_focal_point(people, case, who):
    expected = 200 if who in READERS else 403
    client = client_for(people[who])
    assert client.get(reverse("appointments:case", args=[case.pk])).status_code == expected
    assert client.get(reverse("appointments:board")).status_code == expected
    assert client.get(reverse("appointments:shortlists")).status_code == expected
    assert client.get(reverse("appointments:report")).status_code == expected


def test_anonymous_visitors_see_nothing(vacancy, shortlist, case):
    client = client_for(None)
    for url in (
        reverse("appointments:overview"),
        reverse("appointments:vacancy", args=[vacancy.pk]),
        reverse("appointments:candidate", args=[shortlist["man"].pk]),
        reverse("appointments:case", args=[case.pk]),
        reverse("appointments:board"),
        reverse("appointments:report"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(f"/api/v1/vacancies/{vacancy.pk}/funnel").status_code == 401


@pytest.mark.parametrize("who", ["developer", "focal_point", "colleague"])
def test_only_hr_records_candidates(people, vacancy, who):
    response = client_for(people[who]).post(
        reverse("appointments:vacancy", args=[vacancy.pk]), {"name": "X", "sex": "female"}
    )
    assert response.status_code == 403
    assert not Candidate.objects.exists()


def test_hr_records_a_candidate_with_or_without_javascript(hr_officer, vacancy, channel):
    client = client_for(hr_officer)
    url = reverse("appointments:vacancy", args=[vacancy.pk])
    data = {"name": "Rosa Quispe", "sex": "female", "stage": "applied", "outcome": "in"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "name": "Camille Laurent"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Camille Laurent" in response.content.decode()
    assert "<html" not in response.content.decode()  # the partial only
    bad = client.post(url, {**data, "sex": "self"})
    assert bad.status_code == 400
    assert Candidate.objects.count() == 2


def test_a_stale_candidate_edit_gets_the_409_notice(hr_officer, shortlist):
    man = shortlist["man"]
    url = reverse("appointments:candidate", args=[man.pk])
    data = {"name": man.name, "sex": "male", "stage": "recommended", "outcome": "in"}
    client = client_for(hr_officer)
    assert client.post(url, {**data, "version": man.version}).status_code == 302
    response = client.post(url, {**data, "stage": "applied", "version": man.version})
    assert response.status_code == 409
    man.refresh_from_db()
    assert man.stage == "recommended"


def big_funnel(vacancy: Any) -> None:
    people = [("applied", "female")] * 12 + [("applied", "male")] * 20
    people += [("shortlisted", "female")] * 3 + [("shortlisted", "male")] * 6
    Candidate.objects.bulk_create(
        Candidate(vacancy=vacancy, name=f"P{i}", sex=sex, stage=stage)
        for i, (stage, sex) in enumerate(people)
    )


def test_the_api_funnel_is_suppressed_below_five_and_has_no_names_outside_hr(developer, vacancy):
    big_funnel(vacancy)
    body = client_for(developer).get(f"/api/v1/vacancies/{vacancy.pk}/funnel").json()
    stages = {s["stage"]: s for s in body["stages"]}
    assert stages["applied"]["female"] == 15 and stages["applied"]["male"] == 26
    assert stages["shortlisted"]["female"] == "<5"
    assert body["suppressed"] is True and body["candidates"] is None
    assert body["conversions"][1]["female"] is None  # it would give the 3 away
    assert "P1" not in str(body)


def test_hr_gets_every_count_and_the_candidates(hr_officer, vacancy):
    big_funnel(vacancy)
    body = client_for(hr_officer).get(f"/api/v1/vacancies/{vacancy.pk}/funnel").json()
    stages = {s["stage"]: s for s in body["stages"]}
    assert stages["shortlisted"]["female"] == 3
    assert body["suppressed"] is False and len(body["candidates"]) == 41
    assert body["all_male_shortlist"] is False


def test_the_funnel_endpoint_is_in_the_openapi_schema(hr_officer):
    schema = client_for(hr_officer).get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/vacancies/{vacancy_id}/funnel"]["get"]
    assert {"200", "401", "404"} <= set(operation["responses"])


def test_the_funnel_pages_suppress_outside_hr(developer, hr_officer, vacancy, country_office):
    big_funnel(vacancy)
    for url in (
        reverse("appointments:vacancy", args=[vacancy.pk]),
        reverse("appointments:overview") + f"?office={country_office.code}",
        reverse("appointments:overview"),
    ):
        assert "&lt;5" in client_for(developer).get(url).content.decode()
        assert "&lt;5" not in client_for(hr_officer).get(url).content.decode()


def test_an_all_male_shortlist_is_flagged_and_listed_for_the_focal_points(
    focal_point, vacancy, shortlist
):
    Candidate.objects.filter(pk=shortlist["woman"].pk).update(stage="applied")
    page = client_for(focal_point).get(reverse("appointments:vacancy", args=[vacancy.pk]))
    assert 'id="all-male"' in page.content.decode()
    listed = client_for(focal_point).get(reverse("appointments:shortlists")).content.decode()
    assert vacancy.reference in listed


def test_the_minutes_download_as_docx_and_pdf(hr_officer, case, shortlist):
    from docx import Document

    meeting = services.meeting_create(
        held_on=case.opened_on, title="APB", members=[hr_officer], actor=hr_officer
    )
    services.case_schedule(case=case, actor=hr_officer, version=case.version, meeting=meeting)
    case.refresh_from_db()
    services.case_recommend(
        case=case, actor=hr_officer, version=case.version, candidate=shortlist["man"], text="First."
    )
    client = client_for(hr_officer)
    docx = client.get(reverse("appointments:minutes", args=[meeting.pk, "docx"]))
    assert docx.status_code == 200 and docx["Content-Disposition"].endswith('.docx"')
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert case.vacancy.reference in text and "Special measures applied" in text
    pdf = client.get(reverse("appointments:minutes", args=[meeting.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert (
        client_for(None).get(reverse("appointments:minutes", args=[meeting.pk, "pdf"])).status_code
        == 302
    )


def test_the_report_counts_special_measures_outcomes_and_objections(
    hr_officer, focal_point, administrator, case, shortlist
):
    case = services.case_recommend(
        case=case, actor=hr_officer, version=case.version, candidate=shortlist["man"], text="A."
    )
    case = services.case_justify(case=case, actor=hr_officer, version=case.version, text="B.")
    case = services.case_review(
        case=case, actor=focal_point, version=case.version, verdict="object", text="C."
    )
    services.case_decide(case=case, actor=administrator, version=case.version, decision="approve")
    from pat.appointments.reports import period_report

    report = period_report(start=None, end=None)
    assert [c.pk for c in report.special_measures] == [case.pk]
    assert report.selected_by_sex["male"] == 1 and report.selected_by_sex["female"] == 0
    assert report.objection_decisions == {"approve": 1}
    row = report.levels[0]
    assert row.level == "P-4" and row.share == 0 and row.targets and row.below_target
    page = client_for(focal_point).get(reverse("appointments:report")).content.decode()
    assert case.vacancy.reference in page


def test_a_case_form_posted_twice_from_the_same_page_refuses_the_second(
    hr_officer, case, shortlist
):
    case = services.case_recommend(
        case=case, actor=hr_officer, version=case.version, candidate=shortlist["man"], text="A."
    )
    client = client_for(hr_officer)
    url = reverse("appointments:case", args=[case.pk])
    data = {"action": "justify", "justify-version": case.version, "justify-text": "First."}
    assert client.post(url, data).status_code == 302
    second = client.post(url, {**data, "justify-text": "Second."})
    assert second.status_code == 409
    assert "Not saved: edit conflict." in second.content.decode()
    case.refresh_from_db()
    assert case.justification == "First."
