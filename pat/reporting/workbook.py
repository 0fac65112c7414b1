"""The report's XLSX template: written for one report, filled offline, read back.

The first column holds a key per row (`A<indicator>` an actual, `C<indicator>:<sex>:<band>`
a cell by sex and age, `S<budget line>` spending, `N:<part>` a narrative part); the
hidden sheet `PAT` names the report and the version the template was drawn from, so
a template of another report, or one drawn before someone else saved, is refused.
Reading never trusts the file: it has passed `pat.uploads.validation.validate`
(zip bombs, entities, damage), rows and text are bounded, and every problem is
reported with its cell (`G12: enter a number`); nothing is saved unless all is right.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from pat.projects.models import Indicator, Sex
from pat.reporting.forms import SEXES
from pat.reporting.models import ProgressReport
from pat.reporting.services import ActualEdit, ReportEdit, parse_number

SHEET = "Report"
META = "PAT"
MAX_ROWS = 20_000
MAX_TEXT = 20_000
# Columns (1-based): key, result, indicator, sex, age, target, actual, comment/text, verification.
KEY, RESULT, INDICATOR, SEX, AGE, TARGET, ACTUAL, COMMENT, MOV = range(1, 10)
LETTERS = "ABCDEFGHI"
NARRATIVE = ("achievements", "challenges", "gender_results")


def headers() -> list[str]:
    return [
        _("Key (do not change)"),
        _("Result"),
        _("Indicator or line"),
        _("Sex"),
        _("Age"),
        _("Target or budget"),
        _("Actual or spent"),
        _("Comment or text"),
        _("Means of verification used"),
    ]


def _safe(value: Any) -> Any:
    # Text starting with = + - @ would run as a formula in a spreadsheet program.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def template_bytes(report: ProgressReport) -> bytes:
    """The report as a spreadsheet with everything already entered filled in."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    from pat.reporting.results import project_results

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    entry = PatternFill("solid", fgColor="FFF7D6")
    sexes = dict(Sex.choices)
    actuals = {a.indicator_id: a for a in report.actuals.prefetch_related("cells")}

    def add(values: list[Any], *inputs: int) -> None:
        sheet.append([_safe(v) for v in values])
        for column in inputs:
            sheet.cell(row=sheet.max_row, column=column).fill = entry

    for item in project_results(report.project):
        indicator = item.indicator
        actual = actuals.get(indicator.pk)
        add(
            [
                f"A{indicator.pk}",
                item.code,
                indicator.statement,
                "",
                "",
                indicator.target_value,
                actual.value if actual else None,
                actual.comment if actual else "",
                actual.means_of_verification if actual else "",
            ],
            ACTUAL,
            COMMENT,
            MOV,
        )
        if not indicator.counts_people:
            continue
        cells = {(c.sex, c.band_id): c.value for c in (actual.cells.all() if actual else [])}
        for sex in SEXES:
            for band in item.bands:
                add(
                    [
                        f"C{indicator.pk}:{sex}:{band.pk}",
                        item.code,
                        "",
                        str(sexes[sex]),
                        band.label,
                        item.targets.get((sex, band.pk)),
                        cells.get((sex, band.pk)),
                    ],
                    ACTUAL,
                )
    spent = {s.budget_line_id: s.spent for s in report.spending.all()}
    for line in report.project.budget_lines.all():
        add(
            [
                f"S{line.pk}",
                "",
                f"{line.get_category_display()}: {line.description}",
                "",
                "",
                line.amount,
                spent.get(line.pk),
            ],
            ACTUAL,
        )
    labels = {
        "achievements": _("Achievements"),
        "challenges": _("Challenges"),
        "gender_results": _("Gender results"),
    }
    for name in NARRATIVE:
        add([f"N:{name}", "", labels[name], "", "", None, None, getattr(report, name)], COMMENT)
    for letter, width in zip(LETTERS, (14, 8, 60, 10, 10, 14, 14, 50, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "D2"
    meta = workbook.create_sheet(META)
    meta.append(["report", report.pk])
    meta.append(["project", report.project.code])
    meta.append(["version", report.version])
    meta.sheet_state = "hidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class Reading:
    """What a filled-in template says, and where it is wrong (cell → sentences)."""

    edit: ReportEdit
    version: int | None
    problems: list[tuple[str, str]] = field(default_factory=list)
    places: dict[str, str] = field(default_factory=dict)  # service error key → cell

    def locate(self, errors: Mapping[str, list[str]]) -> list[tuple[str, str]]:
        """The services' errors (keyed by field) as cell problems."""
        return [
            (self.places.get(key, ""), message)
            for key, messages in errors.items()
            for message in messages
        ]


class WorkbookError(ValueError):
    """The file is not this report's template at all."""


def read(data: bytes, report: ProgressReport) -> Reading:
    """Read a filled-in template of `report` (already checked by the upload validator)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on damaged files
        raise WorkbookError(
            _("This spreadsheet cannot be opened (%(why)s).") % {"why": type(error).__name__}
        ) from None
    try:
        if SHEET not in workbook.sheetnames or META not in workbook.sheetnames:
            raise WorkbookError(
                _("This is not a PAT report template: download it from the report.")
            )
        meta = {
            str(row[0]): row[1]
            for row in workbook[META].iter_rows(max_row=10, max_col=2, values_only=True)
            if row and row[0] is not None
        }
        if str(meta.get("report")) != str(report.pk):
            raise WorkbookError(
                _("This template is of another report: download the template of this one.")
            )
        version = meta.get("version")
        reading = Reading(
            edit=ReportEdit(), version=int(version) if isinstance(version, int | float) else None
        )
        _read_rows(workbook[SHEET], reading, report)
    finally:
        workbook.close()
    return reading


def _read_rows(sheet: Any, reading: Reading, report: ProgressReport) -> None:
    indicators = set(
        Indicator.objects.filter(result__project=report.project).values_list("pk", flat=True)
    )
    line_ids = set(report.project.budget_lines.values_list("pk", flat=True))
    actuals: dict[int, ActualEdit] = {}
    spending: dict[int, Decimal | None] = {}
    texts: dict[str, str] = {}

    def number(value: Any, where: str) -> Decimal | None:
        try:
            return parse_number(value)
        except ValueError:
            reading.problems.append((where, _("Enter a number.")))
            return None

    def text(value: Any, where: str) -> str:
        out = "" if value is None else str(value).strip()
        if len(out) > MAX_TEXT:
            reading.problems.append((where, _("This text is too long.")))
            return ""
        return out

    for index, row in enumerate(sheet.iter_rows(min_row=2, max_col=MOV, values_only=True), 2):
        if index > MAX_ROWS + 1:
            reading.problems.append((f"A{index}", _("Too many rows (at most 20,000).")))
            break
        row = list(row) + [None] * (MOV - len(row))
        key = str(row[KEY - 1] or "").strip()
        if not key:
            continue
        at = f"{LETTERS[ACTUAL - 1]}{index}"
        if key.startswith("A") and key[1:].isdigit():
            pk = int(key[1:])
            if pk not in indicators:
                reading.problems.append(
                    (f"A{index}", _("Unknown key %(key)s.") % {"key": key[:30]})
                )
                continue
            edit = actuals.setdefault(pk, ActualEdit())
            edit.value = number(row[ACTUAL - 1], at)
            edit.comment = text(row[COMMENT - 1], f"H{index}")
            edit.means_of_verification = text(row[MOV - 1], f"I{index}")
            reading.places[f"actual-{pk}"] = at
        elif key.startswith("C"):
            parts = key[1:].split(":")
            if (
                len(parts) != 3
                or not parts[0].isdigit()
                or not parts[2].isdigit()
                or parts[1] not in SEXES
                or int(parts[0]) not in indicators
            ):
                reading.problems.append(
                    (f"A{index}", _("Unknown key %(key)s.") % {"key": key[:30]})
                )
                continue
            pk = int(parts[0])
            edit = actuals.setdefault(pk, ActualEdit())
            cells = dict(edit.cells)
            cells[(parts[1], int(parts[2]))] = number(row[ACTUAL - 1], at)
            edit.cells = cells
            reading.places.setdefault(f"cells-{pk}", at)
        elif key.startswith("S") and key[1:].isdigit() and int(key[1:]) in line_ids:
            spending[int(key[1:])] = number(row[ACTUAL - 1], at)
            reading.places[f"spent-{key[1:]}"] = at
        elif key.startswith("N:") and key[2:] in NARRATIVE:
            texts[key[2:]] = text(row[COMMENT - 1], f"H{index}")
            reading.places[key[2:]] = f"H{index}"
        else:
            reading.problems.append((f"A{index}", _("Unknown key %(key)s.") % {"key": key[:30]}))
    for pk in actuals:
        # Cells whose actual row was deleted: report their errors on the first cell.
        reading.places.setdefault(f"actual-{pk}", reading.places.get(f"cells-{pk}", ""))
    reading.edit = ReportEdit(
        actuals=actuals,
        spending=spending,
        achievements=texts.get("achievements"),
        challenges=texts.get("challenges"),
        gender_results=texts.get("gender_results"),
    )
