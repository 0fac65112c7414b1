"""Demo candidates and the board: applicants through the funnel on the demo vacancies (one
with an all-male shortlist), the board's members, and a meeting with a case below parity
where a man is recommended over a qualified woman and the justification awaits the Gender
Focal Point's review."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from pat.appointments import services
from pat.appointments.models import BoardMember, Candidate, Outcome, Sex, Stage
from pat.core.models import User
from pat.recruitment.models import OutreachChannel, State, Vacancy

WOMEN = [
    "Aisha",
    "Chiara",
    "Ngozi",
    "Mariam",
    "Sofía",
    "Leila",
    "Anna",
    "Priya",
    "Fatima",
    "Hanna",
    "Grace",
    "Camille",
    "Yuki",
    "Rosa",
    "Amara",
    "Lucía",
    "Nadia",
    "Irina",
]
MEN = [
    "Tunde",
    "Marco",
    "Ibrahim",
    "Javier",
    "Karim",
    "Piotr",
    "Arjun",
    "Lars",
    "Samuel",
    "Julien",
    "Kenji",
    "Diego",
    "Omar",
    "Daniel",
    "Moussa",
    "Andrés",
    "Tariq",
    "Pavel",
]
SURNAMES = [
    "Bello",
    "Rossi",
    "Okafor",
    "Traoré",
    "Martínez",
    "Haddad",
    "Kowalska",
    "Raman",
    "Idrissi",
    "Berg",
    "Mwangi",
    "Laurent",
    "Tanaka",
    "Quispe",
    "Adeyemi",
    "Sow",
    "Gómez",
    "Mansour",
    "Nowak",
    "Mehta",
    "Nilsson",
    "Otieno",
    "Moreau",
    "Sato",
    "Huamán",
    "Farouk",
    "Schmidt",
]
ALL_MALE = "VN 2026/031"  # its shortlist is all men
# Where the demo looks for a case below parity, in order; the first under special measures
# on today's staffing figures goes to the board.
BOARD_CANDIDATES = ["VN 2026/034", "VN 2026/022", "VN 2026/031"]

# How many reached each stage (women, men), furthest stage last.
SHAPES: dict[str, list[tuple[str, int, int]]] = {
    "default": [
        ("applied", 14, 19),
        ("long_listed", 5, 7),
        ("shortlisted", 2, 2),
        ("interviewed", 1, 1),
    ],
    ALL_MALE: [("applied", 9, 22), ("long_listed", 3, 6), ("shortlisted", 0, 4)],
}


def _add(
    vacancy: Vacancy, stage: str, sex: str, name: str, channel: OutreachChannel | None
) -> Candidate:
    return Candidate.objects.create(
        vacancy=vacancy,
        name=name,
        email=f"{name.lower().replace(' ', '.')}@example.org",
        sex=sex,
        channel=channel,
        stage=stage,
        meets_requirements=stage != "applied",
    )


@transaction.atomic
def build_appointments(seed: int = 2000) -> bool:
    """Candidates, the board and one meeting, once; False when there are candidates already."""
    if Candidate.objects.exists():
        return False
    from pat.recruitment.demo import build_recruitment

    build_recruitment()  # the notices come first (it tops up and never duplicates)
    vacancies = list(
        Vacancy.objects.filter(state__in=(State.PUBLISHED, State.CLOSED, State.FILLED))
        .select_related("grade", "office")
        .order_by("reference")
    )
    if not vacancies:
        return False
    rng = random.Random(seed)
    channels: list[OutreachChannel | None] = [*OutreachChannel.objects.order_by("slug"), None]
    for vacancy in vacancies:
        pairs = [(f, s) for f in WOMEN + MEN for s in SURNAMES]
        rng.shuffle(pairs)
        women = iter(f"{f} {s}" for f, s in pairs if f in WOMEN)
        men = iter(f"{f} {s}" for f, s in pairs if f in MEN)
        counter = 0
        for stage, n_women, n_men in SHAPES.get(vacancy.reference, SHAPES["default"]):
            for sex, n, names in ((Sex.FEMALE, n_women, women), (Sex.MALE, n_men, men)):
                for _ in range(n):
                    counter += 1
                    name = next(names, None) or f"Applicant {vacancy.pk}-{counter}"
                    _add(vacancy, stage, sex, name, rng.choice(channels))
        # Somebody who describes themselves, and somebody who prefers not to say.
        Candidate.objects.create(
            vacancy=vacancy,
            name=f"Alex Rivera {vacancy.pk}",
            sex=Sex.SELF_DESCRIBED,
            sex_description="non-binary",
            channel=channels[0],
        )
        Candidate.objects.create(
            vacancy=vacancy, name=f"Sam Lee {vacancy.pk}", sex=Sex.UNDISCLOSED, channel=None
        )
        first = Candidate.objects.filter(vacancy=vacancy, stage=Stage.APPLIED).order_by("pk")
        Candidate.objects.filter(pk__in=list(first.values_list("pk", flat=True)[:3])).update(
            outcome=Outcome.WITHDRAWN
        )
    _build_board()
    return True


def _build_board() -> None:
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["admin", "gfp", "hr", "reviewer", "com"])
    }
    seats = [("admin", "chair"), ("reviewer", "member"), ("gfp", "gfp"), ("hr", "secretary")]
    for username, seat in seats:
        if username in users:
            BoardMember.objects.get_or_create(user=users[username], seat=seat)
    hr = users.get("hr")
    meeting = services.meeting_create(
        held_on=timezone.localdate() + dt.timedelta(days=7),
        title="Appointments and Postings Board",
        members=[users[u] for u, _seat in seats if u in users],
        actor=hr,
    )
    by_reference = {v.reference: v for v in Vacancy.objects.filter(reference__in=BOARD_CANDIDATES)}
    chosen = None
    for reference in BOARD_CANDIDATES:
        vacancy = by_reference.get(reference)
        if vacancy is None or vacancy.state not in (State.PUBLISHED, State.CLOSED):
            continue
        case = services.case_open(vacancy=vacancy, actor=hr)
        if case.special_measures:
            chosen = case
            break
        case.delete()
    if chosen is None:
        return
    case = chosen
    services.case_schedule(case=case, actor=hr, version=case.version, meeting=meeting)
    shortlist = list(case.vacancy.candidates.shortlist().order_by("pk"))
    man = next((c for c in shortlist if c.sex == Sex.MALE), None)
    woman = next((c for c in shortlist if c.sex == Sex.FEMALE), None)
    if man is None or woman is None:
        return
    Candidate.objects.filter(pk=woman.pk).update(meets_requirements=True)
    recommender = hr  # HR records the hiring office's recommendation and justification
    case.refresh_from_db()
    services.case_recommend(
        case=case,
        actor=recommender,
        version=case.version,
        candidate=man,
        text=(
            f"The panel ranks {man.name} first: eight years of field experience in "
            "reintegration and fluency in Hausa."
        ),
    )
    services.case_justify(
        case=case,
        actor=recommender,
        version=case.version,
        text=(
            f"{woman.name} meets the requirements. {man.name} is preferred because the post "
            "leads the migration data partnership with the national statistics offices, which "
            "he set up; the panel found his experience there substantially superior."
        ),
    )
