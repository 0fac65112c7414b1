"""Creating and editing projects: history, optimistic locking, field-level errors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from pat.core.locking import EditConflict
from pat.projects import services
from pat.projects.models import AgeBandSet, Project, ProjectChange, ProjectType
from tests import factories as results

pytestmark = pytest.mark.django_db


def form_data(project: Project, **changes: Any) -> dict[str, Any]:
    data = {
        "title": project.title,
        "executing_office": project.executing_office_id,
        "project_type": project.project_type_id,
        "status": project.status,
        "currency": project.currency,
        "summary": project.summary,
        "rationale": project.rationale,
        "objective": project.objective,
        "version": project.version,
    }
    data.update(changes)
    return data


def test_a_developer_creates_a_project_and_joins_its_team(
    developer: Any, country_office: Any
) -> None:
    client = Client()
    client.force_login(developer)
    response = client.post(
        reverse("projects:create"),
        {
            "code": "CT.0101",
            "title": "Safe migration for women domestic workers",
            "executing_office": country_office.pk,
            "project_type": ProjectType.objects.get(code="labour-mobility").pk,
            "status": "concept",
            "countries": ["NG", "NE"],
            "currency": "EUR",
            "budget": "250000.00",
            "summary": "Pre-departure orientation for women recruited abroad.",
        },
    )
    assert response.status_code == 302
    project = Project.objects.get(code="CT.0101")
    assert project.team.filter(pk=developer.pk).exists()
    assert project.region == "WCA"
    assert project.budget == Decimal("250000.00")
    assert project.changes.get().action == ProjectChange.Action.CREATED


def test_an_edit_is_recorded_with_who_and_what(developer: Any, project: Any) -> None:
    client = Client()
    client.force_login(developer)
    response = client.post(
        reverse("projects:edit", args=[project.code]), form_data(project, title="New title")
    )
    assert response.status_code == 302
    change = project.changes.filter(action="updated").get()
    assert change.actor == developer
    assert change.changes["title"] == [project.title, "New title"]
    page = client.get(project.get_absolute_url()).content.decode()
    assert "New title" in page and "developer" in page


def test_two_people_editing_the_same_version_never_overwrite_each_other(
    developer: Any, project: Any
) -> None:
    first, second = Client(), Client()
    first.force_login(developer)
    second.force_login(developer)
    stale = form_data(project)
    assert (
        first.post(
            reverse("projects:edit", args=[project.code]), {**stale, "title": "First"}
        ).status_code
        == 302
    )
    response = second.post(
        reverse("projects:edit", args=[project.code]), {**stale, "title": "Second"}
    )
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    project.refresh_from_db()
    assert project.title == "First"
    assert project.version == 2


def test_the_service_refuses_a_stale_version_and_writes_nothing(
    developer: Any, project: Any
) -> None:
    services.project_update(
        project=project, actor=developer, expected_version=1, fields={"title": "A"}
    )
    with pytest.raises(EditConflict):
        services.project_update(
            project=project, actor=developer, expected_version=1, fields={"title": "B"}
        )
    project.refresh_from_db()
    assert project.title == "A"
    assert project.changes.filter(action="updated").count() == 1


def test_malformed_input_gets_field_errors_and_changes_nothing(
    developer: Any, project: Any
) -> None:
    client = Client()
    client.force_login(developer)
    response = client.post(
        reverse("projects:edit", args=[project.code]),
        form_data(
            project, budget="lots", start_date="2026-05-01", end_date="2025-01-01", currency="XXX1"
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "budget" in errors and "currency" in errors
    project.refresh_from_db()
    assert project.version == 1
    assert not project.changes.filter(action="updated").exists()


def test_an_end_date_before_the_start_is_refused(developer: Any, project: Any) -> None:
    client = Client()
    client.force_login(developer)
    response = client.post(
        reverse("projects:edit", args=[project.code]),
        form_data(project, start_date="2026-05-01", end_date="2025-01-01"),
    )
    assert "end_date" in response.context["form"].errors


def test_results_rows_are_numbered_from_their_place_in_the_tree(
    developer: Any, project: Any
) -> None:
    outcome = results.result_add(
        project=project, actor=developer, parent=None, statement="Women access services"
    )
    output = results.result_add(
        project=project, actor=developer, parent=outcome, statement="Staff trained"
    )
    results.result_add(project=project, actor=developer, parent=output, statement="Run training")
    second = results.result_add(
        project=project, actor=developer, parent=outcome, statement="Information given"
    )
    assert [n.code for n in project.results.order_by("code")] == ["A1.1.1", "OC1", "OP1.1", "OP1.2"]
    results.result_remove(node=output, actor=developer)
    second.refresh_from_db()
    assert second.code == "OP1.1"
    assert project.results.count() == 2


def test_an_indicator_that_counts_people_needs_targets_by_sex_and_age(
    developer: Any, project: Any
) -> None:
    from django.core.exceptions import ValidationError

    outcome = results.result_add(project=project, actor=developer, parent=None, statement="Outcome")
    band_set = AgeBandSet.objects.get(code="children-adults")
    bands = list(band_set.bands.order_by("min_age"))
    fields = {"statement": "People assisted", "counts_people": True, "band_set": band_set}
    with pytest.raises(ValidationError):
        results.indicator_add(result=outcome, actor=developer, fields=fields, targets={})
    indicator = results.indicator_add(
        result=outcome,
        actor=developer,
        fields=fields,
        targets={("female", bands[0].pk): Decimal(10), ("male", bands[1].pk): Decimal(5)},
    )
    assert indicator.target_value == Decimal(15)
    assert indicator.values.count() == 2


def test_targets_that_do_not_add_up_are_refused(developer: Any, project: Any) -> None:
    from django.core.exceptions import ValidationError

    outcome = results.result_add(project=project, actor=developer, parent=None, statement="Outcome")
    band_set = AgeBandSet.objects.get(code="children-adults")
    band = band_set.bands.first()
    with pytest.raises(ValidationError):
        results.indicator_add(
            result=outcome,
            actor=developer,
            fields={
                "statement": "People",
                "counts_people": True,
                "band_set": band_set,
                "target_value": Decimal(99),
            },
            targets={("female", band.pk): Decimal(10)},
        )
    assert not outcome.indicators.exists()


def test_beneficiaries_are_saved_by_sex_and_age(developer: Any, project: Any) -> None:
    client = Client()
    client.force_login(developer)
    band_set = AgeBandSet.objects.get(code="four-bands")
    bands = list(band_set.bands.order_by("min_age"))
    data = {
        "version": project.version,
        "kind": "planned",
        "band_set": band_set.pk,
        f"cell_female_{bands[2].pk}": "120",
        f"cell_male_{bands[2].pk}": "80",
        f"cell_unknown_{bands[0].pk}": "3",
    }
    assert (
        client.post(reverse("projects:beneficiaries", args=[project.code]), data).status_code == 302
    )
    assert sum(project.beneficiaries.values_list("count", flat=True)) == 203
    assert (
        client.post(
            reverse("projects:beneficiaries", args=[project.code]),
            {**data, f"cell_male_{bands[2].pk}": "-4"},
        ).status_code
        == 400
    )
    assert sum(project.beneficiaries.values_list("count", flat=True)) == 203


def test_reindexing_a_large_matrix_takes_a_fixed_number_of_queries(
    developer: Any, project: Any, django_assert_max_num_queries: Any
) -> None:
    outcome = results.result_add(project=project, actor=developer, parent=None, statement="O")
    for i in range(15):
        output = results.result_add(
            project=project, actor=developer, parent=outcome, statement=f"Output {i}"
        )
        results.indicator_add(result=output, actor=developer, fields={"statement": f"I {i}"})
    with django_assert_max_num_queries(6):
        services.project_reindex(project=project)
    assert "Output 14" in project.search_document and "I 14" in project.search_document


def test_editing_cannot_move_a_project_past_draft(developer: Any, project: Any) -> None:
    client = Client()
    client.force_login(developer)
    response = client.post(
        reverse("projects:edit", args=[project.code]), form_data(project, status="endorsed")
    )
    assert response.status_code == 200
    assert "status" in response.context["form"].errors
    project.refresh_from_db()
    assert project.status == "concept"


def test_a_project_in_review_keeps_its_status_when_edited(developer: Any, project: Any) -> None:
    Project.objects.filter(pk=project.pk).update(status="in_review")
    project.refresh_from_db()
    client = Client()
    client.force_login(developer)
    response = client.post(
        reverse("projects:edit", args=[project.code]),
        form_data(project, status="active", title="Renamed in review"),
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.status, project.title) == ("in_review", "Renamed in review")
