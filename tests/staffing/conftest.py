from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pat.staffing import services

HEADER = "staff_id,sex,grade,office,appointment,birth_year\n"


def roster(rows: list[tuple[str, str, str, str]], appointment: str = "fixed-term") -> bytes:
    """CSV bytes: (staff id, sex, grade, office code) per row."""
    lines = [f"{i},{s},{g},{o},{appointment},1980" for i, s, g, o in rows]
    return (HEADER + "\n".join(lines) + "\n").encode()


def crowd(prefix: str, women: int, men: int, grade: str = "P-4", office: str = "hq"):
    return [(f"{prefix}F{i}", "F", grade, office) for i in range(women)] + [
        (f"{prefix}M{i}", "M", grade, office) for i in range(men)
    ]


def load(rows: list[tuple[str, str, str, str]], day: dt.date) -> services.ImportOutcome:
    outcome = services.snapshot_import(data=roster(rows), filename="roster.csv", as_of=day)
    assert outcome.ok, [p.message for p in outcome.problems]
    return outcome


@pytest.fixture
def offices(hq: Any, country_office: Any, other_office: Any) -> dict[str, Any]:
    return {"hq": hq, "co-ng": country_office, "co-pe": other_office}
