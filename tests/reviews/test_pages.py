"""The review pages: who sees what, forms that refuse bad input, constant query counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from pat.reviews import services
from pat.reviews.models import ReviewComment, ReviewTask
from tests import factories

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def task_for(project: Any, key: str) -> ReviewTask:
    return ReviewTask.objects.filter(project=project, key=key).latest("version__number")


@pytest.fixture
def submitted(project: Any, developer: Any, reviewers: dict[str, Any]) -> Any:
    services.review_submit(project=project, actor=developer)
    return project


def test_an_outsider_sees_nothing(submitted: Any) -> None:
    task = task_for(submitted, "gfp")
    for url in (
        "/reviews/",
        "/reviews/dashboard/",
        f"/reviews/projects/{submitted.code}/",
        f"/reviews/tasks/{task.pk}/",
        f"/api/v1/projects/{submitted.code}/reviews",
    ):
        response = Client().get(url)
        assert response.status_code in (302, 401), url
        assert submitted.code not in response.content.decode()


def test_the_submission_page_previews_who_will_review(
    project: Any, developer: Any, reviewers: dict[str, Any]
) -> None:
    page = client_for(developer).get(f"/reviews/projects/{project.code}/").content.decode()
    assert 'id="route-preview"' in page
    for name in ("Programme Support", "Budget Unit", "Gender Focal Point", "budget", "gfp"):
        assert name in page
    assert "reports to no regional office" in page
    assert "Submit for review" in page


def test_a_colleague_sees_the_preview_but_cannot_submit(project: Any, colleague: Any) -> None:
    client = client_for(colleague)
    assert (
        "Submit for review" not in client.get(f"/reviews/projects/{project.code}/").content.decode()
    )
    assert client.post(f"/reviews/projects/{project.code}/submit/").status_code == 403
    project.refresh_from_db()
    assert project.status == "concept"


def test_submitting_from_the_page(project: Any, developer: Any, reviewers: dict[str, Any]) -> None:
    response = client_for(developer).post(f"/reviews/projects/{project.code}/submit/", follow=True)
    assert "Version 1 is submitted" in response.content.decode()
    project.refresh_from_db()
    assert project.status == "in_review"


def test_the_inbox_lists_my_units_reviews_only(submitted: Any, reviewers: dict[str, Any]) -> None:
    page = client_for(reviewers["budget"]).get("/reviews/").content.decode()
    assert "Budget Unit" in page
    assert "Programme Support</td>" not in page
    assert submitted.code in page


def test_the_inbox_lists_my_submissions(submitted: Any, developer: Any) -> None:
    page = client_for(developer).get("/reviews/").content.decode()
    assert "My submissions" in page and "In review" in page


def test_the_task_page_shows_version_terminology_marker_and_checklist(
    submitted: Any, reviewers: dict[str, Any]
) -> None:
    task = task_for(submitted, "gfp")
    page = client_for(reviewers["gfp"]).get(f"/reviews/tasks/{task.pk}/").content.decode()
    for part in ('id="terminology"', 'id="marker"', 'id="checklist"', 'id="decision"'):
        assert part in page
    assert "A gender analysis is present" in page


def test_a_reviewer_decides_on_the_page_and_a_bad_form_changes_nothing(
    submitted: Any, reviewers: dict[str, Any]
) -> None:
    task = task_for(submitted, "unit:budget")
    client = client_for(reviewers["budget"])
    url = f"/reviews/tasks/{task.pk}/decision/"
    bad = client.post(url, {"decision": "returned", "note": "", "lock": task.lock})
    assert bad.status_code == 422
    assert "Say why" in bad.content.decode()
    task.refresh_from_db()
    assert task.state == "pending"
    client.post(url, {"decision": "endorsed", "note": "", "lock": task.lock})
    task.refresh_from_db()
    assert task.state == "endorsed"
    history = client.get(f"/reviews/projects/{submitted.code}/").content.decode()
    assert "budget (Budget Unit): endorsed" in history


def test_a_reviewer_of_another_unit_gets_403_on_the_decision(
    submitted: Any, reviewers: dict[str, Any]
) -> None:
    task = task_for(submitted, "unit:budget")
    response = client_for(reviewers["gfp"]).post(
        f"/reviews/tasks/{task.pk}/decision/", {"decision": "endorsed", "lock": task.lock}
    )
    assert response.status_code == 403
    task.refresh_from_db()
    assert task.state == "pending"


def test_the_developer_gets_no_decision_form_and_a_403(submitted: Any, developer: Any) -> None:
    task = task_for(submitted, "unit:budget")
    client = client_for(developer)
    assert 'id="decision"' not in client.get(f"/reviews/tasks/{task.pk}/").content.decode()
    response = client.post(f"/reviews/tasks/{task.pk}/decision/", {"decision": "endorsed"})
    assert response.status_code == 403


def test_comments_and_replies_through_htmx(
    submitted: Any, reviewers: dict[str, Any], developer: Any
) -> None:
    task = task_for(submitted, "unit:programme-support")
    url = f"/reviews/tasks/{task.pk}/comments/"
    response = client_for(reviewers["programme-support"]).post(
        url, {"section": "summary", "text": "Which women?"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Which women?" in response.content.decode()
    assert "<html" not in response.content.decode()  # the partial only
    root = ReviewComment.objects.get()
    client_for(developer).post(url, {"parent": root.pk, "text": "Returnees."})
    assert root.replies.get().text == "Returnees."
    empty = client_for(reviewers["programme-support"]).post(
        url, {"text": ""}, HTTP_HX_REQUEST="true"
    )
    assert empty.status_code == 422
    assert ReviewComment.objects.count() == 2


def test_the_checklist_form_records_an_override_with_a_note(
    submitted: Any, reviewers: dict[str, Any]
) -> None:
    task = task_for(submitted, "gfp")
    url = f"/reviews/tasks/{task.pk}/checklist/"
    client = client_for(reviewers["gfp"])
    refused = client.post(url, {"item": "gender-analysis", "ok": "yes"}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 422 and "say why" in refused.content.decode()
    done = client.post(
        url,
        {"item": "gender-analysis", "ok": "yes", "note": "In the annex."},
        HTTP_HX_REQUEST="true",
    )
    assert "overrides the suggestion" in done.content.decode()


def test_taking_a_review_over(
    submitted: Any, reviewers: dict[str, Any], hq: Any, budget_unit: Any
) -> None:
    second = factories.UserFactory(username="budget2")
    factories.RoleFactory(user=second, office=hq, kind="reviewer", department=budget_unit)
    task = task_for(submitted, "unit:budget")
    client_for(second).post(f"/reviews/tasks/{task.pk}/take/")
    task.refresh_from_db()
    assert task.assignee == second


def test_status_changes_by_hand_refuse_illegal_ones(submitted: Any, developer: Any) -> None:
    response = client_for(developer).post(
        f"/reviews/projects/{submitted.code}/status/", {"action": "activate"}, follow=True
    )
    assert "cannot be made active" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == "in_review"


def test_the_dashboard_shows_turnaround_and_overdue(
    submitted: Any, reviewers: dict[str, Any], colleague: Any
) -> None:
    ReviewTask.objects.filter(key="gfp").update(due_on=dt.date(2020, 1, 6))
    page = client_for(colleague).get("/reviews/dashboard/").content.decode()
    assert "Turnaround by reviewing unit" in page
    assert "West and Central Africa" in page and submitted.code in page


def test_the_inbox_query_count_does_not_grow_with_rows(
    reviewers: dict[str, Any],
    country_office: Any,
    developer: Any,
    django_assert_max_num_queries: Any,
) -> None:
    client = client_for(reviewers["budget"])

    def add(n: int) -> None:
        for _ in range(n):
            project = factories.ProjectFactory(executing_office=country_office)
            services.review_submit(project=project, actor=developer)

    add(2)
    client.get("/projects/")  # the session and the roles read once
    # Each submission moves the reviews revision, so both measured pages are drawn afresh
    # (and stored in the shared cache: one write).
    with django_assert_max_num_queries(16) as few:
        client.get("/reviews/")
    add(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/reviews/").content.decode()
    assert page.count("Budget Unit") == 10
    # Read again unchanged, the page is kept: the session, the user and the revisions.
    with django_assert_max_num_queries(4):
        assert client.get("/reviews/").content.decode().count("Budget Unit") == 10


def test_the_task_page_query_count_does_not_grow_with_comments(
    submitted: Any, reviewers: dict[str, Any], developer: Any, django_assert_max_num_queries: Any
) -> None:
    task = task_for(submitted, "unit:programme-support")
    client = client_for(reviewers["programme-support"])
    root = services.comment_add(task=task, actor=reviewers["programme-support"], text="One")
    client.get(f"/reviews/tasks/{task.pk}/")
    with django_assert_max_num_queries(40) as few:
        client.get(f"/reviews/tasks/{task.pk}/")
    for i in range(10):
        services.comment_add(task=task, actor=reviewers["programme-support"], text=f"c{i}")
        services.comment_add(task=task, actor=developer, text=f"r{i}", parent=root)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"/reviews/tasks/{task.pk}/")


def test_the_developer_sees_every_comment_on_the_project_page(
    submitted: Any, reviewers: dict[str, Any], developer: Any
) -> None:
    for key, name in (("unit:budget", "budget"), ("gfp", "gfp")):
        services.comment_add(
            task=task_for(submitted, key), actor=reviewers[name], text=f"Note from {name}"
        )
    page = client_for(developer).get(f"/reviews/projects/{submitted.code}/").content.decode()
    assert "Note from budget" in page and "Note from gfp" in page


def test_the_administrator_edits_routes_in_the_admin(administrator: Any) -> None:
    from pat.reviews.models import ReviewRoute

    client = client_for(administrator)
    assert client.get("/admin/reviews/reviewroute/").status_code == 200
    route = ReviewRoute.objects.get(name="Standard review")
    page = client.get(f"/admin/reviews/reviewroute/{route.pk}/change/").content.decode()
    assert "programme-support" in page
    assert client.get("/admin/reviews/reviewtask/").status_code == 200


def test_the_default_routes_ship_with_the_app(db: None) -> None:
    from pat.reviews.models import ReviewRoute

    standard = ReviewRoute.objects.get(name="Standard review")
    assert sorted((s.kind, s.department_id or "") for s in standard.steps.all()) == [
        ("gfp", ""),
        ("regional", ""),
        ("unit", "budget"),
        ("unit", "programme-support"),
    ]
    legal = ReviewRoute.objects.get(name="Legal review above USD 1 million")
    assert legal.budget_above == 1_000_000
    assert [s.department_id for s in legal.steps.all()] == ["legal"]


def test_a_regional_office_sees_its_region_first_and_may_see_all(
    submitted: Any, regional_reviewer: Any, other_office: Any, developer: Any
) -> None:
    ReviewTask.objects.filter(key="gfp").update(due_on=dt.date(2020, 1, 6))
    client = client_for(regional_reviewer)
    page = client.get("/reviews/dashboard/").content.decode()
    assert '<option value="WCA" selected>' in page and submitted.code in page
    assert submitted.code not in client.get("/reviews/dashboard/?region=SA").content.decode()
    assert submitted.code in client.get("/reviews/dashboard/?region=all").content.decode()


def test_an_administrator_assigns_from_the_task_page(
    submitted: Any, administrator: Any, reviewers: dict[str, Any], hq: Any, budget_unit: Any
) -> None:
    second = factories.UserFactory(username="budget2")
    factories.RoleFactory(user=second, office=hq, kind="reviewer", department=budget_unit)
    task = task_for(submitted, "unit:budget")
    client = client_for(administrator)
    assert 'name="assignee"' in client.get(f"/reviews/tasks/{task.pk}/").content.decode()
    client.post(f"/reviews/tasks/{task.pk}/assign/", {"assignee": second.pk})
    task.refresh_from_db()
    assert task.assignee == second
    refused = client.post(
        f"/reviews/tasks/{task.pk}/assign/", {"assignee": reviewers["gfp"].pk}, follow=True
    )
    assert "cannot review for Budget Unit" in refused.content.decode()
    assert (
        client_for(reviewers["budget"])
        .post(f"/reviews/tasks/{task.pk}/assign/", {"assignee": reviewers["budget"].pk})
        .status_code
        == 403
    )


def test_withdrawing_from_the_page(submitted: Any, developer: Any) -> None:
    client_for(developer).post(
        f"/reviews/projects/{submitted.code}/status/", {"action": "withdraw", "note": "No donor"}
    )
    submitted.refresh_from_db()
    assert submitted.status == "withdrawn"


def test_the_kept_inbox_shows_a_review_taken_decided_or_a_reviewer_renamed_at_once(
    submitted: Any, reviewers: dict[str, Any], developer: Any, hq: Any, budget_unit: Any
) -> None:
    budget = reviewers["budget"]
    colleague = factories.UserFactory(username="budget2", first_name="Lena", last_name="Okoro")
    factories.RoleFactory(user=colleague, office=hq, kind="reviewer", department=budget_unit)
    client = client_for(budget)
    task = task_for(submitted, "unit:budget")
    assert "Lena Okoro" not in client.get("/reviews/").content.decode()
    services.task_claim(task=task, actor=colleague)  # taken over by a colleague of the unit
    assert "Lena Okoro" in client.get("/reviews/").content.decode()
    colleague.last_name = "Okoro-Bello"
    colleague.save()
    assert "Lena Okoro-Bello" in client.get("/reviews/").content.decode()
    task.refresh_from_db()
    services.task_decide(task=task, actor=colleague, decision="endorse", note="")
    assert "No review waits for you." in client.get("/reviews/").content.decode()
    # The developer's submissions list follows the same revisions.
    assert submitted.code in client_for(developer).get("/reviews/").content.decode()
