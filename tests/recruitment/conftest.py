from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pat.recruitment import services
from pat.recruitment.models import OutreachChannel, State, Vacancy
from pat.staffing.models import Level

NEUTRAL = (
    "## Tasks\n\n- Coordinate the monitoring of results with partners.\n"
    "- Prepare quarterly reports with figures by sex and age.\n"
)
MASCULINE = "We want a competitive, decisive leader: ambitious and assertive."


def notice_fields(office: Any, **changes: Any) -> dict[str, Any]:
    fields = {
        "reference": "VN 2026/041",
        "title": "Programme Officer",
        "grade": Level.objects.get(code="P-3"),
        "office": office,
        "duty_station": "Abuja",
        "closing_date": dt.date(2026, 12, 31),
        "language": "en",
        "text": NEUTRAL,
        "apply_url": "https://careers.example.org/jobs/vn-2026-041",
    }
    fields.update(changes)
    return fields


def draft(office: Any, by: Any = None, **changes: Any) -> Vacancy:
    return services.vacancy_create(by=by, fields=notice_fields(office, **changes))


def published(office: Any, by: Any = None, **changes: Any) -> Vacancy:
    vacancy = draft(office, by, **changes)
    reason = "Approved wording of the unit." if vacancy.wording_masculine else ""
    return services.vacancy_move(
        vacancy=vacancy, by=by, to=State.PUBLISHED, expected_version=vacancy.version, reason=reason
    )


@pytest.fixture
def channel(db: None) -> OutreachChannel:
    return OutreachChannel.objects.create(
        name="Women in Migration Network",
        name_fr="Réseau Femmes et migrations",
        name_es="Red Mujeres y Migración",
        slug="women-network",
        kind=OutreachChannel.Kind.WOMENS_NETWORK,
    )
