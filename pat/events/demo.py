"""Demo events: the seed's informal consultation (17 governments invited, 11 participated),
a conference and briefings, recorded through the services as the coordinator would."""

from __future__ import annotations

import datetime as dt

from pat.core.models import Country, Office, User
from pat.events import services
from pat.events.models import Event

# The informal consultation on gender and migration of the seed paper (¶ "Seventeen
# governments were invited and 11 governments participated").
CONSULTATION_INVITED = [
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
CONSULTATION_PARTICIPATED = ["AR", "CA", "CO", "EG", "ET", "MX", "MA", "NG", "PH", "ZA", "SE"]


def _cells(rows: dict[str, tuple[int, int]]) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    for kind, (women, men) in rows.items():
        out[(kind, "female")] = women
        out[(kind, "male")] = men
    return out


def build_events(*, today: dt.date | None = None) -> int:
    """Record the demo events once; the number recorded (0 when they exist or no coordinator)."""
    coordinator = User.objects.filter(username="coordinator").first()
    if coordinator is None or Event.objects.exists():
        return 0
    today = today or dt.date.today()
    year = today.year
    countries = {c.code: c for c in Country.objects.all()}
    hq = Office.objects.filter(code="hq").first()
    events = [
        (
            {
                "kind": "consultation",
                "title": "Informal consultation with Member States on gender and migration",
                "starts_on": dt.date(year, 3, 12),
                "place": "Geneva",
                "country": countries.get("CH"),
                "organizers": "Working Group on Gender Issues (WGGI)",
                "office": hq,
                "summary": "Seventeen governments were invited and 11 governments participated. "
                "States asked for sex-disaggregated data in project reports and for a briefing "
                "on the pilot fund.",
            },
            CONSULTATION_INVITED,
            CONSULTATION_PARTICIPATED,
            _cells({"government": (9, 8), "staff": (4, 2)}),
        ),
        (
            {
                "kind": "conference",
                "title": "Regional conference on the trafficking of women and girls",
                "starts_on": dt.date(year, 5, 20),
                "ends_on": dt.date(year, 5, 22),
                "place": "Bangkok",
                "country": countries.get("TH"),
                "organizers": "The WGGI with the Bangkok office",
                "office": Office.objects.filter(kind="regional").order_by("code").first(),
                "summary": "Recommendations on shelters and return assistance for women.",
            },
            ["TH", "KH", "LA", "MM", "VN", "PH", "ID", "MY"],
            ["TH", "KH", "LA", "VN", "PH", "ID"],
            _cells(
                {
                    "government": (21, 25),
                    "international": (12, 9),
                    "ngo": (18, 6),
                    "staff": (7, 5),
                }
            ),
        ),
        (
            {
                "kind": "briefing",
                "title": "Briefing of all Geneva staff on the gender policy",
                "starts_on": dt.date(year - 1, 10, 4),
                "place": "Geneva",
                "country": countries.get("CH"),
                "organizers": "WGGI",
                "office": hq,
            },
            [],
            [],
            _cells({"staff": (38, 27)}),
        ),
        (
            {
                "kind": "briefing",
                "title": "Briefing of donor missions on gender-focused projects",
                "starts_on": dt.date(year, 6, 2),
                "place": "Geneva",
                "country": countries.get("CH"),
                "organizers": "WGGI and Donor Relations",
                "office": hq,
            },
            ["DE", "NL", "NO", "SE", "GB", "US"],
            ["DE", "NL", "NO", "SE", "US"],
            _cells({"government": (6, 5), "staff": (3, 1)}),
        ),
    ]
    for data, invited, participated, cells in events:
        services.event_save(
            actor=coordinator,
            data=data,
            invited=[countries[c] for c in invited if c in countries],
            participated=[countries[c] for c in participated if c in countries],
            cells=cells,
        )
    return len(events)
