"""Demo training: the seed's project development courses (over 300 developers trained from
1998 to 2002, against a target of 300), gender sessions for senior staff and for all
Headquarters staff, and recent sessions whose staff participants come from the roster.

Reproducible (a seeded random generator) and quick: rows are bulk-created.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from pat.core.models import Office
from pat.staffing.models import Level, Snapshot, StaffRecord
from pat.training.models import Course, Evaluation, Participant, Session, TrainingTarget

FIRST = ["Amina", "Ana", "Claire", "Fatou", "Leila", "María", "Ngozi", "Olga", "Priya", "Sofía"]
FIRST_M = ["Ahmed", "Carlos", "David", "Jean", "Kofi", "Luis", "Marco", "Omar", "Pierre", "Raj"]
LAST = ["Bello", "Diallo", "García", "Haddad", "Ivanova", "Kumar", "Mensah", "Okafor", "Rossi"]
TRAINERS = ["H. Okafor", "M. Rossi", "A. Diallo", "C. García", "J. Martin"]
PLACES = ["Geneva", "Bangkok", "Dakar", "Nairobi", "Lima", "Cairo", "Vienna", "Manila"]

COURSES = [
    (
        "pd-gender",
        "Project development with gender",
        "Élaboration de projets tenant compte du genre",
        "Elaboración de proyectos con enfoque de género",
        True,
    ),
    (
        "senior-gender",
        "Gender for senior staff",
        "Le genre pour les cadres supérieurs",
        "Género para el personal directivo",
        False,
    ),
    (
        "hq-gender",
        "Gender session for all Headquarters staff",
        "Session sur le genre pour tout le personnel du Siège",
        "Sesión sobre género para todo el personal de la Sede",
        False,
    ),
]


def build_training(*, seed: int = 2002) -> int:
    """Create the demo courses and sessions once; the number of participants (0 if present)."""
    if Course.objects.exists() or not Office.objects.filter(code="hq").exists():
        return 0
    rng = random.Random(seed)
    with transaction.atomic():
        courses = {
            code: Course.objects.create(
                code=code, name=name, name_fr=fr, name_es=es, trains_project_developers=pd
            )
            for code, name, fr, es, pd in COURSES
        }
        TrainingTarget.objects.create(
            people=300, year=2002, source="IOM gender policy paper (2000): project developers"
        )
        offices = list(Office.objects.order_by("code"))
        hq = next(o for o in offices if o.code == "hq")
        grades = list(Level.objects.filter(code__in=["P-2", "P-3", "P-4", "P-5", "NO-B", "G-6"]))
        senior = list(Level.objects.filter(code__in=["P-5", "D-1", "D-2"]))
        latest = Snapshot.objects.order_by("-as_of").first()
        roster = (
            list(StaffRecord.objects.filter(snapshot=latest).order_by("pk")[:3000])
            if latest
            else []
        )

        plan: list[tuple[Course, dt.date, int]] = []
        for year in range(1998, 2003):  # the seed's training programme
            for month in rng.sample(range(2, 12), 3):
                plan.append((courses["pd-gender"], dt.date(year, month, 10), rng.randint(20, 25)))
        for year in range(2023, dt.date.today().year + 1):
            plan.append((courses["pd-gender"], dt.date(year, 4, 14), rng.randint(16, 24)))
            plan.append((courses["senior-gender"], dt.date(year, 9, 8), rng.randint(10, 14)))
        plan.append((courses["hq-gender"], dt.date(2001, 5, 3), 60))

        made = 0
        for course, starts, size in plan:
            office = hq if course.code != "pd-gender" else rng.choice(offices)
            session = Session.objects.create(
                course=course,
                starts_on=starts,
                ends_on=starts + dt.timedelta(days=0 if course.code == "hq-gender" else 2),
                place="Geneva" if office == hq else rng.choice(PLACES),
                office=office,
                trainers=", ".join(rng.sample(TRAINERS, 2)),
            )
            rows = []
            # Recent staff participants come from the roster, each once per session.
            drawn = rng.sample(roster, min(size, len(roster))) if starts.year >= 2023 else []
            for n in range(size):
                record = drawn[n] if n < len(drawn) else None
                sex = record.sex if record else ("F" if rng.random() < 0.55 else "M")
                first = rng.choice(FIRST if sex == "F" else FIRST_M)
                attended = rng.random() < 0.93
                pool = senior if course.code == "senior-gender" else grades
                rows.append(
                    Participant(
                        session=session,
                        name=f"{first} {rng.choice(LAST)}",
                        sex=sex,
                        office=record.office
                        if record
                        else (hq if office == hq else rng.choice(offices)),
                        grade=record.level if record else (rng.choice(pool) if pool else None),
                        staff_record=record,
                        staff_key=record.key if record else "",
                        attended=attended,
                        certificate_number=(
                            f"PAT-{starts.year}-{session.pk:04d}-{n + 1:05d}" if attended else ""
                        ),
                    )
                )
            Participant.objects.bulk_create(rows)
            made += len(rows)
            if starts.year >= 2023:
                Evaluation.objects.bulk_create(
                    Evaluation(
                        participant=p,
                        relevance=rng.choice([3, 4, 4, 5, 5]),
                        quality=rng.choice([3, 4, 5, 5]),
                        will_apply=rng.random() < 0.8,
                    )
                    for p in session.participants.filter(attended=True)
                    if rng.random() < 0.7
                )
    return made
