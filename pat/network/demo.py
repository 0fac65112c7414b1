"""Demo network: the WGGI with 14 members, field focal points, plans with overdue actions, a past
self-assessment answered by most offices, a current one half answered, and two UN-SWAP reports.

Reproducible (a seeded random generator) and quick: rows are bulk-created and the extra
people get unusable passwords (only the demo users of pat.core.demo sign in).
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from pat.core.models import Department, Office, User
from pat.network.models import (
    Action,
    ActionPlan,
    ActionStatus,
    AnnualReport,
    Answer,
    Campaign,
    FocalPoint,
    IndicatorRating,
    Meeting,
    Objective,
    PlanIndicator,
    PlanStatus,
    Question,
    Questionnaire,
    QuestionSection,
    Response,
    ResponseState,
    WggiMember,
)
from pat.network.swap import BY_NUMBER

# (code, English, French, Spanish)
SECTIONS = [
    (
        "Plan of Action and leadership",
        "Plan d'action et direction",
        "Plan de acción y liderazgo",
        [
            (
                "PA1",
                "The office has a current Plan of Action on gender equality.",
                "Le bureau dispose d'un plan d'action en vigueur sur l'égalité des genres.",
                "La oficina cuenta con un plan de acción vigente sobre igualdad de género.",
            ),
            (
                "PA2",
                "Senior management reviews progress on the plan at least twice a year.",
                "La direction examine les progrès du plan au moins deux fois par an.",
                "La dirección revisa el avance del plan al menos dos veces al año.",
            ),
        ],
    ),
    (
        "Projects and data",
        "Projets et données",
        "Proyectos y datos",
        [
            (
                "PR1",
                "Project proposals include a gender analysis.",
                "Les propositions de projet comprennent une analyse de genre.",
                "Las propuestas de proyecto incluyen un análisis de género.",
            ),
            (
                "PR2",
                "Beneficiary data are collected by sex and age.",
                "Les données sur les bénéficiaires sont ventilées par sexe et par âge.",
                "Los datos de beneficiarios se desglosan por sexo y edad.",
            ),
            (
                "PR3",
                "Projects are coded with the gender marker before submission.",
                "Les projets reçoivent le marqueur de genre avant leur soumission.",
                "Los proyectos se codifican con el marcador de género antes de su envío.",
            ),
        ],
    ),
    (
        "Capacity and staffing",
        "Capacités et personnel",
        "Capacidades y personal",
        [
            (
                "CA1",
                "The Gender Focal Point has the time and terms of reference to do the work.",
                "Le point focal genre dispose du temps et du mandat nécessaires.",
                "El punto focal de género dispone del tiempo y del mandato necesarios.",
            ),
            (
                "CA2",
                "Staff attended gender training in the past year.",
                "Le personnel a suivi une formation sur le genre au cours de l'année écoulée.",
                "El personal asistió a una formación sobre género en el último año.",
            ),
            (
                "CA3",
                "Recruitment panels are gender balanced.",
                "Les jurys de recrutement sont paritaires.",
                "Los comités de contratación son paritarios.",
            ),
        ],
    ),
]

COMMENTS = [
    "Our focal point shares the role with programme duties; time is the main constraint.",
    "Sex-disaggregated data are collected but not always reported to donors.",
    "The plan was adopted late and is being rolled out this quarter.",
    "Training reached national staff but few managers attended.",
    "We need guidance on coding multi-sector projects.",
    "Panels are balanced for professional posts, not yet for general service posts.",
    "",
    "",
    "",
]

OBJECTIVES = [
    "Gender analysis in every new project proposal",
    "Sex- and age-disaggregated data in all reports",
    "Balanced representation in recruitment panels",
]
ACTIONS = [
    "Train project developers on the gender analysis section",
    "Review the office's data collection forms",
    "Brief the Chief of Mission on marker coverage",
    "Nominate an alternate focal point",
    "Hold a consultation with women's organizations",
    "Report progress to the regional office",
]

WGGI_PEOPLE = [
    ("Grace", "Otieno"),
    ("Hannah", "Weber"),
    ("Samuel", "Mensah"),
    ("Ines", "Carvalho"),
    ("Kenji", "Sato"),
    ("Leila", "Nasser"),
    ("Marta", "Kowalska"),
    ("Olivier", "Lambert"),
    ("Priya", "Nair"),
    ("Rafael", "Ortega"),
    ("Sofia", "Rossi"),
    ("Tomas", "Novak"),
    ("Yasmin", "Haddad"),
    ("Zanele", "Dlamini"),
]
FIRST = ["Aisha", "Bruno", "Chloé", "Daniel", "Elena", "Farid", "Gloria", "Hugo", "Irene", "Joseph"]
LAST = [
    "Abebe",
    "Bangura",
    "Castillo",
    "Diaz",
    "Eze",
    "Flores",
    "Gomez",
    "Hassan",
    "Ivanova",
    "Juma",
]


def _questionnaire() -> Questionnaire:
    questionnaire = Questionnaire.objects.create(name="WGGI / Field Gender Focal Point exercise")
    for order, (en, fr, es, questions) in enumerate(SECTIONS, start=1):
        section = QuestionSection.objects.create(
            questionnaire=questionnaire, order=order, text_en=en, text_fr=fr, text_es=es
        )
        Question.objects.bulk_create(
            Question(section=section, order=n, code=code, text_en=q_en, text_fr=q_fr, text_es=q_es)
            for n, (code, q_en, q_fr, q_es) in enumerate(questions, start=1)
        )
    return questionnaire


def _answers(
    rng: random.Random, response: Response, questions: list[Question], lift: float
) -> list[Answer]:
    ratings = ["missing", "approaches", "approaches", "meets", "meets", "exceeds", "na"]
    out = []
    for q in questions:
        index = min(len(ratings) - 2, max(0, int(rng.gauss(2.6 + lift, 1.3))))
        rating = ratings[index] if rng.random() > 0.05 else "na"
        out.append(
            Answer(response=response, question=q, rating=rating, comment=rng.choice(COMMENTS))
        )
    return out


@transaction.atomic
def build_network(*, seed: int = 2000) -> bool:
    """Build the demo network once; False when it exists already (nothing is changed)."""
    if Questionnaire.objects.exists() or not Office.objects.filter(code="hq").exists():
        return False
    rng = random.Random(seed)
    today = timezone.localdate()
    hq = Office.objects.get(code="hq")
    gender = Department.objects.filter(code="gender").first()
    units = list(Department.objects.all())
    field_offices = list(Office.objects.exclude(kind=Office.Kind.HEADQUARTERS).order_by("code"))
    unusable = make_password(None)

    # The WGGI: the demo GFP at HQ plus 13 colleagues from the HQ units.
    existing = {u.username: u for u in User.objects.filter(username__in=["gfp", "gfp-field"])}
    new_people = [
        User(
            username=f"wggi-{last.lower()}",
            first_name=first,
            last_name=last,
            email=f"{first.lower()}.{last.lower()}@example.org",
            password=unusable,
        )
        for first, last in WGGI_PEOPLE
        if not (first == "Grace" and "gfp" in existing)
    ]
    User.objects.bulk_create(new_people)
    wggi = ([existing["gfp"]] if "gfp" in existing else []) + list(
        User.objects.filter(username__in=[u.username for u in new_people]).order_by("last_name")
    )
    WggiMember.objects.bulk_create(
        WggiMember(
            person=person,
            unit=gender if n == 0 else rng.choice(units) if units else None,
            role="Chair" if n == 0 else "Member",
            since=dt.date(2018 + n % 7, 1 + n % 12, 1),
        )
        for n, person in enumerate(wggi)
    )
    members = list(WggiMember.objects.all())
    for n, (title, agenda, minutes) in enumerate(
        [
            (
                "Launch of the self-assessment",
                "1. The questionnaire\n2. Deadlines\n3. Any other business",
                "The group agreed the **questionnaire** and a deadline of six weeks.\n\n"
                "- Focal points to brief their offices\n- The coordinator sends reminders",
            ),
            (
                "Global analysis of the exercise",
                "1. Response rate\n2. Findings by region",
                "Most offices answered. Data by sex and age remain the weakest area.",
            ),
            (
                "Plans of Action review",
                "1. Overdue actions\n2. Support to field focal points",
                "Regional focal points will follow up overdue actions with each office.",
            ),
        ]
    ):
        meeting = Meeting.objects.create(
            held_on=today - dt.timedelta(days=30 + 90 * n),
            title=title,
            agenda=agenda,
            minutes=minutes,
        )
        meeting.attendees.set(rng.sample(members, k=min(len(members), 9 + n)))

    # Field focal points: about four in five field offices have one.
    covered = [o for o in field_offices if rng.random() < 0.8]
    field_people = []
    for n, office in enumerate(covered):
        if office.code == "co-bd" and "gfp-field" in existing:
            field_people.append((office, existing["gfp-field"]))
            continue
        first, last = FIRST[n % len(FIRST)], LAST[(n * 3) % len(LAST)]
        field_people.append(
            (
                office,
                User(
                    username=f"gfp-{office.code}",
                    first_name=first,
                    last_name=last,
                    email=f"gfp-{office.code}@example.org",
                    password=unusable,
                ),
            )
        )
    User.objects.bulk_create([u for _o, u in field_people if u.pk is None])
    saved = {u.username: u for u in User.objects.filter(username__startswith="gfp-")}
    FocalPoint.objects.bulk_create(
        FocalPoint(
            person=saved.get(user.username, user),
            office=office,
            time_share=rng.choice([10, 15, 20, 25, 30, 40, 50]),
            appointed_on=today - dt.timedelta(days=rng.randint(60, 1500)),
            term_end=None
            if rng.random() < 0.7
            else today + dt.timedelta(days=rng.randint(30, 700)),
        )
        for office, user in field_people
    )
    if "gfp" in existing:
        FocalPoint.objects.create(
            person=existing["gfp"],
            office=hq,
            unit=gender,
            time_share=100,
            appointed_on=dt.date(2019, 1, 1),
        )

    # Plans of Action: a dozen offices, several with overdue actions.
    year = str(today.year)
    for n, office in enumerate(covered[:12]):
        plan = ActionPlan.objects.create(
            office=office,
            period=year,
            status=[PlanStatus.APPROVED, PlanStatus.SUBMITTED, PlanStatus.DRAFT][n % 3],
            summary="Priorities agreed with the Chief of Mission for the year.",
            approved_at=timezone.now() if n % 3 == 0 else None,
        )
        for order, title in enumerate(rng.sample(OBJECTIVES, k=2), start=1):
            objective = Objective.objects.create(plan=plan, order=order, title=title)
            Action.objects.bulk_create(
                Action(
                    objective=objective,
                    title=action,
                    owner=rng.choice(["Focal point", "Chief of Mission", "Programme officer"]),
                    deadline=today + dt.timedelta(days=rng.randint(-60, 120)),
                    status=rng.choice(
                        [ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.DONE]
                    ),
                )
                for action in rng.sample(ACTIONS, k=3)
            )
        PlanIndicator.objects.create(
            plan=plan,
            name="Share of new proposals with a gender analysis",
            baseline="40%",
            target="90%",
            current=f"{rng.randint(40, 85)}%",
        )

    # The exercise: last year's, closed and answered by most offices; this year's, half answered.
    questionnaire = _questionnaire()
    questions = list(Question.objects.filter(section__questionnaire=questionnaire))
    past = Campaign.objects.create(
        name=f"Self-assessment {today.year - 1}",
        questionnaire=questionnaire,
        opened_on=today - dt.timedelta(days=365),
        deadline=today - dt.timedelta(days=320),
        closed_at=timezone.now() - dt.timedelta(days=300),
        conclusions={"PR2": "Data by sex and age are the weakest area across regions."},
    )
    current = Campaign.objects.create(
        name=f"Self-assessment {today.year}",
        questionnaire=questionnaire,
        opened_on=today - dt.timedelta(days=20),
        deadline=today + dt.timedelta(days=10),
    )
    answers: list[Answer] = []
    for campaign, answered_share, lift in ((past, 0.85, 0.0), (current, 0.5, 0.3)):
        Response.objects.bulk_create(Response(campaign=campaign, office=o) for o in field_offices)
        for response in campaign.responses.all():
            draw = rng.random()
            if draw < answered_share:
                response.state = (
                    ResponseState.ACCEPTED if campaign is past else ResponseState.SUBMITTED
                )
                response.submitted_at = timezone.now()
                answers += _answers(rng, response, questions, lift)
            elif campaign is current and draw < answered_share + 0.15:
                response.state = ResponseState.DRAFT
                answers += _answers(rng, response, questions[:3], lift)
            response.save(update_fields=["state", "submitted_at"])
    Answer.objects.bulk_create(answers)

    # UN-SWAP reports: last year's approved, this year's draft.
    ratings = ["missing", "approaches", "meets", "meets", "exceeds"]
    for report_year, status in ((today.year - 1, "approved"), (today.year, "draft")):
        report = AnnualReport.objects.create(
            year=report_year,
            status=status,
            approved_at=timezone.now() if status == "approved" else None,
        )
        rows = []
        for pi in BY_NUMBER:
            rating = rng.choice(ratings) if status == "approved" or pi % 2 else ""
            rows.append(
                IndicatorRating(
                    report=report,
                    pi=pi,
                    rating=rating,
                    narrative="Rated by the gender coordinator with the WGGI." if rating else "",
                    action_plan="Steps agreed with the units concerned, due by the end of next year"
                    if rating in ("missing", "approaches")
                    else "",
                )
            )
        IndicatorRating.objects.bulk_create(rows)
    return True
