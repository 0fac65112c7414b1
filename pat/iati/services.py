"""Importing an IATI activity file: projects created or updated, in one transaction.

Projects are written only through `pat.projects.services` and the results matrix through
`pat.projects.matrix.load`, so every import leaves its history. A dry run does the same
work and rolls it back, so what it reports is exactly what an import would do.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from pat.core import permissions
from pat.core.models import Country, Office, User
from pat.iati import mapping
from pat.iati.export import prefix
from pat.iati.models import Activity
from pat.iati.reading import ActivityData, ActualData, IndicatorData, Reading, Refused, read
from pat.projects import matrix, services
from pat.projects.models import (
    NARRATIVE_MAX_CHARS,
    STATEMENT_MAX_CHARS,
    AgeBand,
    AgeBandSet,
    Donor,
    Indicator,
    Project,
    ProjectType,
    Sex,
    project_code_validator,
)
from pat.reporting import importing as reporting_import
from pat.reporting.models import ReportState

__all__ = ["Outcome", "Refused", "import_file"]

# Code prefix of projects that come from another publisher's file (IM.0001, IM.0002, ...).
IMPORTED_PREFIX = "IM"
# A project type for activities none of whose sectors maps to one (a person checks it).
FALLBACK_TYPE = "migrant-assistance"
SEXES = {s for s, _label in Sex.choices}


@dataclass
class Line:
    """What the import did (or would do) with one activity."""

    identifier: str
    code: str = ""
    action: str = ""  # created, updated, unchanged, refused
    changed: list[str] = field(default_factory=list)
    not_placed: list[str] = field(default_factory=list)
    reason: str = ""

    @property
    def changed_names(self) -> list[str]:
        """The changed parts in the reader's language."""
        names = {
            "partners": _("partners"),
            "results": _("results matrix"),
            "reports": _("progress reports"),
        }
        shown = []
        for name in self.changed:
            if name not in names:
                try:
                    names[name] = str(getattr(Project._meta.get_field(name), "verbose_name", name))
                except FieldDoesNotExist:
                    names[name] = name
            shown.append(names[name])
        return shown


@dataclass
class Outcome:
    dry_run: bool
    version: str = ""
    lines: list[Line] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for line in self.lines if line.action == action)

    @property
    def count_created(self) -> int:
        return self.count("created")

    @property
    def count_updated(self) -> int:
        return self.count("updated")

    @property
    def count_unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def count_refused(self) -> int:
        return self.count("refused")


class _Rollback(Exception):
    pass


def import_file(
    *, data: bytes, actor: User | None, dry_run: bool, office: Office | None = None
) -> Outcome:
    """Import every activity of the file, or raise Refused (nothing read, nothing changed).

    `actor` None is the command line (every right); a person creates projects only in the
    offices where they may and updates only projects they may edit; the others are refused
    one by one. `office` executes new projects (else the office of their first country,
    else headquarters).
    """
    reading = read(data)
    outcome = Outcome(dry_run=dry_run, version=reading.version, warnings=list(reading.warnings))
    try:
        with transaction.atomic():
            _import(reading, outcome, actor=actor, office=office)
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return outcome


def _import(
    reading: Reading, outcome: Outcome, *, actor: User | None, office: Office | None
) -> None:
    seen: set[str] = set()
    for data in reading.activities:
        line = Line(identifier=data.identifier)
        outcome.lines.append(line)
        if not data.identifier:
            line.action, line.reason = "refused", _("The activity has no IATI identifier.")
            continue
        if data.identifier in seen:
            line.action, line.reason = "refused", _("The identifier appears twice in the file.")
            continue
        seen.add(data.identifier)
        try:
            with transaction.atomic():
                _one(data, line, actor=actor, office=office)
        except ValidationError as error:
            line.action = "refused"
            line.reason = " ".join(error.messages)


def _match(identifier: str) -> Project | None:
    record = Activity.objects.filter(identifier=identifier).select_related("project").first()
    if record is not None:
        return record.project
    ours = f"{prefix()}-"
    if identifier.startswith(ours):
        return Project.objects.filter(code=identifier[len(ours) :]).first()
    return None


def _new_code(identifier: str) -> str:
    ours = f"{prefix()}-"
    if identifier.startswith(ours):
        code = identifier[len(ours) :]
        try:
            project_code_validator(code)
        except ValidationError:
            pass
        else:
            if not Project.objects.filter(code=code).exists():
                return code
    taken = Project.objects.filter(code__startswith=f"{IMPORTED_PREFIX}.").values_list(
        "code", flat=True
    )
    numbers = [int(c.split(".")[1]) for c in taken if re.fullmatch(r"[A-Z]+\.\d{4}", c)]
    number = max(numbers, default=0) + 1
    if number > 9999:
        raise ValidationError(_("No project code is left for imported activities."))
    return f"{IMPORTED_PREFIX}.{number:04d}"


def _office_for(data: ActivityData, chosen: Office | None) -> Office:
    if chosen is not None:
        return chosen
    for code in data.countries:
        found = Office.objects.filter(country=code).exclude(kind="hq").order_by("pk").first()
        if found is not None:
            return found
    fallback = Office.objects.filter(kind="hq").first() or Office.objects.order_by("pk").first()
    if fallback is None:
        raise ValidationError(_("There is no office to execute the project."))
    return fallback


def _clip(text: str, limit: int, what: str, line: Line) -> str:
    if len(text) <= limit:
        return text
    line.not_placed.append(
        _("%(what)s cut to %(limit)s characters") % {"what": what, "limit": limit}
    )
    return text[:limit]


def _fields(data: ActivityData, line: Line, kept: dict[str, Any]) -> dict[str, Any]:
    """Project fields from the activity; what has no field goes to `kept` or `line`."""
    fields: dict[str, Any] = {"title": _clip(data.title or data.identifier, 300, _("title"), line)}
    for code, text in data.descriptions.items():
        name = mapping.DESCRIPTION_FIELDS.get(code)
        if name is None:
            line.not_placed.append(_("description of type %(type)s") % {"type": code})
            continue
        label = str(getattr(Project._meta.get_field(name), "verbose_name", name))
        fields[name] = _clip(text, NARRATIVE_MAX_CHARS, label, line)
    for name in mapping.DESCRIPTION_FIELDS.values():
        fields.setdefault(name, "")
    status = mapping.STATUS_FROM_IATI.get(data.status)
    if status is None:
        line.not_placed.append(_("activity status %(code)s") % {"code": data.status or "-"})
        status = "endorsed"
    fields["status"] = status
    fields["start_date"] = data.dates.get("2") or data.dates.get("1")
    fields["end_date"] = data.dates.get("4") or data.dates.get("3")
    budgets = [b for b in data.budgets if b[0] == "2"] or [b for b in data.budgets if b[0] != "2"]
    currency = (budgets[0][1] if budgets else data.default_currency) or "USD"
    if budgets:
        fields["budget"] = sum((b[2] for b in budgets if b[1] == currency), Decimal(0))
        if any(b[1] != currency for b in budgets):
            line.not_placed.append(_("budgets in another currency than %(c)s") % {"c": currency})
    fields["currency"] = currency
    project_type = None
    kept_sectors: list[dict[str, str]] = []
    for sector in data.sectors:
        vocabulary = sector.get("vocabulary", "1")
        kind = mapping.SECTOR_TO_TYPE.get(sector.get("code", ""))
        if vocabulary == mapping.SECTOR_VOCABULARY and kind and project_type is None:
            project_type = kind
        else:
            kept_sectors.append(sector)
    if kept_sectors:
        kept["sectors"] = kept_sectors
        line.not_placed.append(
            _("sectors kept as published: %(codes)s")
            % {"codes": ", ".join(s.get("code", "?") for s in kept_sectors)}
        )
    if project_type is None:
        project_type = FALLBACK_TYPE
        line.not_placed.append(_("no sector gives a project type; check the type"))
    fields["project_type"] = ProjectType.objects.get(code=project_type)
    if data.policy_markers:
        kept["policy_markers"] = data.policy_markers
    if data.translations:
        kept["translations"] = data.translations
    return fields


def _donors_and_partners(
    data: ActivityData, line: Line
) -> tuple[list[Donor], list[tuple[str, str, str]]]:
    donors: list[Donor] = []
    partners: list[tuple[str, str, str]] = []  # name, kind, role
    for org in data.participants:
        if org.ref and org.ref == prefix():
            continue  # the organization itself
        if org.role not in ("1", "2", "3", "4") or not org.name:
            line.not_placed.append(
                _("participating organization %(name)s") % {"name": org.name or org.ref or "?"}
            )
            continue
        if org.role == "1" and not org.org_type:
            donor = Donor.objects.filter(
                Q(name__iexact=org.name) | Q(name_fr__iexact=org.name) | Q(name_es__iexact=org.name)
            ).first()
            if donor is not None:
                donors.append(donor)
                continue
        partners.append((org.name[:200], mapping.kind_from_org_type(org.org_type), org.role))
    return donors, partners


def _one(data: ActivityData, line: Line, *, actor: User | None, office: Office | None) -> None:
    kept: dict[str, Any] = {}
    fields = _fields(data, line, kept)
    countries = list(Country.objects.filter(code__in=data.countries))
    unknown = sorted(set(data.countries) - {c.code for c in countries})
    if unknown:
        line.not_placed.append(_("countries %(codes)s") % {"codes": ", ".join(unknown)})
    donors, partners = _donors_and_partners(data, line)
    for tag in sorted(set(data.unplaced)):
        line.not_placed.append(
            _("%(count)s × <%(tag)s>") % {"count": data.unplaced.count(tag), "tag": tag}
        )
    if data.kept_xml:
        kept["unplaced"] = data.kept_xml
    project = _match(data.identifier)
    m2m: dict[str, Iterable[Any]] = {"countries": countries, "donors": donors}
    if project is None:
        executing = _office_for(data, office)
        allowed = permissions.offices_for_new_projects(actor) if actor else None
        if allowed is not None and executing.pk not in allowed:
            raise ValidationError(
                _("You may not open projects in %(office)s.") % {"office": str(executing)}
            )
        code = _new_code(data.identifier)
        project = services.project_create(
            actor=actor,
            fields={"code": code, "executing_office": executing, **fields},
            m2m=m2m,
        )
        line.action, line.code = "created", code
    else:
        if actor is not None and not permissions.can_edit_project(actor, project):
            raise ValidationError(_("You may not edit project %(code)s.") % {"code": project.code})
        line.code = project.code
        status = fields.pop("status")
        changed = [name for name, value in fields.items() if getattr(project, name) != value]
        changed += [
            name
            for name, objs in m2m.items()
            if {o.pk for o in getattr(project, name).all()} != {o.pk for o in objs}
        ]
        if changed:
            project = services.project_update(
                project=project,
                actor=actor,
                expected_version=project.version,
                fields=fields,
                m2m=m2m,
            )
        if project.status != status:
            services.status_move(project=project, actor=actor, sources=[project.status], to=status)
            changed.append("status")
        line.changed = sorted(changed)
        line.action = "updated" if changed else "unchanged"
    existing = {(p.organization.name.lower(), p.role) for p in project.partners.all()}
    for name, kind, role in partners:
        if (name.lower(), role) not in existing:
            services.partner_add(
                project=project, actor=actor, organization=name, kind=kind, role=role
            )
            existing.add((name.lower(), role))
            if line.action == "unchanged":
                line.action = "updated"
            if line.action == "updated":
                line.changed.append("partners")
    _results(data, project, line, actor=actor)
    _actuals(data, project, line, actor=actor)
    Activity.objects.update_or_create(
        identifier=data.identifier,
        defaults={
            "project": project,
            "kept": kept,
            "imported_at": timezone.now(),
            "imported_by": actor,
        },
    )


def _age_key(label: str) -> str:
    # "0-17" in a file reads as our "0–17"; spaces do not count.
    return label.replace("-", "–").replace(" ", "")


def _band_set(cells: list[tuple[str, str]]) -> AgeBandSet | None:
    """The set of age bands whose labels name every age in the cells ("0-17" reads as "0–17")."""
    ages = {_age_key(age) for _sex, age in cells}
    for band_set in AgeBandSet.objects.prefetch_related("bands").order_by("pk"):
        labels = {_age_key(band.label) for band in band_set.bands.all()}
        if ages <= labels:
            return band_set
    return None


def _indicator_edit(indicator: IndicatorData, line: Line) -> matrix.IndicatorEdit:
    measure = indicator.measure if indicator.measure in {"1", "2", "3", "4", "5"} else "1"
    direction = {True: "increase", False: "decrease", None: "maintain"}[indicator.ascending]
    fields: dict[str, Any] = {
        "statement": _clip(indicator.statement or "-", STATEMENT_MAX_CHARS, _("indicator"), line),
        "measure": measure,
        "direction": direction,
        "baseline_value": indicator.baseline_value,
        "baseline_date": indicator.baseline_date,
        "target_value": indicator.target_value,
        "target_date": indicator.target_date,
    }
    for problem in indicator.problems:
        line.not_placed.append(problem)
    cells = [(c.sex, c.age) for c in indicator.target_cells]
    targets: dict[tuple[str, int], Decimal] = {}
    if cells:
        band_set = _band_set(cells)
        if band_set is None or any(sex not in SEXES for sex, _age in cells):
            line.not_placed.append(
                _("targets by sex and age of “%(indicator)s”")
                % {"indicator": fields["statement"][:60]}
            )
        else:
            by_label = {_age_key(b.label): b.pk for b in band_set.bands.all()}
            for cell in indicator.target_cells:
                band = by_label[_age_key(cell.age)]
                targets[(cell.sex, band)] = cell.value
            fields["counts_people"] = True
            fields["band_set"] = band_set
    return matrix.IndicatorEdit(fields=fields, targets=targets)


def _results(data: ActivityData, project: Project, line: Line, *, actor: User | None) -> None:
    if not data.results:
        return
    if project.results.exists():
        line.not_placed.append(
            _("%(count)s results (the project already has a results matrix)")
            % {"count": len(data.results)}
        )
        return
    rows: list[matrix.RowLoad] = []
    for result in data.results:
        level = mapping.RESULT_TYPE_TO_LEVEL.get(result.result_type)
        if level is None:
            line.not_placed.append(
                _("result of type %(type)s: %(title)s")
                % {"type": result.result_type or "-", "title": result.statement[:60]}
            )
            continue
        row = matrix.RowLoad(
            level=level,
            statement=_clip(result.statement or "-", STATEMENT_MAX_CHARS, _("result"), line),
            indicators=[_indicator_edit(i, line) for i in result.indicators],
        )
        if level == "outcome":
            rows.append(row)
        else:
            if not rows:
                rows.append(
                    matrix.RowLoad(level="outcome", statement=_("Outcome not stated in the file"))
                )
            rows[-1].children.append(row)
    if not rows:
        return
    project.refresh_from_db()
    try:
        matrix.load(project=project, actor=actor, expected_version=project.version, rows=rows)
    except ValidationError as error:
        line.not_placed.append(
            _("the results matrix: %(reason)s") % {"reason": " ".join(_messages(error))}
        )
        return
    if line.action == "unchanged":
        line.action = "updated"
    if line.action == "updated":
        line.changed.append("results")


def _actuals(data: ActivityData, project: Project, line: Line, *, actor: User | None) -> None:
    """The results' actuals as endorsed progress reports, one per period.

    An indicator is matched on its result's and its own statement (as the import wrote
    them); an actual is placed whole (total and cells) or listed as not placed, and a
    period that already has a report is left as it is.
    """
    wanted = [
        (result, indicator)
        for result in data.results
        for indicator in result.indicators
        if indicator.actuals
    ]
    if not wanted:
        return
    found: dict[tuple[str, str], list[Indicator]] = {}
    rows = Indicator.objects.filter(result__project=project).select_related("result", "band_set")
    for indicator in rows.order_by("result__order", "result_id", "order", "pk"):
        found.setdefault((indicator.result.statement, indicator.statement), []).append(indicator)
    bands: dict[int, dict[str, int]] = {}
    for band in AgeBand.objects.all():
        bands.setdefault(band.band_set_id, {})[_age_key(band.label)] = band.pk
    periods: dict[tuple[dt.date, dt.date], reporting_import.ImportedPeriod] = {}
    for result, data_indicator in wanted:
        key = (
            (result.statement or "-")[:STATEMENT_MAX_CHARS],
            (data_indicator.statement or "-")[:STATEMENT_MAX_CHARS],
        )
        name = key[1][:60]
        candidates = found.get(key) or []
        if not candidates:
            line.not_placed.append(
                _("%(count)s actual values of “%(indicator)s”: no indicator of the project has it")
                % {"count": len(data_indicator.actuals), "indicator": name}
            )
            continue
        indicator = candidates.pop(0)
        for actual in data_indicator.actuals:
            when = f"{actual.start or '?'}–{actual.end or '?'}"
            problem = _actual_problem(actual, indicator, bands.get(indicator.band_set_id or 0, {}))
            placed: reporting_import.ImportedActual | None = None
            if problem is None:
                placed = reporting_import.ImportedActual(
                    indicator=indicator,
                    value=actual.value,
                    cells={
                        (c.sex, bands[indicator.band_set_id or 0][_age_key(c.age)]): c.value
                        for c in actual.cells
                    },
                )
                problem = reporting_import.actual_problem(placed)
            if problem is not None or placed is None or actual.start is None or actual.end is None:
                line.not_placed.append(
                    _("the actual of “%(indicator)s” for %(period)s: %(reason)s")
                    % {"indicator": name, "period": when, "reason": problem}
                )
                continue
            period = periods.setdefault(
                (actual.start, actual.end),
                reporting_import.ImportedPeriod(start=actual.start, end=actual.end),
            )
            period.actuals.append(placed)
    if not periods:
        return
    try:
        written, kept = reporting_import.endorsed_reports_import(
            project=project, periods=list(periods.values()), actor=actor
        )
    except ValidationError as error:  # checked above; a safety net that writes nothing
        line.not_placed.append(
            _("the reported actuals: %(reason)s") % {"reason": " ".join(_messages(error))}
        )
        return
    for reported in kept:
        if reported.report.state != ReportState.ENDORSED:
            line.not_placed.append(
                _("the actuals for %(start)s–%(end)s: the period has a report in PAT already")
                % {"start": reported.start, "end": reported.end}
            )
    if written:
        if line.action == "unchanged":
            line.action = "updated"
        if line.action == "updated":
            line.changed.append("reports")


def _actual_problem(actual: ActualData, indicator: Indicator, labels: dict[str, int]) -> str | None:
    """What keeps an actual read from the file out of PAT, before the reporting rule."""
    if actual.start is None or actual.end is None or actual.start > actual.end:
        return _("the period has no valid start and end dates")
    if actual.problems:
        return "; ".join(actual.problems)
    if actual.value is None and not actual.cells:
        return _("no value")
    if actual.cells and not indicator.counts_people:
        return _("the indicator does not count people by sex and age")
    for cell in actual.cells:
        if cell.sex not in SEXES or _age_key(cell.age) not in labels:
            return _("the sex and age %(sex)s, %(age)s are not among the indicator's") % {
                "sex": cell.sex,
                "age": cell.age,
            }
    if len({(c.sex, _age_key(c.age)) for c in actual.cells}) != len(actual.cells):
        return _("a sex and age cell is given twice")
    return None


def _messages(error: ValidationError) -> list[str]:
    return list(error.messages)
