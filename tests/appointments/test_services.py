"""The board's workflow through its services: special measures from the staffing figures,
justification, review, decision, history, locking, and the purge."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command

from pat.appointments import services
from pat.appointments.models import Candidate, Case, CaseEvent, StageChange
from pat.core.locking import EditConflict
from tests.appointments.conftest import ROSTER_DAY

ON = ROSTER_DAY + dt.timedelta(days=10)


def open_case(vacancy: Any, hr: Any) -> Case:
    return services.case_open(vacancy=vacancy, actor=hr, on=ON)


def recommend(case: Case, who: Any, candidate: Any) -> Case:
    return services.case_recommend(
        case=case, actor=who, version=case.version, candidate=candidate, text="Ranked first."
    )


def test_special_measures_follow_the_staffing_figures_on_the_date_of_the_case(
    vacancy, hr_officer, women_under
):
    case = open_case(vacancy, hr_officer)
    assert case.special_measures is True
    assert case.level_status == "women_under"
    assert CaseEvent.objects.get(case=case).code == "special_measures"


def test_no_special_measures_at_parity_or_before_any_roster(
    vacancy, hr_officer, at_parity, levels, country_office
):
    assert open_case(vacancy, hr_officer).special_measures is False
    from tests.appointments.conftest import make_vacancy

    early = make_vacancy(country_office, levels["P-4"], reference="VN 2025/001")
    case = services.case_open(vacancy=early, actor=hr_officer, on=dt.date(2020, 1, 1))
    assert case.special_measures is False


def test_the_threshold_setting_reads_the_share(vacancy, hr_officer, at_parity, settings):
    settings.PAT_APB_RULES = {"threshold": 60}
    assert open_case(vacancy, hr_officer).special_measures is True


def test_a_man_over_a_qualified_woman_waits_for_justification_and_review(
    vacancy, hr_officer, women_under, shortlist, focal_point, administrator
):
    case = recommend(open_case(vacancy, hr_officer), hr_officer, shortlist["man"])
    assert case.stage == "needs_justification"
    with pytest.raises(services.AppointmentError, match="cannot decide yet"):
        services.case_decide(
            case=case, actor=administrator, version=case.version, decision="approve"
        )
    with pytest.raises(services.AppointmentError, match="once the written justification"):
        services.case_review(
            case=case, actor=focal_point, version=case.version, verdict="concur", text=""
        )
    case = services.case_justify(
        case=case, actor=hr_officer, version=case.version, text="Substantially superior."
    )
    assert case.stage == "needs_review"
    with pytest.raises(services.AppointmentError):
        services.case_decide(case=case, actor=administrator, version=case.version, decision="defer")
    with pytest.raises(services.AppointmentError, match="Write the"):
        services.case_review(
            case=case, actor=focal_point, version=case.version, verdict="object", text=" "
        )
    case = services.case_review(
        case=case, actor=focal_point, version=case.version, verdict="object", text="Not shown."
    )
    assert case.stage == "ready"
    case = services.case_decide(
        case=case, actor=administrator, version=case.version, decision="return", note="Redo."
    )
    assert case.stage == "returned"
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == ["opened", "recommended", "justified", "reviewed", "decided"]
    assert case.events.get(kind="reviewed").code == "object"


def test_recommending_a_woman_needs_no_justification(
    vacancy, hr_officer, women_under, shortlist, administrator
):
    case = recommend(open_case(vacancy, hr_officer), hr_officer, shortlist["woman"])
    assert case.stage == "ready"
    case = services.case_decide(
        case=case, actor=administrator, version=case.version, decision="approve"
    )
    selected = Candidate.objects.get(pk=shortlist["woman"].pk)
    assert selected.stage == "selected"
    assert list(
        StageChange.objects.filter(candidate=selected).values_list("to_stage", flat=True)
    ) == ["selected", "recommended"]


def test_a_returned_case_comes_back_with_a_new_recommendation(
    vacancy, hr_officer, at_parity, shortlist, administrator
):
    case = recommend(open_case(vacancy, hr_officer), hr_officer, shortlist["man"])
    case = services.case_decide(
        case=case, actor=administrator, version=case.version, decision="return"
    )
    case = recommend(case, hr_officer, shortlist["woman"])
    assert case.stage == "ready" and case.decision == ""
    # the man recommended first goes back to interviewed, in his history
    assert Candidate.objects.get(pk=shortlist["man"].pk).stage == "interviewed"


def test_a_stale_case_edit_writes_nothing(vacancy, hr_officer, women_under, shortlist):
    case = recommend(open_case(vacancy, hr_officer), hr_officer, shortlist["man"])
    stale = case.version - 1
    with pytest.raises(EditConflict):
        services.case_justify(case=case, actor=hr_officer, version=stale, text="Late.")
    case.refresh_from_db()
    assert case.justification == ""


def test_a_vacancy_goes_to_the_board_once(vacancy, hr_officer, at_parity):
    open_case(vacancy, hr_officer)
    with pytest.raises(services.AppointmentError, match="already"):
        open_case(vacancy, hr_officer)


def test_a_draft_vacancy_takes_no_candidates(country_office, levels, hr_officer):
    from tests.appointments.conftest import make_vacancy

    draft = make_vacancy(country_office, levels["P-4"], state="draft")
    with pytest.raises(services.AppointmentError):
        services.candidate_add(vacancy=draft, actor=hr_officer, name="A", sex="female")
    assert not Candidate.objects.exists()


def test_a_stage_change_is_a_history_row(vacancy, hr_officer):
    c = services.candidate_add(vacancy=vacancy, actor=hr_officer, name="Rosa Quispe", sex="female")
    services.candidate_update(candidate=c, actor=hr_officer, version=c.version, stage="long_listed")
    rows = list(StageChange.objects.filter(candidate=c).values_list("from_stage", "to_stage"))
    assert rows == [("applied", "long_listed"), ("", "applied")]


def test_the_purge_anonymises_candidates_of_vacancies_filled_long_ago(
    vacancy, shortlist, hr_officer, capsys
):
    from django.utils import timezone

    from pat.recruitment.models import VacancyEvent

    vacancy.state = "filled"
    vacancy.save()
    VacancyEvent.objects.create(
        vacancy=vacancy,
        action="moved",
        from_state="closed",
        to_state="filled",
        at=timezone.now() - dt.timedelta(days=200),
    )
    call_command("recruitment_purge", "--days", "365")
    assert Candidate.objects.filter(anonymised_at__isnull=True).count() == 4
    call_command("recruitment_purge", "--days", "180")
    assert "4 candidate records anonymised" in capsys.readouterr().out
    man = Candidate.objects.get(pk=shortlist["man"].pk)
    assert man.name == f"#{man.pk}" and man.email == "" and man.sex == "male"
    assert man.stage == "interviewed"  # the funnel keeps its counts
    with pytest.raises(services.AppointmentError):
        services.candidate_update(candidate=man, actor=hr_officer, version=man.version, name="X")


def test_the_purge_leaves_open_vacancies_alone(vacancy, shortlist):
    assert services.candidates_purge(days=0) == 0
