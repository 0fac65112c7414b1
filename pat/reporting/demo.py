"""Demo progress reports: a few active projects (the demo country office's first) and the
pilot fund's running pilots report quarterly; of the last three quarters, the first is
endorsed, the second in review, and the third is late.

Run by `pat demo` after the projects and reviews exist; written through the services, so
the sums, the review route and the freezing are the real ones.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any, cast

from django.db import transaction
from django.db.models import Case, When
from django.utils import timezone

from pat.core.models import User
from pat.projects.models import Indicator, Project, Status
from pat.proposals.demo import complete_proposal
from pat.reporting import services
from pat.reporting.models import ProgressReport, ReportingPeriod
from pat.reviews.models import ReviewTask

DEMO_PROJECTS = 4

ACHIEVEMENTS = (
    "Case management and psychosocial support started in the two target states; "
    "community outreach teams were trained."
)
CHALLENGES = "Insecurity closed one access road for three weeks; referrals were delayed."
GENDER_RESULTS = (
    "Women and girls were most of those reached: women through the safe spaces, girls "
    "through the schools. Men came to the information sessions but rarely to counselling; "
    "the team added a male counsellor. Boys were the hardest to reach."
)


def _edit(project: Project, rng: random.Random, share: float) -> services.ReportEdit:
    actuals: dict[int, services.ActualEdit] = {}
    indicators = Indicator.objects.filter(result__project=project).prefetch_related(
        "values", "band_set__bands"
    )
    for indicator in indicators:
        if indicator.counts_people:
            cells = {}
            for target in indicator.values.filter(kind="target"):
                if target.value is None:
                    continue
                cells[(target.sex, target.band_id)] = Decimal(
                    int(target.value * Decimal(share) * Decimal(rng.uniform(0.7, 1.2)))
                )
            actuals[indicator.pk] = services.ActualEdit(
                value=sum(cells.values(), Decimal(0)),
                cells=cells,
                means_of_verification="Case files and attendance sheets",
            )
        elif indicator.target_value is not None:
            actuals[indicator.pk] = services.ActualEdit(
                value=(indicator.target_value * Decimal(share)).quantize(Decimal(1)),
                means_of_verification="Monitoring visit reports",
            )
        else:
            actuals[indicator.pk] = services.ActualEdit(comment="Measured at mid-term.")
    spending = {
        line.pk: (line.amount * Decimal(share)).quantize(Decimal("0.01"))
        for line in project.budget_lines.all()
    }
    return services.ReportEdit(
        achievements=ACHIEVEMENTS,
        challenges=CHALLENGES,
        gender_results=GENDER_RESULTS,
        actuals=actuals,
        spending=spending,
        gam_answers={m: rng.choice("34") for m in "ABCDEFGHIJKL"} | {"targeted": False},
    )


def _decider(review: ReviewTask) -> User | None:
    """Someone who may decide the review (the regional office's reviewer, the focal point)."""
    from pat.reviews.permissions import eligible_users

    people = eligible_users(cast(Any, review))
    return next((u for u in people if services.may_decide(u, review)), None)


def file_reports(*, project: Project, writer: User, rng: random.Random) -> int:
    """Give one active project its quarterly reports: two filed (the first endorsed where
    someone may endorse it, the second in review) and the third quarter late.

    The project's dates move (with history, through the projects services) when three
    quarters have not ended, or a fourth has, so that it has those reports and only one
    late. Nothing when the project has reports already: the demo tops up, it never files
    twice. Returns the reports filed.
    """
    from pat.projects.services import project_update

    if ProgressReport.objects.filter(project=project).exists():
        return 0
    today = timezone.localdate()
    fields: dict[str, Any] = {}
    start, end = project.start_date, project.end_date
    if start is None or not today - dt.timedelta(days=365) < start <= today - dt.timedelta(
        days=300
    ):
        fields["start_date"] = today - dt.timedelta(days=330)
    if end is None or end <= today + dt.timedelta(days=90):
        fields["end_date"] = today + dt.timedelta(days=240)
    if fields:
        project = project_update(
            project=project, actor=writer, expected_version=project.version, fields=fields
        )
    if not project.budget_lines.exists():
        complete_proposal(project=project, actor=writer, rng=rng)
    services.schedule_set(project=project, actor=writer, frequency="quarterly")
    ended = list(ReportingPeriod.objects.filter(project=project, end__lt=today).order_by("end"))
    if len(ended) != 3:
        return 0
    endorsed, in_review, _late = ended
    filed = 0
    for number, period in enumerate((endorsed, in_review), start=1):
        report = services.report_start(period=period, actor=writer)
        report = services.report_save(
            report=report,
            actor=writer,
            expected_version=report.version,
            edit=_edit(project, rng, 0.2 * number),
        )
        report = services.report_submit(
            report=report, actor=writer, expected_version=report.version
        )
        filed += 1
        if period is endorsed:
            for review in report.reviews.order_by("stage", "pk"):
                who = _decider(review)
                if who is not None:
                    services.review_decide(review=review, actor=who, decision="endorse")
    return filed


def _writer(project: Project, people: list[User]) -> User | None:
    return next((u for u in people if services.can_write(u, project)), None)


@transaction.atomic
def build_reports(*, seed: int = 2000) -> int:
    """Give a few active projects their reports, the demo country office's first; returns
    how many reports were filed (none on a second run: projects with reports count, and
    are not filed again)."""
    people = list(User.objects.filter(username__in=["developer", "admin"]).order_by("username"))
    people.sort(key=lambda u: u.username != "developer")  # the office's own writer first
    if not people:
        return 0
    today = timezone.localdate()
    rng = random.Random(seed)
    candidates = (
        Project.objects.filter(
            status=Status.ACTIVE,
            end_date__gt=today,
            results__indicators__counts_people=True,
        )
        .distinct()
        .annotate(
            elsewhere=Case(When(executing_office__code="co-ng", then=0), default=1),
        )
        .order_by("elsewhere", "code")
    )
    filed = chosen = 0
    # A list, not an iterator: filing writes to the projects being read.
    for project in list(candidates[: DEMO_PROJECTS * 10]):
        if chosen >= DEMO_PROJECTS:
            break
        if ProgressReport.objects.filter(project=project).exists():
            chosen += 1  # reported by an earlier run: it counts, it is not filed again
            continue
        writer = _writer(project, people)
        if writer is None:
            continue
        made = file_reports(project=project, writer=writer, rng=rng)
        if made:
            chosen += 1
            filed += made
    return filed
