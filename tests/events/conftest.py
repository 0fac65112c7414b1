"""Events personas: the gender coordinator records; everyone signed in reads."""

from __future__ import annotations

from typing import Any

import pytest

from pat.core.models import Country
from pat.events import services
from pat.events.models import Event
from tests import factories

INVITED = [
    "AR",
    "BD",
    "CA",
    "CO",
    "EG",
    "ET",
    "FR",
    "DE",
    "IN",
    "IT",
    "MX",
    "MA",
    "NG",
    "PH",
    "ZA",
    "SE",
    "TH",
]
PARTICIPATED = ["AR", "CA", "CO", "EG", "ET", "MX", "MA", "NG", "PH", "ZA", "SE"]


@pytest.fixture
def coordinator(hq: Any) -> Any:
    user = factories.UserFactory(username="coordinator")
    factories.RoleFactory(user=user, office=hq, kind="coord")
    return user


@pytest.fixture
def consultation(coordinator: Any, hq: Any) -> Event:
    """The seed's informal consultation: 17 governments invited, 11 participated."""
    return services.event_save(
        actor=coordinator,
        data={
            "kind": "consultation",
            "title": "Informal consultation on gender and migration",
            "starts_on": "2026-03-12",
            "place": "Geneva",
            "organizers": "WGGI",
            "office": hq,
        },
        invited=Country.objects.filter(code__in=INVITED),
        participated=Country.objects.filter(code__in=PARTICIPATED),
        cells={("government", "female"): 9, ("government", "male"): 8, ("staff", "female"): 4},
    )
