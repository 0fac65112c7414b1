"""Evidence for the UN-SWAP report that PAT fills from its own data, each with its source.

One function per indicator that PAT holds data for; each returns an `Evidence` that says
where the figures come from, or says plainly that there is no data (never an empty table
that could be read as zero).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from pat.core.models import Office


@dataclass
class Evidence:
    source: str
    available: bool
    lines: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)  # first row is the header


def _pct(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f}%"


def markers_pi9(year: int) -> Evidence:
    """PI 9: gender marker coverage and the budget share coded 2a/2b (IOM Gender Marker)."""
    from pat.markers.portfolio import NOT_ASSESSED, portfolio_summary
    from pat.projects.models import Project

    source = _("Gender marker portfolio (IOM Gender Marker, current assessment per project)")
    portfolio = portfolio_summary(Project.objects.all())
    if not portfolio.projects:
        return Evidence(source, False, [_("No project data.")])
    assessed = sum(row.total - row.counts.get(NOT_ASSESSED, 0) for row in portfolio.by_region)
    lines = [
        _("%(n)s of %(total)s projects carry a marker assessment (%(share)s).")
        % {
            "n": assessed,
            "total": portfolio.projects,
            "share": _pct(assessed / portfolio.projects),
        },
        _("%(n)s projects are coded 2a or 2b (%(share)s of projects).")
        % {"n": portfolio.gender_projects, "share": _pct(portfolio.project_share)},
    ]
    table = [[_("Currency"), _("Projects"), _("Coded 2a or 2b"), _("Share of budget")]]
    table += [
        [c.currency, str(c.projects), str(c.gender_projects), _pct(c.budget_share)]
        for c in portfolio.currencies
    ]
    return Evidence(source, True, lines, table)


def focal_points_pi11(year: int) -> Evidence:
    """PI 11: the focal point network, its coverage and time shares, on 31 December of the year."""
    from pat.network.models import FocalPoint, WggiMember

    on = min(dt.date(year, 12, 31), dt.date.today())
    source = _("Gender Focal Point register and WGGI membership (on %(day)s)") % {
        "day": on.isoformat()
    }
    current = FocalPoint.objects.current(on)
    count = current.count()
    if not count:
        return Evidence(source, False, [_("No focal point in the register.")])
    offices = Office.objects.exclude(kind=Office.Kind.HEADQUARTERS).count()
    covered = (
        current.exclude(office__kind=Office.Kind.HEADQUARTERS).values("office").distinct().count()
    )
    stats = current.aggregate(mean=Avg("time_share"))
    shares = current.values("time_share").annotate(n=Count("id")).order_by("time_share")
    lines = [
        _("%(n)s focal points; %(covered)s of %(offices)s field offices have one.")
        % {"n": count, "covered": covered, "offices": offices},
        _("Mean time share: %(mean)s%%.") % {"mean": round(stats["mean"] or 0)},
        _("WGGI members: %(n)s.") % {"n": WggiMember.objects.filter(since__lte=on).count()},
    ]
    table = [[_("Time share"), _("Focal points")]]
    table += [[f"{row['time_share']}%", str(row["n"])] for row in shares]
    return Evidence(source, True, lines, table)


def pilot_fund_pi10(year: int) -> Evidence:
    """PI 10: money set aside for gender work, from the pilot fund when the app is there."""
    source = _("Gender pilot fund (allocations, grants and disbursements of %(year)s)") % {
        "year": year
    }
    absent = Evidence(source, False, [_("No pilot fund data.")])
    if not apps.is_installed("pat.pilotfund"):
        return absent
    from pat.pilotfund.services import year_figures

    rows = year_figures(year)
    if not rows:
        return absent
    lines = [
        _(
            "%(fund)s: %(allocated)s %(currency)s allocated (%(source)s), %(granted)s granted "
            "to %(grants)s projects, %(disbursed)s disbursed; %(selected)s of %(proposals)s "
            "proposals selected."
        )
        % {
            "fund": row["fund"].name,
            "allocated": f"{row['allocated']:,.2f}",
            "currency": row["currency"],
            "source": row["source"],
            "granted": f"{row['granted']:,.2f}",
            "grants": row["grants"],
            "disbursed": f"{row['disbursed']:,.2f}",
            "selected": row["selected"],
            "proposals": row["proposals"],
        }
        for row in rows
    ]
    table = [[_("Fund"), _("Allocated"), _("Granted"), _("Disbursed"), _("Left")]]
    table += [
        [
            row["fund"].name,
            f"{row['allocated']:,.2f} {row['currency']}",
            f"{row['granted']:,.2f}",
            f"{row['disbursed']:,.2f}",
            f"{row['remaining']:,.2f}",
        ]
        for row in rows
    ]
    return Evidence(source, True, lines, table)


def staffing_pi12(year: int) -> Evidence:
    """PI 12: women's share and parity status by level, from the staffing app when it is there.

    Reads `pat.staffing.services.parity_rows` (the rows its API serves) lazily, so that the
    report works, and says "no staffing data", where the app or its rosters are absent.
    """
    on = min(dt.date(year, 12, 31), dt.date.today())
    source = _("Staffing figures (latest roster on or before %(day)s)") % {"day": on.isoformat()}
    absent = Evidence(source, False, [_("No staffing data.")])
    if not apps.is_installed("pat.staffing"):
        return absent
    try:
        from pat.staffing import services as staffing  # type: ignore[import-not-found,unused-ignore]

        parity_rows: Callable[..., Any] = staffing.parity_rows
    except (ImportError, AttributeError):
        return absent
    rows = list(parity_rows(as_of=on, by="level_group"))
    if not rows:
        return absent
    table = [[_("Level"), _("Women"), _("Men"), _("Women's share"), _("Status")]]
    for row in rows:
        share = row.get("share")
        table.append(
            [
                str(row.get("label", "")),
                str(row.get("women", "–")),
                str(row.get("men", "–")),
                "–" if share is None else f"{share:.0f}%",
                str(row.get("status") or "–"),
            ]
        )
    return Evidence(source, True, [], table)


def assessment_pi14(year: int) -> Evidence:
    """PI 14: the year's self-assessment exercise, its response rate and where offices stand."""
    from pat.network import rollup
    from pat.network.analysis import answer_rows
    from pat.network.models import ANSWERED_STATES, Campaign

    campaign = Campaign.objects.filter(opened_on__year=year).order_by("-opened_on").first()
    if campaign is None:
        return Evidence(_("Self-assessment exercise"), False, [_("No exercise this year.")])
    source = _("Self-assessment exercise “%(name)s”") % {"name": campaign.name}
    invited = campaign.responses.count()
    answered = campaign.responses.filter(state__in=ANSWERED_STATES).count()
    counts: dict[str, int] = {}
    for row in answer_rows(campaign):
        counts[row.rating] = counts.get(row.rating, 0) + 1
    lines = [
        _("%(answered)s of %(invited)s offices answered (%(rate)s).")
        % {
            "answered": answered,
            "invited": invited,
            "rate": _pct(rollup.response_rate(invited=invited, answered=answered)),
        },
        _("Answers meeting or exceeding requirements: %(share)s.")
        % {"share": _pct(rollup.meets_share(counts))},
    ]
    return Evidence(source, True, lines)


def trainings_pi15(year: int) -> Evidence:
    """PI 15: the year's training sessions and the people trained by sex, from pat.training.

    Read lazily, like PI 12, so that the report says "no training data" where the app or its
    sessions are absent.
    """
    source = _("Training sessions and attendance (%(year)s)") % {"year": year}
    absent = Evidence(source, False, [_("No training data.")])
    if not apps.is_installed("pat.training"):
        return absent
    from pat.staffing.models import Sex
    from pat.training import services as training

    summary = training.summary(year=year)
    if not summary.attended:  # sessions with nobody recorded as attending are no figures
        return absent
    series = [row for row in training.developers_trained() if row.year <= year]
    target = training.target()
    lines = [
        _("%(sessions)s sessions; %(attended)s participants attended (%(people)s people).")
        % {"sessions": summary.sessions, "attended": summary.attended, "people": summary.people},
        _("Project developers trained by the end of %(year)s: %(n)s (target %(target)s by %(by)s).")
        % {
            "year": year,
            "n": series[-1].cumulative if series else 0,
            "target": target.people,
            "by": target.year,
        },
    ]
    table = [[_("Course"), *[str(label) for label in Sex.labels], _("Total")]]
    table += [
        [str(course), *[str(counts[s]) for s in Sex.values], str(counts["total"])]
        for course, counts in summary.by_course
    ]
    return Evidence(source, True, lines, table)


def guide_pi16(year: int) -> Evidence:
    """PI 16: the guide and the reference library, as maintained during the year."""
    from pat.guide.models import GuidePage, GuidePageRevision, LibraryDocument

    source = _("Project Development Guide and reference library")
    pages = GuidePage.objects.values("language").annotate(n=Count("id")).order_by("language")
    revisions = GuidePageRevision.objects.filter(at__year=year).count()
    documents = LibraryDocument.objects.count()
    added = LibraryDocument.objects.filter(published_on__year=year).count()
    if not pages and not documents:
        return Evidence(source, False, [_("No guide or library data.")])
    lines = [
        _("%(n)s revisions of guide pages in %(year)s.") % {"n": revisions, "year": year},
        _("%(n)s documents in the library, %(added)s dated %(year)s.")
        % {"n": documents, "added": added, "year": year},
    ]
    table = [[_("Language"), _("Guide pages")]] + [
        [row["language"], str(row["n"])] for row in pages
    ]
    return Evidence(source, True, lines, table)


def events_pi17(year: int) -> Evidence:
    """PI 17: the year's meetings, conferences, briefings and consultations with Member States,
    from the events app when it is there (read lazily, as staffing is)."""
    source = _("Events and consultations recorded in PAT")
    absent = Evidence(source, False, [_("No events recorded this year.")])
    if not apps.is_installed("pat.events"):
        return absent
    from pat.events import figures as events  # type: ignore[import-not-found,unused-ignore]

    years = events.by_year(year=year)
    if not years:
        return absent
    figures = years[0]
    lines = [
        _("%(n)s events; %(people)s participants (%(women)s women, %(men)s men).")
        % {
            "n": figures.events,
            "people": figures.participants.total,
            "women": figures.participants.by_sex["female"],
            "men": figures.participants.by_sex["male"],
        }
    ]
    if figures.invited:
        lines.append(
            _("%(p)s of %(n)s Member States invited participated (%(share)s).")
            % {
                "p": figures.participated,
                "n": figures.invited,
                "share": _pct(float(figures.state_share or 0)),
            }
        )
    from pat.events.models import EventKind  # type: ignore[import-not-found,unused-ignore]

    table = [[_("Kind"), _("Events")]] + [
        [str(label), str(figures.by_kind.get(code, 0))] for code, label in EventKind.choices
    ]
    return Evidence(source, True, lines, table)


FILLED: dict[int, Callable[[int], Evidence]] = {
    9: markers_pi9,
    10: pilot_fund_pi10,
    11: focal_points_pi11,
    12: staffing_pi12,
    14: assessment_pi14,
    15: trainings_pi15,
    16: guide_pi16,
    17: events_pi17,
}


def evidence_for(year: int) -> dict[int, Evidence]:
    return {pi: build(year) for pi, build in FILLED.items()}
