"""Importing candidates: a good file, bad rows (nothing written, each line reported), and
hostile files refused with a clear message."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from pat.appointments.models import Candidate, StageChange
from tests import hostile_files as hostile

GOOD = (
    "name,email,sex,self_description,channel,stage,meets_requirements\n"
    "Ngozi Okafor,ngozi@example.org,female,,women-net,shortlisted,yes\n"
    "Tunde Adeyemi,tunde@example.org,M,,,interviewed,yes\n"
    "Alex Rivera,alex@example.org,self-described,non-binary,,applied,no\n"
    "Sam Lee,,prefer not to say,,Women's network,long-listed,\n"
)


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(user: Any, vacancy: Any, name: str, data: bytes) -> Any:
    return client_for(user).post(
        reverse("appointments:import", args=[vacancy.pk]),
        {"file": SimpleUploadedFile(name, data)},
    )


def xlsx(rows: list[list[Any]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_good_csv_adds_every_candidate_with_its_history(hr_officer, vacancy, channel):
    response = post(hr_officer, vacancy, "export.csv", GOOD.encode())
    assert response.status_code == 302
    people = {c.name: c for c in Candidate.objects.filter(vacancy=vacancy)}
    assert set(people) == {"Ngozi Okafor", "Tunde Adeyemi", "Alex Rivera", "Sam Lee"}
    assert people["Ngozi Okafor"].channel == channel and people["Ngozi Okafor"].meets_requirements
    assert people["Tunde Adeyemi"].sex == "male"
    assert people["Alex Rivera"].sex_description == "non-binary"
    assert people["Sam Lee"].sex == "undisclosed" and people["Sam Lee"].stage == "long_listed"
    assert StageChange.objects.filter(source="import").count() == 4


def test_importing_again_moves_known_candidates_on_by_e_mail(hr_officer, vacancy, channel):
    post(hr_officer, vacancy, "export.csv", GOOD.encode())
    again = "name,email,sex,stage\nNgozi Okafor,NGOZI@example.org,female,interviewed\n"
    assert post(hr_officer, vacancy, "export.csv", again.encode()).status_code == 302
    ngozi = Candidate.objects.get(email="ngozi@example.org")
    assert ngozi.stage == "interviewed"
    assert ngozi.channel is not None and ngozi.meets_requirements  # columns it lacks stay
    assert Candidate.objects.count() == 4


def test_a_good_xlsx_is_read_too(hr_officer, vacancy):
    data = xlsx([["Name", "Sex", "Stage"], ["Rosa Quispe", "F", "Shortlisted"]])
    assert post(hr_officer, vacancy, "export.xlsx", data).status_code == 302
    assert Candidate.objects.get().stage == "shortlisted"


def test_bad_rows_change_nothing_and_each_is_reported_with_its_line(hr_officer, vacancy):
    bad = (
        "name,email,sex,stage,channel,meets_requirements\n"
        "Good Person,good@example.org,female,applied,,yes\n"
        ",nobody@example.org,female,applied,,no\n"
        "Odd Sex,odd@example.org,banana,applied,,no\n"
        "Odd Stage,stage@example.org,male,hired,,no\n"
        "Odd Channel,ch@example.org,male,applied,carrier-pigeon,maybe\n"
        "Bad Mail,not-an-address,male,applied,,no\n"
    )
    response = post(hr_officer, vacancy, "export.csv", bad.encode())
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported." in page
    for text in (
        "The name is missing.",
        "banana",
        "hired",
        "carrier-pigeon",
        "Write yes or no.",
        "valid email",
    ):
        assert text in page
    assert not Candidate.objects.exists()


def test_a_file_without_the_needed_columns_is_refused(hr_officer, vacancy):
    response = post(hr_officer, vacancy, "export.csv", b"who,what\nA,B\n")
    assert response.status_code == 400
    assert "has no" in response.content.decode()
    assert not Candidate.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("export.xlsx", hostile.HOSTILE["zip bomb"]()[0], "zip bomb"),
        ("export.xlsx", hostile.small_docx(), "not an .xlsx workbook"),
        ("export.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00binary", "Nothing was stored"),
        ("export.pdf", b"%PDF-1.4", "not accepted"),
        ("export.csv", "name,sex\nÉlodie,female\n".encode("latin-1"), "not UTF-8"),
    ],
)
def test_hostile_or_wrong_files_get_a_clear_message_and_change_nothing(
    hr_officer, vacancy, name, data, message
):
    response = post(hr_officer, vacancy, name, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Candidate.objects.exists()


def test_an_oversized_file_is_refused(hr_officer, vacancy, settings):
    settings.PAT_MAX_UPLOAD_BYTES = 100
    response = post(hr_officer, vacancy, "export.csv", GOOD.encode())
    assert response.status_code == 400
    assert "larger than the limit" in response.content.decode()
    assert not Candidate.objects.exists()


@pytest.mark.parametrize("who", ["focal_point", "developer", "reviewer", "colleague"])
def test_only_hr_imports(request, vacancy, who):
    response = post(request.getfixturevalue(who), vacancy, "export.csv", GOOD.encode())
    assert response.status_code == 403
    assert not Candidate.objects.exists()
