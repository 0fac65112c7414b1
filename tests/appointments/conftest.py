"""Fixtures of the board's tests: a published vacancy with candidates, a roster that puts
women under parity at P-4, a board, and the personas of the root conftest."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.staffing.conftest import crowd, load

ROSTER_DAY = dt.date(2026, 1, 31)


@pytest.fixture
def levels(db: None) -> dict[str, Any]:
    from pat.staffing.models import Level

    return {lv.code: lv for lv in Level.objects.all()}


@pytest.fixture
def channel(db: None) -> Any:
    from pat.recruitment.models import OutreachChannel

    return OutreachChannel.objects.create(
        slug="women-net", name="Women's network", kind="womens-network"
    )


def make_vacancy(
    office: Any, level: Any, *, reference: str = "VN 2026/001", state: str = "published"
) -> Any:
    from pat.recruitment.models import Vacancy

    return Vacancy.objects.create(
        reference=reference,
        title="Programme Officer",
        grade=level,
        category="P",
        office=office,
        duty_station="Abuja",
        closing_date=dt.date(2026, 3, 1),
        text="## Duties\n\nLead the programme.",
        state=state,
    )


@pytest.fixture
def vacancy(country_office: Any, levels: dict[str, Any]) -> Any:
    return make_vacancy(country_office, levels["P-4"])


@pytest.fixture
def women_under(hq: Any, country_office: Any, other_office: Any) -> None:
    """A roster where women are 3 of 15 at P-4: under parity organization-wide."""
    load(crowd("a", 3, 12, "P-4", "hq"), ROSTER_DAY)


@pytest.fixture
def at_parity(hq: Any, country_office: Any, other_office: Any) -> None:
    load(crowd("a", 8, 8, "P-4", "hq"), ROSTER_DAY)


@pytest.fixture
def shortlist(vacancy: Any, channel: Any) -> dict[str, Any]:
    """A man and a woman shortlisted, both meeting the requirements, and two applicants."""
    from pat.appointments.models import Candidate

    def add(name: str, sex: str, stage: str, meets: bool = True) -> Any:
        return Candidate.objects.create(
            vacancy=vacancy,
            name=name,
            email=f"{name.split()[0].lower()}@example.org",
            sex=sex,
            stage=stage,
            meets_requirements=meets,
            channel=channel,
        )

    return {
        "man": add("Tunde Adeyemi", "male", "interviewed"),
        "woman": add("Ngozi Okafor", "female", "interviewed"),
        "applicant": add("Marco Bianchi", "male", "applied", meets=False),
        "other": add("Aisha Bello", "female", "applied", meets=False),
    }


@pytest.fixture
def com(country_office: Any) -> Any:
    from tests import factories

    user = factories.UserFactory(username="com")
    factories.RoleFactory(user=user, office=country_office, kind="com")
    return user


@pytest.fixture
def board(administrator: Any, focal_point: Any, hr_officer: Any, reviewer: Any) -> dict[str, Any]:
    from pat.appointments.models import BoardMember

    BoardMember.objects.create(user=administrator, seat="chair")
    BoardMember.objects.create(user=reviewer, seat="member")
    BoardMember.objects.create(user=focal_point, seat="gfp")
    return {"chair": administrator, "member": reviewer, "gfp": focal_point}
