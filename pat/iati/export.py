"""Projects as IATI 2.03 activities (domain.md §9), written with lxml, one activity at a time.

`write` streams `<iati-activities>` through `lxml.etree.xmlfile`: each activity is built as
a small element tree, written and dropped, so memory stays flat whatever the number of
projects. Projects are read in chunks with their partners, donors, countries, markers,
endorsed reports' actuals and kept IATI data fetched per chunk; the results matrix through
`pat.projects.matrix.tree`, its one read.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

from pat.iati import mapping
from pat.iati.models import Activity
from pat.markers import scoring
from pat.markers.models import MarkerAssessment, Scheme
from pat.projects.matrix import trees
from pat.projects.models import AgeBand, Indicator, Project, ProjectPartner, ResultNode
from pat.reporting.models import ActualCell, IndicatorActual, ReportState

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
IATI_VERSION = "2.03"
CHUNK = 200


def prefix() -> str:
    return str(settings.PAT_IATI_ORG_PREFIX)


def identifier(project: Project) -> str:
    """The organization's identifier followed by the project code: XM-DAC-47066-CT.0123."""
    return f"{prefix()}-{project.code}"


def published() -> QuerySet[Project]:
    """What the organization publishes: endorsed projects that did not stop (mapping.PUBLISHED)."""
    return Project.objects.filter(status__in=mapping.PUBLISHED)


def own_marker_uri() -> str:
    return str(
        getattr(settings, "PAT_IATI_OWN_MARKER_URI", "")
        or f"{settings.PAT_BASE_URL.rstrip('/')}/guide/gender-markers/"
    )


@dataclass
class Period:
    start: dt.date
    end: dt.date
    total: Decimal | None = None
    cells: list[tuple[str, str, Decimal]] = field(default_factory=list)  # sex, age label, value


@dataclass
class Extras:
    """What one chunk of projects needs beside the project rows."""

    matrices: dict[int, list[ResultNode]]  # project id -> rows in tree order
    markers: dict[int, dict[str, str]]  # project id -> scheme -> code
    actuals: dict[int, list[Period]]  # indicator id -> endorsed periods
    kept: dict[int, dict[str, Any]]  # project id -> Activity.kept
    countries: dict[int, list[str]] = field(default_factory=dict)  # project id -> ISO codes
    # project id -> (role, name, OrganisationType or None): donors and partners
    organizations: dict[int, list[tuple[str, str, str | None]]] = field(default_factory=dict)


def _extras(projects: Sequence[Project]) -> Extras:
    ids = [p.pk for p in projects]
    markers: dict[int, dict[str, str]] = defaultdict(dict)
    current = MarkerAssessment.objects.current().filter(
        project_id__in=ids, scheme__in=(Scheme.IOM, Scheme.DAC)
    )
    for project_id, scheme, code in current.values_list("project_id", "scheme", "code"):
        markers[project_id][scheme] = code
    labels = dict(AgeBand.objects.values_list("pk", "label"))
    # What endorsed reports say, frozen since their endorsement: the value and its cells.
    reported = (
        IndicatorActual.objects.filter(
            report__project_id__in=ids, report__state=ReportState.ENDORSED
        )
        .order_by("indicator_id", "report__period__start", "pk")
        .values_list("pk", "indicator_id", "report__period__start", "report__period__end", "value")
    )
    actuals: dict[int, list[Period]] = defaultdict(list)
    periods: dict[int, Period] = {}
    for actual_id, indicator_id, start, end, value in reported:
        periods[actual_id] = Period(start, end, value)
        actuals[indicator_id].append(periods[actual_id])
    cells = (
        ActualCell.objects.filter(actual_id__in=list(periods), value__isnull=False)
        .order_by("actual_id", "pk")
        .values_list("actual_id", "sex", "band_id", "value")
    )
    for actual_id, sex, band_id, value in cells:
        if value is not None:
            periods[actual_id].cells.append((sex, labels[band_id], value))
    for indicator_periods in actuals.values():
        indicator_periods[:] = [p for p in indicator_periods if p.total is not None or p.cells]
    kept = dict(Activity.objects.filter(project_id__in=ids).values_list("project_id", "kept"))
    # Plain rows rather than prefetched models: thousands of projects, a few values each.
    countries: dict[int, list[str]] = defaultdict(list)
    through = Project.countries.through.objects.filter(project_id__in=ids)
    for project_id, code in through.values_list("project_id", "country_id"):
        countries[project_id].append(code)
    organizations: dict[int, list[tuple[str, str, str | None]]] = defaultdict(list)
    donors = Project.donors.through.objects.filter(project_id__in=ids)
    for project_id, name in donors.values_list("project_id", "donor__name"):
        organizations[project_id].append(("1", name, None))
    partners = ProjectPartner.objects.filter(project_id__in=ids).values_list(
        "project_id", "role", "organization__name", "organization__kind"
    )
    for project_id, role, name, kind in partners:
        organizations[project_id].append((role, name, mapping.KIND_TO_ORG_TYPE[kind]))
    return Extras(trees(projects), markers, actuals, kept, countries, organizations)


def _chunks(projects: QuerySet[Project]) -> Iterator[list[Project]]:
    rows = projects.select_related("project_type")
    ids = list(projects.order_by("code").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        wanted = ids[start : start + CHUNK]
        chunk = {p.pk: p for p in rows.filter(pk__in=wanted)}
        yield [chunk[pk] for pk in wanted]


def write(out: IO[bytes], projects: QuerySet[Project], *, now: dt.datetime | None = None) -> int:
    """Write the projects as one `<iati-activities>` document; returns how many were written."""
    generated = (now or timezone.now()).replace(microsecond=0).isoformat()
    count = 0
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(
            "iati-activities", {"version": IATI_VERSION, "generated-datetime": generated}
        ):
            for chunk in _chunks(projects):
                extras = _extras(chunk)
                for project in chunk:
                    xf.write(activity(project, extras), pretty_print=True)
                    count += 1
    return count


# --- one activity ------------------------------------------------------------------------------


def _narratives(
    parent: etree._Element, text: str, translations: dict[str, str] | None = None
) -> None:
    etree.SubElement(parent, "narrative").text = text
    for language, other in sorted((translations or {}).items()):
        etree.SubElement(parent, "narrative", {XML_LANG: language}).text = other


def _number(value: Decimal | int) -> str:
    """A value as IATI writes it: no exponent, no trailing zeros (2.50 -> 2.5, 300.00 -> 300)."""
    text = f"{Decimal(value).normalize():f}"
    return text


def activity(project: Project, extras: Extras) -> etree._Element:
    kept = extras.kept.get(project.pk, {})
    language = settings.LANGUAGE_CODE[:2]
    root = etree.Element(
        "iati-activity",
        {
            "last-updated-datetime": project.updated_at.replace(microsecond=0).isoformat(),
            XML_LANG: language,
            "default-currency": project.currency,
            "humanitarian": "0",
        },
    )
    etree.SubElement(root, "iati-identifier").text = identifier(project)
    reporting = etree.SubElement(root, "reporting-org", ref=prefix(), type="40")
    etree.SubElement(reporting, "narrative").text = org_name()
    translations: dict[str, dict[str, str]] = kept.get("translations", {})
    _narratives(etree.SubElement(root, "title"), project.title, translations.get("title"))
    texts = [(code, getattr(project, name)) for code, name in mapping.DESCRIPTION_FIELDS.items()]
    if not any(text for _code, text in texts):
        texts = [("1", project.title)]  # a description is required; the title is the best one
    for code, text in texts:
        if text:
            description = etree.SubElement(root, "description", type=code)
            _narratives(description, text, translations.get(f"description-{code}"))
    _participants(root, extras.organizations.get(project.pk, []))
    status = etree.SubElement(root, "activity-status")
    status.set("code", mapping.STATUS_TO_IATI[project.status])
    _dates(root, project)
    countries = sorted(extras.countries.get(project.pk, []))
    for code, share in zip(countries, mapping.shares(len(countries)), strict=True):
        etree.SubElement(root, "recipient-country", code=code, percentage=share)
    _sectors(root, project, kept.get("sectors", []))
    _policy_markers(root, extras.markers.get(project.pk, {}), kept.get("policy_markers", []))
    if project.budget is not None and project.start_date and project.end_date:
        budget = etree.SubElement(root, "budget", type="1", status="1")
        etree.SubElement(budget, "period-start", {"iso-date": project.start_date.isoformat()})
        etree.SubElement(budget, "period-end", {"iso-date": project.end_date.isoformat()})
        value = etree.SubElement(budget, "value", {"value-date": project.start_date.isoformat()})
        value.set("currency", project.currency)
        value.text = _number(project.budget)
    for node in extras.matrices.get(project.pk, []):
        _result(root, project, node, extras.actuals)
    return root


def org_name() -> str:
    return str(settings.PAT_IATI_ORG_NAME)


def _participants(root: etree._Element, organizations: list[tuple[str, str, str | None]]) -> None:
    # The organization itself is accountable for every project it publishes.
    us = etree.SubElement(root, "participating-org", ref=prefix(), role="2", type="40")
    etree.SubElement(us, "narrative").text = org_name()
    for role, name, org_type in sorted(organizations, key=lambda r: (r[0], r[1])):
        org = etree.SubElement(root, "participating-org", role=role)
        if org_type:
            org.set("type", org_type)
        etree.SubElement(org, "narrative").text = name


def _dates(root: etree._Element, project: Project) -> None:
    started = project.status in ("active", "final_reporting", "closed")
    ended = project.status == "closed"
    dates: list[tuple[str, dt.date | None]] = [
        ("1", project.start_date),
        ("2", project.start_date if started else None),
        ("3", project.end_date),
        ("4", project.end_date if ended else None),
    ]
    written = False
    for code, day in dates:
        if day is not None:
            etree.SubElement(root, "activity-date", {"iso-date": day.isoformat(), "type": code})
            written = True
    if not written:  # one date is required: the day the project was recorded, as planned start
        day = project.created_at.date()
        etree.SubElement(root, "activity-date", {"iso-date": day.isoformat(), "type": "1"})


def _sectors(root: etree._Element, project: Project, kept: Iterable[dict[str, str]]) -> None:
    kept = list(kept)
    ours = mapping.TYPE_TO_SECTOR.get(project.project_type.code)
    shared = any(s.get("vocabulary", "1") == mapping.SECTOR_VOCABULARY for s in kept)
    if ours:
        sector = etree.SubElement(root, "sector", vocabulary=mapping.SECTOR_VOCABULARY, code=ours)
        if not shared:
            sector.set("percentage", "100")
    for attributes in kept:
        etree.SubElement(root, "sector", {k: v for k, v in attributes.items() if v})


def _policy_markers(
    root: etree._Element, assessed: dict[str, str], kept: Iterable[dict[str, str]]
) -> None:
    """The DAC gender marker and our own code, from the current assessments; markers kept
    from an import fill what no assessment says, and other markers are written back as read."""
    dac = assessed.get(Scheme.DAC)
    own = assessed.get(Scheme.IOM)
    if dac is None and own is not None:
        dac = scoring.dac_suggestion_from_iom(own)
    markers = scoring.iati_policy_markers(
        dac_code=dac, own_code=own, own_vocabulary_uri=own_marker_uri() if own else None
    )
    have = {(m["vocabulary"], m["code"]) for m in markers}
    gender = (mapping.DAC_VOCABULARY, mapping.GENDER_CODE)
    for marker in kept:
        key = (marker.get("vocabulary", "1"), marker.get("code", ""))
        if key in have or (key[0] == mapping.OWN_VOCABULARY and own is not None):
            continue
        if key == gender and dac is not None:
            continue
        markers.append(dict(marker))
        have.add(key)
    for marker in markers:
        attributes = {k.replace("_", "-"): v for k, v in marker.items() if v}
        etree.SubElement(root, "policy-marker", attributes)


def _result(
    root: etree._Element, project: Project, node: ResultNode, actuals: dict[int, list[Period]]
) -> None:
    result_type = mapping.LEVEL_TO_RESULT_TYPE.get(node.level)
    indicators: list[Indicator] = list(node.indicators.all())
    if result_type is None or not indicators:
        return  # activities and rows without indicators have no IATI place
    result = etree.SubElement(root, "result", type=result_type)
    _narratives(etree.SubElement(result, "title"), node.statement)
    for indicator in indicators:
        element = etree.SubElement(result, "indicator", measure=indicator.measure)
        if indicator.direction != Indicator.Direction.MAINTAIN:
            ascending = indicator.direction == Indicator.Direction.INCREASE
            element.set("ascending", "1" if ascending else "0")
        _narratives(etree.SubElement(element, "title"), indicator.statement)
        if indicator.baseline_value is not None:
            day = indicator.baseline_date or project.start_date
            baseline = etree.SubElement(element, "baseline")
            if day:
                baseline.set("year", str(day.year))
                if indicator.baseline_date:
                    baseline.set("iso-date", day.isoformat())
            else:
                baseline.set("year", str(project.created_at.year))
            baseline.set("value", _number(indicator.baseline_value))
        start = project.start_date
        end = indicator.target_date or project.end_date
        cells = [
            (cell.sex, cell.band.label, cell.value)
            for cell in indicator.targets  # type: ignore[attr-defined]
            if cell.value is not None
        ]
        if start and end and (indicator.target_value is not None or cells):
            _period(element, "target", Period(start, end, indicator.target_value, cells))
        for period in actuals.get(indicator.pk, []):
            _period(element, "actual", period)


def _period(indicator: etree._Element, kind: str, period: Period) -> None:
    element = etree.SubElement(indicator, "period")
    etree.SubElement(element, "period-start", {"iso-date": period.start.isoformat()})
    etree.SubElement(element, "period-end", {"iso-date": period.end.isoformat()})
    if period.total is not None:
        etree.SubElement(element, kind, value=_number(period.total))
    for sex, age, value in period.cells:
        cell = etree.SubElement(element, kind, value=_number(value))
        etree.SubElement(cell, "dimension", name="sex", value=sex)
        etree.SubElement(cell, "dimension", name="age", value=age)
