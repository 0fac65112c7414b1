"""Reading roster files: header and value aliases, and a report of every bad row; no database."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from pat.staffing.roster import (
    LevelInfo,
    OfficeInfo,
    RosterFileError,
    Vocabulary,
    normalize_grade,
    read_rows,
    read_table,
    unknown_headers,
)

VOCABULARY = Vocabulary(
    levels={
        "P-4": LevelInfo(4, "P", 4),
        "P-5": LevelInfo(5, "P", 5),
        "GS-5": LevelInfo(15, "GS", 5),
        "NO-B": LevelInfo(22, "NO", 2),
    },
    offices={
        "hq": OfficeInfo(1, True),
        "headquarters": OfficeInfo(1, True),
        "co-ng": OfficeInfo(2, False),
    },
    aliases={("sex", "fem"): "F", ("office", "abuja"): "co-ng"},
)


def read(text: str, **kwargs):
    return read_rows(read_table(text.encode(), "roster.csv"), VOCABULARY, **kwargs)


def test_header_and_value_aliases_are_understood():
    result = read(
        "Index Number;Gender;Level;Duty Station;Contract Type;Year of birth\n"
        "A1;female;P4;co-ng;Fixed Term;1980\n"
        "A2;M;p-5;Headquarters;permanent;\n"
        "A3;fem;GS 5;Abuja;temp;1990\n",
        as_of=dt.date(2024, 12, 31),
    )
    assert result.problems == []
    assert [(r.sex, r.level.id, r.office.id, r.appointment) for r in result.rows] == [
        ("F", 4, 2, "fixed-term"),
        ("M", 5, 1, "permanent"),
        ("F", 15, 2, "temporary"),
    ]
    assert [r.long_term for r in result.rows] == [True, True, False]
    assert [r.at_headquarters for r in result.rows] == [False, True, False]
    assert [r.category for r in result.rows] == ["P", "P", "GS"]


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("P4", "P-4"),
        ("p 4", "P-4"),
        ("P-4", "P-4"),
        ("G5", "GS-5"),
        ("NOB", "NO-B"),
        ("ASG", "ASG"),
        ("d1", "D-1"),
    ],
)
def test_grades_are_read_in_the_forms_hr_systems_write(raw, code):
    assert normalize_grade(raw) == code


def test_every_bad_row_is_reported_and_nothing_is_returned():
    result = read(
        "staff_id,sex,grade,office,appointment,entry_date\n"
        "A1,F,P-4,co-ng,fixed-term,2020-01-31\n"
        "A2,F,P-9,co-ng,fixed-term,\n"
        "A3,M,P-4,co-xx,fixed-term,\n"
        "A1,M,P-4,hq,fixed-term,\n"
        "A5,Q,P-4,hq,fixed-term,31/01/2020\n",
        as_of=dt.date(2024, 12, 31),
    )
    assert result.rows == []
    assert [(p.row, p.column) for p in result.problems] == [
        (3, "grade"),
        (4, "office"),
        (5, "staff_id"),
        (6, "sex"),
        (6, "entry_date"),
    ]
    assert "row 2" in result.problems[2].message


def test_a_reference_date_comes_from_the_file_or_is_asked_for():
    with_column = read("staff_id,sex,grade,office,appointment,as_of\nA1,F,P-4,hq,ft,2023-06-30\n")
    assert with_column.as_of == dt.date(2023, 6, 30)
    assert with_column.problems == []
    without = read("staff_id,sex,grade,office,appointment\nA1,F,P-4,hq,ft\n")
    assert [p.column for p in without.problems] == ["as_of"]
    unreadable = read("staff_id,sex,grade,office,appointment,as_of\nA1,F,P-4,hq,ft,30.06.23\n")
    assert (unreadable.problems[0].row, unreadable.problems[0].column) == (2, "as_of")


def test_a_missing_required_column_is_reported_on_the_header():
    result = read("staff_id,sex,office\nA1,F,hq\n", as_of=dt.date(2024, 1, 1))
    assert {(p.row, p.column) for p in result.problems} == {(1, "grade"), (1, "appointment")}


def test_unknown_headers_are_listed_and_a_mapping_names_them():
    table = read_table(b"Matricule,Genre,Grade,Bureau,Contrat\nA1,F,P-4,hq,ft\n", "r.csv")
    assert unknown_headers(table.headers) == ["Matricule", "Genre", "Bureau", "Contrat"]
    mapping = {
        "Matricule": "staff_id",
        "Genre": "sex",
        "Bureau": "office",
        "Contrat": "appointment",
    }
    result = read_rows(table, VOCABULARY, mapping=mapping, as_of=dt.date(2024, 1, 1))
    assert result.problems == []
    assert result.rows[0].staff_id == "A1"


def test_a_file_in_another_encoding_is_refused_with_its_line():
    data = "staff_id,sex,grade,office,appointment\nA1,F,P-4,Genève,ft\n".encode("latin-1")
    with pytest.raises(RosterFileError, match="Line 2 is not UTF-8"):
        read_table(data, "roster.csv")


def test_a_spreadsheet_is_read_with_its_dates_and_numeric_identifiers():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["staff_id", "sex", "grade", "office", "appointment", "entry_date"])
    sheet.append([1001, "F", "P-4", "hq", "continuing", dt.datetime(2015, 3, 1)])
    sheet.append([1002, "M", "NO-B", "co-ng", "fixed-term", None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = read_rows(
        read_table(buffer.getvalue(), "roster.xlsx"), VOCABULARY, as_of=dt.date(2024, 1, 1)
    )
    assert result.problems == []
    assert [r.staff_id for r in result.rows] == ["1001", "1002"]
    assert result.rows[0].entry_date == dt.date(2015, 3, 1)


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"PK\x03\x04garbage", "roster.xlsx", "cannot be opened"),
        (b"PK\x03\x04garbage", "roster.csv", "not named .xlsx"),
        (b"staff_id\n", "roster.xls", "not an XLSX"),
        (b"", "roster.csv", "empty"),
    ],
)
def test_damaged_or_misnamed_files_are_refused(data, name, message):
    with pytest.raises(RosterFileError, match=message):
        read_table(data, name)
