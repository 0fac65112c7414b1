"""Sessions, participants by sex, office and grade, attendance, evaluations, the cumulative
count of project developers, certificates, the API and the annual report's PI 15."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from pypdf import PdfReader

from pat.core.locking import EditConflict
from pat.staffing.models import Level, Snapshot, StaffRecord
from pat.staffing.services import staff_key
from pat.training import services
from pat.training.models import Participant, Session, TrainingTarget

pytestmark = pytest.mark.django_db


def add(session: Session, name: str, sex: str, office: Any, **kw: Any) -> Participant:
    return services.participant_add(session=session, name=name, sex=sex, office=office, **kw)


def attend(session: Session, *people: Participant) -> int:
    session.refresh_from_db()
    return services.attendance_set(
        session=session, attended=[p.pk for p in people], version=session.version
    )


@pytest.fixture
def roster(country_office: Any) -> StaffRecord:
    snapshot = Snapshot.objects.create(as_of=dt.date(2025, 1, 1))
    return StaffRecord.objects.create(
        snapshot=snapshot,
        key=staff_key("E-1001"),
        sex="F",
        level=Level.objects.get(code="P-3"),
        category="P",
        office=country_office,
        at_headquarters=False,
        appointment="fixed-term",
        long_term=True,
    )


def test_a_staff_member_on_the_roster_takes_sex_grade_and_office_from_it(
    session: Session, roster: StaffRecord, other_office: Any
) -> None:
    p = services.participant_add(
        session=session, name="Amina Yusuf", sex="M", office=other_office, staff_id="E-1001"
    )
    assert p.staff_record == roster
    assert (p.sex, p.grade.code, p.office) == ("F", "P-3", roster.office)  # type: ignore[union-attr]
    assert p.staff_key == roster.key and "E-1001" not in p.staff_key


def test_someone_off_the_roster_needs_sex_and_office(session: Session) -> None:
    with pytest.raises(services.TrainingError):
        services.participant_add(session=session, name="Partner", sex="", office=None)
    assert not Participant.objects.exists()


def test_attended_participants_are_counted_by_sex_office_and_year(
    session: Session, senior_course: Any, country_office: Any, other_office: Any, hq: Any
) -> None:
    a = add(session, "A", "F", country_office)
    b = add(session, "B", "F", other_office)
    c = add(session, "C", "M", country_office)
    add(session, "D", "M", country_office)  # registered, did not come
    assert attend(session, a, b, c) == 3
    later = Session.objects.create(
        course=senior_course,
        starts_on=dt.date(2026, 2, 1),
        ends_on=dt.date(2026, 2, 1),
        place="Geneva",
        office=hq,
        trainers="T",
    )
    attend(later, add(later, "E", "X", hq))

    everything = services.summary()
    assert everything.attended == 4 and everything.participants == 5
    assert everything.by_sex == {"F": 2, "M": 1, "X": 1, "U": 0}
    offices = {str(o): c for o, c in everything.by_office}
    assert (
        offices["Country Office Nigeria"]["F"] == 1 and offices["Country Office Nigeria"]["M"] == 1
    )
    assert [y for y, _c in everything.by_year] == [2025, 2026]
    only_2026 = services.summary(year=2026)
    assert only_2026.sessions == 1 and only_2026.attended == 1 and only_2026.by_sex["X"] == 1


def test_the_cumulative_count_counts_a_developer_trained_twice_once(
    session: Session, pd_course: Any, senior_course: Any, country_office: Any, roster: Any
) -> None:
    first = add(session, "Amina", "", None, staff_id="E-1001")
    other = add(session, "Bola", "M", country_office)
    attend(session, first, other)
    again = Session.objects.create(
        course=pd_course,
        starts_on=dt.date(2026, 5, 1),
        ends_on=dt.date(2026, 5, 2),
        place="Lagos",
        office=country_office,
        trainers="T",
    )
    attend(
        again,
        add(again, "Amina", "", None, staff_id="E-1001"),
        add(again, "Chidi", "M", country_office),
    )
    senior = Session.objects.create(
        course=senior_course,
        starts_on=dt.date(2026, 6, 1),
        ends_on=dt.date(2026, 6, 1),
        place="Geneva",
        office=country_office,
        trainers="T",
    )
    attend(senior, add(senior, "Director", "F", country_office))  # not a developers' course
    series = services.developers_trained()
    assert [(r.year, r.new, r.cumulative) for r in series] == [(2025, 2, 2), (2026, 1, 3)]


def test_the_target_is_data_with_the_seeds_300_as_default(db: None) -> None:
    assert services.target().people == 300
    TrainingTarget.objects.create(people=350, year=2004, source="WGGI")
    assert (services.target().people, services.target().year) == (350, 2004)


def test_a_stale_attendance_sheet_changes_nothing(session: Session, country_office: Any) -> None:
    a = add(session, "A", "F", country_office)
    stale = session.version
    attend(session, a)
    with pytest.raises(EditConflict):
        services.attendance_set(session=session, attended=[], version=stale)
    a.refresh_from_db()
    assert a.attended


def test_only_someone_who_attended_evaluates_and_only_once(
    session: Session, country_office: Any
) -> None:
    a = add(session, "A", "F", country_office)
    with pytest.raises(services.TrainingError):
        services.evaluation_submit(participant=a, relevance=5, quality=4, will_apply=True)
    attend(session, a)
    a.refresh_from_db()
    services.evaluation_submit(participant=a, relevance=5, quality=4, will_apply=True)
    with pytest.raises(services.TrainingError):
        services.evaluation_submit(participant=a, relevance=1, quality=1, will_apply=False)
    assert services.summary().mean_relevance == 5


def test_the_certificate_is_a_pdf_naming_the_participant_and_the_course(
    session: Session, country_office: Any, coordinator: Any, client: Client
) -> None:
    a = add(session, "Ngozi Okafor", "F", country_office)
    attend(session, a)
    a.refresh_from_db()
    client.force_login(coordinator)
    response = client.get(f"/training/participants/{a.pk}/certificate.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Ngozi Okafor" in text and "Project development with gender" in text
    assert a.certificate_number in text


def test_no_certificate_without_attendance(
    session: Session, country_office: Any, coordinator: Any, client: Client
) -> None:
    a = add(session, "Absent", "F", country_office)
    client.force_login(coordinator)
    response = client.get(f"/training/participants/{a.pk}/certificate.pdf")
    assert response.status_code == 302


def test_the_api_summary_gives_people_trained_by_sex_office_and_year(
    session: Session, country_office: Any, developer: Any, client: Client
) -> None:
    attend(session, add(session, "A", "F", country_office), add(session, "B", "M", country_office))
    client.force_login(developer)
    body = client.get("/api/v1/programme/trainings/summary?year=2025").json()
    assert body["by_sex"] == {"female": 1, "male": 1, "other": 0, "unknown": 0, "total": 2}
    assert body["by_office"] == [
        {"group": "co-ng", "female": 1, "male": 1, "other": 0, "unknown": 0, "total": 2}
    ]
    assert body["developers"] == {"trained": 2, "target": 300, "target_year": dt.date.today().year}
    assert client.get("/api/v1/programme/trainings/summary?year=2024").json()["attended"] == 0
    assert client.get("/api/v1/programme/trainings/summary?year=nope").status_code == 422


def test_the_api_summary_is_in_the_openapi_schema(developer: Any, client: Client) -> None:
    client.force_login(developer)
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/programme/trainings/summary" in schema["paths"]


def test_the_api_refuses_anonymous_callers(client: Client) -> None:
    assert client.get("/api/v1/programme/trainings/summary").status_code == 401


def test_the_annual_reports_pi_15_reads_the_training_figures(
    session: Session, country_office: Any
) -> None:
    from pat.network.evidence import trainings_pi15

    assert trainings_pi15(2025).available is False
    attend(session, add(session, "A", "F", country_office), add(session, "B", "M", country_office))
    evidence = trainings_pi15(2025)
    assert evidence.available
    assert "1 sessions; 2 participants attended (2 people)." in evidence.lines[0]
    assert evidence.table[1] == ["Project development with gender", "1", "1", "0", "0", "2"]
