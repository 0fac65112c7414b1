"""Roster import, flows, events and the parity services, against the database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from pat.staffing import figures, services
from pat.staffing.models import Flow, Snapshot, StaffCount, StaffRecord
from pat.staffing.parity import Status
from tests.staffing.conftest import crowd, load, roster

pytestmark = pytest.mark.django_db

D1 = dt.date(2023, 12, 31)
D2 = dt.date(2024, 12, 31)


def test_an_import_keeps_only_keyed_hashes_and_counts_every_cell(offices):
    outcome = load(crowd("a", 3, 2) + crowd("b", 1, 1, "GS-4", "co-ng"), D1)
    assert outcome.rows == 7
    snapshot = Snapshot.objects.get(as_of=D1)
    keys = set(StaffRecord.objects.filter(snapshot=snapshot).values_list("key", flat=True))
    assert services.staff_key("aF0") in keys
    assert not any("aF0" in key for key in keys)
    assert sum(StaffCount.objects.filter(snapshot=snapshot).values_list("count", flat=True)) == 7
    assert StaffRecord.objects.get(key=services.staff_key("bM0")).at_headquarters is False


def test_importing_a_date_again_replaces_that_snapshot_only(offices):
    load(crowd("a", 3, 2), D1)
    load(crowd("a", 3, 2), D2)
    load(crowd("z", 1, 1), D2)
    assert Snapshot.objects.get(as_of=D1).records.count() == 5
    assert Snapshot.objects.get(as_of=D2).records.count() == 2
    assert Snapshot.objects.count() == 2


def test_a_bad_file_imports_nothing_and_keeps_what_was_there(offices):
    load(crowd("a", 3, 2), D1)
    before = StaffRecord.objects.count()
    bad = roster(
        [("x1", "F", "P-4", "hq"), ("x2", "F", "P-99", "hq"), ("x1", "M", "P-4", "nowhere")]
    )
    outcome = services.snapshot_import(data=bad, filename="r.csv", as_of=D1)
    assert not outcome.ok
    assert {(p.row, p.column) for p in outcome.problems} == {
        (3, "grade"),
        (4, "staff_id"),
        (4, "office"),
    }
    assert StaffRecord.objects.count() == before
    assert Snapshot.objects.get(as_of=D1).records.count() == 5


def test_a_dry_run_reports_and_writes_nothing(offices):
    outcome = services.snapshot_import(
        data=roster(crowd("a", 1, 1)), filename="r.csv", as_of=D1, dry_run=True
    )
    assert outcome.ok and not outcome.written
    assert not Snapshot.objects.exists()


def test_flows_come_from_consecutive_snapshots(offices):
    load([("p1", "F", "P-3", "hq"), ("p2", "M", "P-4", "hq"), ("p3", "F", "P-4", "hq")], D1)
    load([("p1", "F", "P-4", "hq"), ("p2", "M", "P-4", "hq"), ("p4", "M", "P-2", "co-ng")], D2)
    kinds = sorted(Flow.objects.values_list("kind", "sex"))
    assert kinds == [("appointment", "M"), ("promotion", "F"), ("separation", "F")]
    promotion = Flow.objects.get(kind="promotion")
    assert (promotion.from_level.code, promotion.level.code) == ("P-3", "P-4")


def test_a_snapshot_imported_between_two_others_rederives_the_flows(offices):
    load([("p1", "F", "P-3", "hq")], dt.date(2020, 12, 31))
    load([("p1", "F", "P-5", "hq"), ("p2", "M", "P-3", "hq")], dt.date(2022, 12, 31))
    load([("p1", "F", "P-4", "hq")], dt.date(2021, 12, 31))
    flows = sorted(Flow.objects.values_list("on", "kind"))
    assert flows == [
        (dt.date(2021, 12, 31), "promotion"),
        (dt.date(2022, 12, 31), "appointment"),
        (dt.date(2022, 12, 31), "promotion"),
    ]


def test_events_replace_derived_flows_for_their_period(offices):
    load(crowd("a", 6, 6), D1)
    load(crowd("a", 6, 5) + crowd("n", 6, 0), D2)
    events = (
        b"staff_id,date,event,sex,grade,office,appointment\n"
        + b"".join(
            f"e{i},2024-03-0{i + 1},appointment,F,P-4,hq,fixed-term\n".encode() for i in range(7)
        )
        + b"e0,2024-06-01,promotion,F,P-5,hq,fixed-term\n"
    )
    outcome = services.events_import(data=events, filename="events.csv")
    assert outcome.ok and outcome.flows == 8
    rows = figures.flow_rows(start=D1, end=D2, by="year")
    assert rows[0].counts["appointment"].women == 7
    assert rows[0].counts["separation"].men == 0  # the derived separation is not counted


def test_bad_events_import_nothing(offices):
    outcome = services.events_import(
        data=b"staff_id,date,event,sex,grade,office,appointment\ne1,soon,hired?,F,P-4,hq,ft\n",
        filename="events.csv",
    )
    assert {p.column for p in outcome.problems} == {"date", "event"}
    assert not Flow.objects.exists()


def test_the_worked_case_gives_nine_women_needed(offices):
    load(crowd("a", 15, 36, "P-4"), D2)
    rows = services.parity_rows(as_of=D2, by="grade")
    assert rows == [
        {
            "group": "P-4",
            "label": "P-4",
            "women": 15,
            "men": 36,
            "other": 0,
            "total": 51,
            "share": 29.4,
            "status": "women_under",
            "women_needed": 9,
            "rate": None,
            "projected_year": None,
            "required_pace": None,
            "on_track": None,
        }
    ]


def test_rate_projection_and_pace_follow_the_history(offices):
    from pat.staffing.models import LevelGroup, Target

    Target.objects.create(group=LevelGroup.objects.get(code="professional"), share=50, year=2029)
    load(crowd("a", 30, 70), dt.date(2019, 12, 31))
    load(crowd("a", 40, 60), dt.date(2024, 12, 31))
    (row,) = services.parity_rows(as_of=None, by="office")
    assert row["rate"] == pytest.approx(2.0, abs=0.01)
    assert row["projected_year"] == 2028  # 2024.997 + 7 / 2
    assert row["required_pace"] == pytest.approx(2.0, abs=0.01)  # 10 points in 5 years
    assert row["group"] == "hq"


def test_colleagues_see_small_counts_suppressed_and_hr_sees_them(offices, focal_point, hr_officer):
    people = crowd("a", 30, 40) + crowd("b", 3, 9, office="co-ng")
    load(people + crowd("c", 8, 9, office="co-pe"), D2)
    full = {r["group"]: r for r in services.parity_rows(as_of=D2, by="office", viewer=hr_officer)}
    assert full["co-ng"]["women"] == 3
    shown = {r["group"]: r for r in services.parity_rows(as_of=D2, by="office", viewer=focal_point)}
    assert shown["co-ng"]["women"] == "<5"
    assert shown["co-ng"]["share"] is None and shown["co-ng"]["status"] is None
    # the complement: another woman count in the column goes too, so 3 cannot be worked out
    assert shown["co-pe"]["women"] == "<5" or shown["hq"]["women"] == "<5"


def test_representation_answers_for_a_level_and_an_office(offices):
    load(crowd("a", 2, 10, "P-5") + crowd("b", 5, 5, "P-5", "co-ng"), D1)
    assert services.representation(level="P-5", office_code=None, on=D2) == Status.WOMEN_UNDER
    assert services.representation(level="P-5", office_code="co-ng", on=D2) == Status.PARITY
    assert services.representation(level="D-1", office_code=None, on=D2) is None
    assert services.representation(level="P-5", office_code=None, on=dt.date(2000, 1, 1)) is None


def test_the_command_imports_checks_and_refuses(offices, tmp_path: Path, capsys):
    path = tmp_path / "roster.csv"
    path.write_bytes(roster(crowd("a", 2, 2)))
    call_command("staff", "import", str(path), "--as-of", "2024-12-31", "--dry-run")
    assert "dry run" in capsys.readouterr().out
    assert not Snapshot.objects.exists()
    call_command("staff", "import", str(path), "--as-of", "2024-12-31")
    assert Snapshot.objects.get().rows == 4
    path.write_bytes(roster([("x", "Q", "P-4", "hq")]))
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("staff", "import", str(path), "--as-of", "2024-12-31")
    assert Snapshot.objects.get().rows == 4
