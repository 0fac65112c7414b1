"""Reading a roster file: headers and values as HR systems write them, checked row by row.

No Django here: the caller passes what the organization knows (grades,
offices, aliases) as a `Vocabulary`, and gets back either every row, read, or
every problem, each with its row number. A file with any problem imports
nothing, so the report lists all of them at once.

Opening the file is `read_table()`, and only there: the upload validator that
opens files in a limited worker process replaces that one function.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

MAX_ERRORS = 200  # the report stops listing here; the count goes on

FIELDS = (
    "staff_id",
    "sex",
    "grade",
    "category",
    "office",
    "duty",
    "appointment",
    "birth_year",
    "entry_date",
    "as_of",
)
REQUIRED = ("staff_id", "sex", "grade", "office", "appointment")

# Header as written (lower case, spaces and punctuation as _) → field.
HEADER_ALIASES: Mapping[str, str] = {
    **{
        h: "staff_id"
        for h in (
            "staff_id",
            "index_number",
            "index_no",
            "index",
            "staff_number",
            "staff_no",
            "employee_id",
            "employee_number",
            "personnel_number",
            "person_id",
            "id",
        )
    },
    **{h: "sex" for h in ("sex", "gender")},
    **{h: "grade" for h in ("grade", "level", "personal_grade", "grade_level", "step_grade")},
    **{h: "category" for h in ("category", "staff_category", "grade_category")},
    **{
        h: "office"
        for h in (
            "office",
            "duty_station",
            "office_code",
            "organizational_unit",
            "org_unit",
            "location",
        )
    },
    **{h: "duty" for h in ("hq_field", "hq_or_field", "duty_type", "location_type", "hq")},
    **{
        h: "appointment"
        for h in (
            "appointment",
            "appointment_type",
            "contract",
            "contract_type",
            "type_of_appointment",
        )
    },
    **{
        h: "birth_year"
        for h in ("birth_year", "year_of_birth", "date_of_birth", "birth_date", "dob")
    },
    **{
        h: "entry_date"
        for h in ("entry_date", "entry_on_duty", "eod", "date_of_entry", "hire_date", "start_date")
    },
    **{h: "as_of" for h in ("as_of", "reference_date", "snapshot_date", "report_date")},
}

SEX_VALUES: Mapping[str, str] = {
    **dict.fromkeys(("f", "female", "woman", "w", "femme", "mujer", "femenino", "féminin"), "F"),
    **dict.fromkeys(("m", "male", "man", "homme", "hombre", "masculino", "masculin"), "M"),
    **dict.fromkeys(("x", "other", "non-binary", "nonbinary", "autre", "otro"), "X"),
    **dict.fromkeys(("", "u", "unknown", "not stated", "inconnu", "desconocido"), "U"),
}
CATEGORY_VALUES: Mapping[str, str] = {
    **dict.fromkeys(
        (
            "p",
            "professional",
            "professional and higher",
            "p and higher",
            "p&h",
            "d",
            "director",
            "senior",
        ),
        "P",
    ),
    **dict.fromkeys(("gs", "g", "general service", "general services"), "GS"),
    **dict.fromkeys(("no", "nop", "national officer", "national professional officer"), "NO"),
    **dict.fromkeys(("ug", "ungraded"), "UG"),
}
APPOINTMENT_VALUES: Mapping[str, str] = {
    **dict.fromkeys(("fixed-term", "fixed term", "fixed_term", "ft", "fta"), "fixed-term"),
    **dict.fromkeys(("permanent", "perm", "indefinite"), "permanent"),
    **dict.fromkeys(("continuing", "cont", "continuous"), "continuing"),
    **dict.fromkeys(("temporary", "temp", "tmp", "short-term", "short term", "sta"), "temporary"),
}
DUTY_VALUES: Mapping[str, bool] = {
    **dict.fromkeys(("hq", "headquarters", "yes", "y", "true", "1", "siège", "sede"), True),
    **dict.fromkeys(("field", "no", "n", "false", "0", "terrain", "terreno"), False),
}

_GRADE = re.compile(r"^(P|D|GS|G|NO|NPO)[-_ .]?([0-9]|[A-E])$")


def gettext_noop(message: str) -> str:
    """Marks a message for the catalogues; Django translates it where it is shown."""
    return message


class RosterFileError(Exception):
    """The file as a whole cannot be read (type, encoding, damage, no header)."""

    def __init__(self, template: str, params: dict[str, Any] | None = None) -> None:
        self.template = template
        self.params = params or {}
        super().__init__(template % self.params if self.params else template)


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: Iterator[list[Any]]
    total: int  # data rows, for progress


@dataclass(frozen=True)
class OfficeInfo:
    id: int
    at_headquarters: bool


@dataclass(frozen=True)
class LevelInfo:
    id: int
    category: str
    rank: int


@dataclass
class Vocabulary:
    levels: dict[str, LevelInfo]  # code ("P-4") → level
    offices: dict[str, OfficeInfo]  # lower-case code and lower-case name → office
    aliases: dict[tuple[str, str], str] = field(default_factory=dict)  # (field, lower value)


@dataclass(frozen=True, slots=True)
class Row:
    staff_id: str
    sex: str
    level: LevelInfo
    category: str
    office: OfficeInfo
    at_headquarters: bool
    appointment: str
    long_term: bool
    birth_year: int | None
    entry_date: dt.date | None


@dataclass(frozen=True)
class Problem:
    row: int  # the line in the file; 1 is the header, 0 the file as a whole
    column: str
    template: str  # English, translated where shown
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return self.template % self.params if self.params else self.template

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "template": self.template,
            "params": self.params,
        }


@dataclass
class Result:
    rows: list[Row]
    problems: list[Problem]
    problem_count: int
    as_of: dt.date | None


def normalize_header(header: Any) -> str:
    text = str(header or "").strip().lower()
    return re.sub(r"[^0-9a-zà-ÿ]+", "_", text).strip("_")


def column_fields(headers: list[str], mapping: Mapping[str, str] | None = None) -> list[str | None]:
    """The field each column holds: an explicit mapping first, then the aliases."""
    chosen = dict(mapping or {})
    result: list[str | None] = []
    for header in headers:
        if header in chosen:
            result.append(chosen[header] or None)
        else:
            result.append(HEADER_ALIASES.get(normalize_header(header)))
    return result


def unknown_headers(headers: list[str], mapping: Mapping[str, str] | None = None) -> list[str]:
    fields = column_fields(headers, mapping)
    return [
        h for h, f in zip(headers, fields, strict=True) if f is None and h not in (mapping or {})
    ]


def missing_fields(headers: list[str], mapping: Mapping[str, str] | None = None) -> list[str]:
    present = set(column_fields(headers, mapping))
    return [f for f in REQUIRED if f not in present]


def read_table(data: bytes, filename: str) -> Table:
    """Open a CSV or XLSX roster. The one place that opens roster files."""
    if data[:4] == b"PK\x03\x04":
        if not filename.lower().endswith((".xlsx", ".xlsm")):
            raise RosterFileError(
                gettext_noop("This file is a spreadsheet archive but not named .xlsx.")
            )
        return _read_xlsx(data)
    if filename.lower().endswith((".xlsx", ".xlsm", ".xls")):
        raise RosterFileError(
            gettext_noop("This file is named as a spreadsheet but is not an XLSX file.")
        )
    return _read_csv(data)


def _read_csv(data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise RosterFileError(
            gettext_noop(
                "Line %(line)s is not UTF-8 text. Save the file as “CSV UTF-8” and import it again."
            ),
            {"line": line},
        ) from None
    if "\x00" in text:
        raise RosterFileError(gettext_noop("This is not a text file."))
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader)
    except StopIteration:
        raise RosterFileError(gettext_noop("The file is empty.")) from None
    total = max(0, text.count("\n") - (0 if text.endswith("\n") else -1) - 1)
    return Table([h.strip() for h in headers], (list(r) for r in reader if any(r)), total)


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    from pat.terminology.readers._archive import open_zip
    from pat.terminology.readers._model import DocumentError

    try:
        open_zip(data).close()  # refuses zip bombs from the directory, before inflating
        # read_only streams the sheet; openpyxl parses with defusedxml when installed (it is).
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except DocumentError as error:
        raise RosterFileError(
            gettext_noop("This spreadsheet cannot be opened: %(why)s."), {"why": str(error)}
        ) from None
    except Exception as error:  # openpyxl raises many kinds on damaged files
        raise RosterFileError(
            gettext_noop("This spreadsheet cannot be opened (%(why)s)."),
            {"why": type(error).__name__},
        ) from None
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    try:
        headers = [str(h).strip() if h is not None else "" for h in next(rows)]
    except StopIteration:
        raise RosterFileError(gettext_noop("The first sheet is empty.")) from None
    total = max(0, (sheet.max_row or 1) - 1)

    def data_rows() -> Iterator[list[Any]]:
        for row in rows:
            if any(v not in (None, "") for v in row):
                yield list(row)
        workbook.close()

    return Table(headers, data_rows(), total)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # spreadsheets store identifiers as numbers
    return str(value).strip()


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(_text(value)[:10])


def normalize_grade(value: str) -> str:
    text = value.strip().upper().replace("–", "-")
    match = _GRADE.match(text.replace(" ", ""))
    if match:
        prefix, step = match.groups()
        prefix = {"G": "GS", "NPO": "NO"}.get(prefix, prefix)
        return f"{prefix}-{step}"
    return text


def read_rows(
    table: Table,
    vocabulary: Vocabulary,
    *,
    mapping: Mapping[str, str] | None = None,
    as_of: dt.date | None = None,
    progress: Callable[[int], None] | None = None,
) -> Result:
    """Read and check every row; rows come back only when there is no problem at all."""
    fields = column_fields(table.headers, mapping)
    problems: list[Problem] = []
    count = 0

    def problem(line_: int, column: str, template: str, **params: Any) -> None:
        nonlocal count
        count += 1
        if len(problems) < MAX_ERRORS:
            problems.append(Problem(line_, column, template, params))

    missing = missing_fields(table.headers, mapping)
    if missing:
        for name in missing:
            problem(1, name, gettext_noop("No column holds this; name a column for it."))
        return Result([], problems, count, as_of)
    index = {f: i for i, f in enumerate(fields) if f is not None}
    aliases = vocabulary.aliases
    rows: list[Row] = []
    seen: dict[str, int] = {}
    file_dates: set[dt.date] = set()

    def cell(values: list[Any], name: str) -> Any:
        position = index.get(name)
        if position is None or position >= len(values):
            return None
        return values[position]

    def choose(name: str, raw: str, table_: Mapping[str, Any]) -> Any:
        key = raw.strip().lower()
        if (name, key) in aliases:
            key = aliases[(name, key)].strip().lower()
        return table_.get(key)

    line = 1
    for line, values in enumerate(table.rows, start=2):
        if progress is not None and line % 5000 == 0:
            progress(line - 1)
        staff_id = _text(cell(values, "staff_id"))
        if not staff_id:
            problem(line, "staff_id", gettext_noop("The staff identifier is empty."))
        elif staff_id in seen:
            problem(
                line,
                "staff_id",
                gettext_noop("The same staff identifier as row %(row)s."),
                row=seen[staff_id],
            )
        else:
            seen[staff_id] = line
        raw_sex = _text(cell(values, "sex"))
        sex = choose("sex", raw_sex, SEX_VALUES)
        if sex is None:
            problem(
                line,
                "sex",
                gettext_noop("“%(value)s” is not a sex PAT knows (F, M, X or unknown)."),
                value=raw_sex,
            )
        raw_grade = _text(cell(values, "grade"))
        grade_code = aliases.get(("level", raw_grade.lower()), raw_grade)
        level = vocabulary.levels.get(normalize_grade(grade_code))
        if level is None:
            problem(
                line,
                "grade",
                gettext_noop("“%(value)s” is not a grade PAT knows."),
                value=raw_grade,
            )
        raw_category = _text(cell(values, "category"))
        category: str | None
        if raw_category:
            category = choose("category", raw_category, CATEGORY_VALUES)
            if category is None:
                problem(
                    line,
                    "category",
                    gettext_noop("“%(value)s” is not a staff category PAT knows."),
                    value=raw_category,
                )
        else:
            category = level.category if level else None
        raw_office = _text(cell(values, "office"))
        office_key = aliases.get(("office", raw_office.lower()), raw_office).lower()
        office = vocabulary.offices.get(office_key)
        if office is None:
            problem(
                line,
                "office",
                gettext_noop("“%(value)s” is not an office PAT knows."),
                value=raw_office,
            )
        raw_duty = _text(cell(values, "duty"))
        at_hq: bool | None
        if raw_duty:
            at_hq = DUTY_VALUES.get(raw_duty.lower())
            if at_hq is None:
                problem(
                    line,
                    "duty",
                    gettext_noop("“%(value)s” is neither HQ nor field."),
                    value=raw_duty,
                )
        else:
            at_hq = office.at_headquarters if office else None
        raw_appointment = _text(cell(values, "appointment"))
        appointment = choose("appointment", raw_appointment, APPOINTMENT_VALUES)
        if appointment is None:
            problem(
                line,
                "appointment",
                gettext_noop("“%(value)s” is not an appointment type PAT knows."),
                value=raw_appointment,
            )
        birth_year: int | None = None
        raw_birth = cell(values, "birth_year")
        if _text(raw_birth):
            try:
                if isinstance(raw_birth, dt.date):
                    birth_year = raw_birth.year
                else:
                    text = _text(raw_birth)
                    birth_year = int(text) if text.isdigit() else parse_date(text).year
                if not 1900 <= birth_year <= 2100:
                    raise ValueError
            except ValueError:
                problem(
                    line,
                    "birth_year",
                    gettext_noop("“%(value)s” is not a year of birth."),
                    value=_text(raw_birth),
                )
                birth_year = None
        entry_date: dt.date | None = None
        raw_entry = cell(values, "entry_date")
        if _text(raw_entry):
            try:
                entry_date = parse_date(raw_entry)
            except ValueError:
                problem(
                    line,
                    "entry_date",
                    gettext_noop("“%(value)s” is not a date (YYYY-MM-DD)."),
                    value=_text(raw_entry),
                )
        raw_as_of = cell(values, "as_of")
        if _text(raw_as_of):
            try:
                file_dates.add(parse_date(raw_as_of))
            except ValueError:
                problem(
                    line,
                    "as_of",
                    gettext_noop("“%(value)s” is not a date (YYYY-MM-DD)."),
                    value=_text(raw_as_of),
                )
        if count == 0:
            assert sex is not None and level is not None and category is not None
            assert office is not None and at_hq is not None and appointment is not None
            rows.append(
                Row(
                    staff_id,
                    sex,
                    level,
                    category,
                    office,
                    at_hq,
                    appointment,
                    appointment in ("fixed-term", "permanent", "continuing"),
                    birth_year,
                    entry_date,
                )
            )
    if progress is not None:
        progress(line - 1)
    if as_of is None:
        if len(file_dates) == 1:
            as_of = file_dates.pop()
        elif len(file_dates) > 1:
            problem(
                0,
                "as_of",
                gettext_noop("The file holds several reference dates; import one at a time."),
            )
        else:
            problem(
                0, "as_of", gettext_noop("No reference date: give one, or add an as_of column.")
            )
    elif file_dates and file_dates != {as_of}:
        problem(0, "as_of", gettext_noop("The reference date given differs from the file’s."))
    if line == 1:
        problem(0, "", gettext_noop("The file has a header but no staff rows."))
    if count:
        rows = []
    return Result(rows, problems, count, as_of)
