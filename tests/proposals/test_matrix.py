"""The one results matrix editor, on the builder and on the project's results page alike:
every button saves everything typed, without JavaScript; same rules, lock and history."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from pat.projects.models import AgeBandSet, Indicator, ProjectChange, ResultNode

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


# Every test runs on both pages: they are one editor.
PAGES = {"builder": "/proposals/{code}/results/", "project page": "/projects/{code}/results/"}
_page = ["builder"]


@pytest.fixture(autouse=True, params=list(PAGES))
def editor(request: Any) -> str:
    _page[0] = request.param
    return str(request.param)


def url(project: Any) -> str:
    return PAGES[_page[0]].format(code=project.code)


def form_data(client: Client, project: Any) -> dict[str, Any]:
    """What the browser would post: every field of the page as rendered."""
    from html.parser import HTMLParser

    fields: dict[str, Any] = {}

    class Parser(HTMLParser):
        textarea: str | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            name = a.get("name")
            if tag == "input" and name and a.get("type") not in ("submit",):
                if a.get("type") == "checkbox":
                    if "checked" in a:
                        fields[name] = "on"
                else:
                    fields[name] = a.get("value") or ""
            elif tag == "textarea" and name:
                self.textarea = name
                fields[name] = ""
            elif tag == "select" and name:
                self.select = name
            elif tag == "option" and "selected" in a:
                fields[self.select] = a.get("value")

        def handle_data(self, data: str) -> None:
            if self.textarea:
                fields[self.textarea] += data

        def handle_endtag(self, tag: str) -> None:
            if tag == "textarea":
                self.textarea = None

    Parser().feed(client.get(url(project)).content.decode())
    return fields


def post(client: Client, project: Any, action: str = "", **changes: Any) -> Any:
    data = form_data(client, project)
    data.update(changes)
    data["action"] = action
    return client.post(url(project), data)


def test_a_developer_builds_a_matrix_on_one_page(developer: Any, project: Any) -> None:
    client = client_for(developer)
    response = post(client, project, "add-outcome", **{"new-outcome": "Women migrants are safer"})
    assert response.status_code == 302
    outcome = ResultNode.objects.get(project=project, code="OC1")
    post(client, project, f"add-child:{outcome.pk}", **{f"new-{outcome.pk}": "Shelters run"})
    output = ResultNode.objects.get(project=project, code="OP1.1")
    post(client, project, f"add-child:{output.pk}", **{f"new-{output.pk}": "Train women staff"})
    assert ResultNode.objects.get(project=project, code="A1.1.1").statement == "Train women staff"
    post(
        client,
        project,
        f"add-indicator:{output.pk}",
        **{f"newind-{output.pk}": "Number of women and girls sheltered"},
    )
    indicator = Indicator.objects.get(result=output)
    band_set = AgeBandSet.objects.get(code="children-adults")
    bands = list(band_set.bands.order_by("min_age"))
    response = post(
        client,
        project,
        "",
        **{
            f"ind-{indicator.pk}-counts": "on",
            f"ind-{indicator.pk}-bandset": str(band_set.pk),
            f"ind-{indicator.pk}-target": "300",
            f"ind-{indicator.pk}-cell-female-{bands[0].pk}": "100",
            f"ind-{indicator.pk}-cell-female-{bands[1].pk}": "180",
            f"ind-{indicator.pk}-cell-male-{bands[0].pk}": "20",
            f"row-{outcome.pk}-assumptions": "Authorities cooperate",
        },
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.counts_people and indicator.target_value == 300
    assert indicator.values.filter(kind="target").count() == 3
    outcome.refresh_from_db()
    assert outcome.assumptions == "Authorities cooperate"


def test_targets_that_do_not_add_up_save_nothing_and_say_by_how_much(
    developer: Any, project: Any
) -> None:
    client = client_for(developer)
    post(client, project, "add-outcome", **{"new-outcome": "Outcome"})
    outcome = ResultNode.objects.get(project=project)
    post(
        client, project, f"add-indicator:{outcome.pk}", **{f"newind-{outcome.pk}": "People reached"}
    )
    indicator = Indicator.objects.get(result=outcome)
    band_set = AgeBandSet.objects.get(code="children-adults")
    band = band_set.bands.order_by("min_age").first()
    assert band is not None
    response = post(
        client,
        project,
        "",
        **{
            f"ind-{indicator.pk}-counts": "on",
            f"ind-{indicator.pk}-bandset": str(band_set.pk),
            f"ind-{indicator.pk}-target": "320",
            f"ind-{indicator.pk}-cell-female-{band.pk}": "310",
            f"row-{outcome.pk}-statement": "A renamed outcome",
        },
    )
    assert response.status_code == 400
    assert "add up to 310, not 320 (-10)" in response.content.decode()
    outcome.refresh_from_db()
    indicator.refresh_from_db()
    assert outcome.statement == "Outcome"
    assert not indicator.counts_people
    # What was typed stays on the page.
    assert "A renamed outcome" in response.content.decode()


def test_a_counting_indicator_without_cells_is_refused_at_its_field(
    developer: Any, project: Any
) -> None:
    client = client_for(developer)
    post(client, project, "add-outcome", **{"new-outcome": "Outcome"})
    outcome = ResultNode.objects.get(project=project)
    post(client, project, f"add-indicator:{outcome.pk}", **{f"newind-{outcome.pk}": "People"})
    indicator = Indicator.objects.get(result=outcome)
    response = post(client, project, "", **{f"ind-{indicator.pk}-counts": "on"})
    assert response.status_code == 400
    assert "Give the targets by sex and age" in response.content.decode()


def test_rows_move_up_and_down_and_codes_follow(developer: Any, project: Any) -> None:
    client = client_for(developer)
    post(client, project, "add-outcome", **{"new-outcome": "First"})
    post(client, project, "add-outcome", **{"new-outcome": "Second"})
    second = ResultNode.objects.get(project=project, statement="Second")
    assert second.code == "OC2"
    post(client, project, f"up:{second.pk}")
    second.refresh_from_db()
    assert second.code == "OC1"
    assert ResultNode.objects.get(project=project, statement="First").code == "OC2"
    post(client, project, f"down:{second.pk}")
    second.refresh_from_db()
    assert second.code == "OC2"


def test_removing_a_row_and_an_indicator(developer: Any, project: Any) -> None:
    client = client_for(developer)
    post(client, project, "add-outcome", **{"new-outcome": "First"})
    outcome = ResultNode.objects.get(project=project)
    post(client, project, f"add-indicator:{outcome.pk}", **{f"newind-{outcome.pk}": "A"})
    indicator = Indicator.objects.get(result=outcome)
    post(client, project, f"remove-indicator:{indicator.pk}")
    assert not Indicator.objects.filter(pk=indicator.pk).exists()
    post(client, project, f"remove:{outcome.pk}", **{"confirm-remove": str(outcome.pk)})
    assert not ResultNode.objects.filter(project=project).exists()
    assert ProjectChange.objects.filter(project=project, action="results").exists()


def test_an_empty_new_row_gets_a_message_at_its_field(developer: Any, project: Any) -> None:
    response = post(client_for(developer), project, "add-outcome", **{"new-outcome": " "})
    assert response.status_code == 400
    assert "Write the statement of the new row first." in response.content.decode()


def test_a_stale_matrix_page_is_refused(developer: Any, project: Any) -> None:
    client = client_for(developer)
    stale = form_data(client, project)
    post(client, project, "add-outcome", **{"new-outcome": "First"})
    stale.update({"action": "add-outcome", "new-outcome": "Second"})
    response = client.post(url(project), stale)
    assert response.status_code == 409
    assert ResultNode.objects.filter(project=project).count() == 1


def test_indicators_move_up_and_down(developer: Any, project: Any) -> None:
    client = client_for(developer)
    post(client, project, "add-outcome", **{"new-outcome": "Outcome"})
    outcome = ResultNode.objects.get(project=project)
    for name in ("First", "Second"):
        post(client, project, f"add-indicator:{outcome.pk}", **{f"newind-{outcome.pk}": name})
    second = Indicator.objects.get(result=outcome, statement="Second")
    response = post(client, project, f"indicator-up:{second.pk}")
    assert response["Location"].endswith(f"#indicator-{second.pk}")
    assert [i.statement for i in outcome.indicators.order_by("order")] == ["Second", "First"]
    post(client, project, f"indicator-down:{second.pk}")
    assert [i.statement for i in outcome.indicators.order_by("order")] == ["First", "Second"]


def test_a_save_on_one_page_is_not_overwritten_by_a_stale_other_page(
    developer: Any, project: Any, editor: str
) -> None:
    client = client_for(developer)
    post(client, project, "add-outcome", **{"new-outcome": "Women migrants are safer"})
    outcome = ResultNode.objects.get(project=project, code="OC1")
    stale = form_data(client, project)  # this page as it was opened
    other = "project page" if editor == "builder" else "builder"
    _page[0] = other
    post(client, project, "", **{f"row-{outcome.pk}-statement": "Renamed elsewhere"})
    _page[0] = editor
    stale[f"row-{outcome.pk}-statement"] = "Women migrants are safer (stale)"
    response = client.post(url(project), stale)
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    outcome.refresh_from_db()
    assert outcome.statement == "Renamed elsewhere"


def test_every_typed_edit_is_in_the_history_also_when_a_row_is_added(
    developer: Any, project: Any
) -> None:
    client = client_for(developer)
    post(client, project, "add-outcome", **{"new-outcome": "First"})
    first = ResultNode.objects.get(project=project)
    post(
        client,
        project,
        "add-outcome",
        **{"new-outcome": "Second", f"row-{first.pk}-statement": "First, renamed"},
    )
    change = ProjectChange.objects.filter(project=project, action="results").latest("id")
    assert change.changes == {"OC1": ["First", "First, renamed"], "OC2": [None, "Second"]}


def test_people_are_counted_in_whole_numbers(developer: Any, project: Any) -> None:
    client = client_for(developer)
    post(client, project, "add-outcome", **{"new-outcome": "Outcome"})
    outcome = ResultNode.objects.get(project=project)
    post(client, project, f"add-indicator:{outcome.pk}", **{f"newind-{outcome.pk}": "People"})
    indicator = Indicator.objects.get(result=outcome)
    band_set = AgeBandSet.objects.get(code="children-adults")
    band = band_set.bands.order_by("min_age").first()
    assert band is not None
    response = post(
        client,
        project,
        "",
        **{
            f"ind-{indicator.pk}-counts": "on",
            f"ind-{indicator.pk}-bandset": str(band_set.pk),
            f"ind-{indicator.pk}-cell-female-{band.pk}": "2.5",
        },
    )
    assert response.status_code == 400
    assert "Enter a whole number." in response.content.decode()
    indicator.refresh_from_db()
    assert not indicator.counts_people and not indicator.values.exists()


def test_choosing_other_age_bands_keeps_everything_typed_and_saves_nothing(
    developer: Any, project: Any
) -> None:
    client = client_for(developer)
    post(client, project, "add-outcome", **{"new-outcome": "Outcome"})
    outcome = ResultNode.objects.get(project=project)
    for name in ("First", "Second"):
        post(client, project, f"add-indicator:{outcome.pk}", **{f"newind-{outcome.pk}": name})
    first, second = Indicator.objects.filter(result=outcome).order_by("order")
    four = AgeBandSet.objects.get(code="four-bands")
    adults = AgeBandSet.objects.get(code="children-adults")
    band = adults.bands.order_by("min_age").first()
    assert band is not None
    response = post(
        client,
        project,
        "show",
        **{
            f"ind-{first.pk}-bandset": str(four.pk),
            f"ind-{first.pk}-statement": "First, typed",
            f"ind-{second.pk}-counts": "on",
            f"ind-{second.pk}-bandset": str(adults.pk),
            f"ind-{second.pk}-cell-female-{band.pk}": "42",
            f"row-{outcome.pk}-assumptions": "Typed assumption",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "First, typed" in page and "Typed assumption" in page
    assert f'name="ind-{second.pk}-cell-female-{band.pk}" value="42"' in page
    four_band = four.bands.order_by("min_age").first()
    assert four_band is not None
    assert f'name="ind-{first.pk}-cell-female-{four_band.pk}"' in page
    first.refresh_from_db()
    assert first.statement == "First" and first.band_set_id != four.pk


def test_the_api_and_the_project_page_show_rows_in_tree_order(developer: Any, project: Any) -> None:
    client = client_for(developer)
    post(client, project, "add-outcome", **{"new-outcome": "One"})
    post(client, project, "add-outcome", **{"new-outcome": "Two"})
    one = ResultNode.objects.get(project=project, code="OC1")
    two = ResultNode.objects.get(project=project, code="OC2")
    post(client, project, f"add-child:{one.pk}", **{f"new-{one.pk}": "One-a"})
    post(client, project, f"add-child:{two.pk}", **{f"new-{two.pk}": "Two-a"})
    post(client, project, f"add-child:{one.pk}", **{f"new-{one.pk}": "One-b"})
    body = client.get(f"/api/v1/projects/{project.code}").json()
    assert [r["code"] for r in body["results"]] == ["OC1", "OP1.1", "OP1.2", "OC2", "OP2.1"]
    assert body["results"][2]["parent"] == "OC1"
    page = client.get(project.get_absolute_url()).content.decode()
    order = [page.index(f">{code}<") for code in ("OC1", "OP1.1", "OP1.2", "OC2", "OP2.1")]
    assert order == sorted(order)


def test_an_indicator_s_direction_and_dates_are_edited_in_the_matrix(
    developer: Any, project: Any
) -> None:
    client = client_for(developer)
    post(client, project, "add-outcome", **{"new-outcome": "Outcome"})
    outcome = ResultNode.objects.get(project=project)
    post(client, project, f"add-indicator:{outcome.pk}", **{f"newind-{outcome.pk}": "Rate"})
    indicator = Indicator.objects.get(result=outcome)
    response = post(
        client,
        project,
        "",
        **{
            f"ind-{indicator.pk}-direction": "decrease",
            f"ind-{indicator.pk}-baseline-date": "2026-01-15",
            f"ind-{indicator.pk}-target-date": "2027-12-31",
        },
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.direction == "decrease"
    assert str(indicator.baseline_date) == "2026-01-15"
    assert str(indicator.target_date) == "2027-12-31"
    page = client.get(url(project)).content.decode()
    assert 'value="2027-12-31"' in page


def test_removing_a_row_asks_first_and_keeps_what_was_typed(developer: Any, project: Any) -> None:
    client = client_for(developer)
    post(client, project, "add-outcome", **{"new-outcome": "First"})
    outcome = ResultNode.objects.get(project=project)
    post(client, project, f"add-child:{outcome.pk}", **{f"new-{outcome.pk}": "Under it"})
    post(client, project, f"add-indicator:{outcome.pk}", **{f"newind-{outcome.pk}": "A"})
    asked = post(
        client, project, f"remove:{outcome.pk}", **{f"row-{outcome.pk}-statement": "First, typed"}
    )
    assert asked.status_code == 200
    page = asked.content.decode()
    assert "Remove OC1?" in page
    assert "The row under it is removed too." in page
    assert "One indicator and its targets are removed." in page
    assert f'name="confirm-remove" value="{outcome.pk}"' in page
    assert "First, typed" in page  # nothing typed is lost while asking
    assert ResultNode.objects.filter(project=project).count() == 2
    outcome.refresh_from_db()
    assert outcome.statement == "First"  # and nothing was saved
    # Keeping it saves what was typed; answering yes removes it.
    post(client, project, "", **{"confirm-remove": str(outcome.pk)})
    assert ResultNode.objects.filter(project=project).count() == 2
    post(client, project, f"remove:{outcome.pk}", **{"confirm-remove": str(outcome.pk)})
    assert not ResultNode.objects.filter(project=project).exists()
