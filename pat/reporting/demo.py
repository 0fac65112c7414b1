"""Demo progress reports: a few active projects of the demo country office report quarterly;
the first quarter is endorsed, the second in review, and the third is late.

Run by `pat demo` after the projects and reviews exist; written through the services, so
the sums, the review route and the freezing are the real ones.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from pat.core.models import User
from pat.projects.models import Indicator, Project, Status
from pat.proposals.demo import complete_proposal
from pat.reporting import services
from pat.reporting.models import ProgressReport, ReportingPeriod

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


@transaction.atomic
def build_reports(*, seed: int = 2000) -> int:
    """Give a few active projects their reports; returns how many reports were filed."""
    if ProgressReport.objects.exists():
        return 0
    developer = User.objects.filter(username="developer").first()
    regional = User.objects.filter(username="regional").first()
    gfp = User.objects.filter(username="gfp").first()
    if developer is None or regional is None or gfp is None:
        return 0
    today = timezone.localdate()
    rng = random.Random(seed)
    candidates = list(
        Project.objects.filter(
            executing_office__code="co-ng",
            status=Status.ACTIVE,
            start_date__lte=today - dt.timedelta(days=300),
            end_date__gt=today,
            results__indicators__counts_people=True,
        )
        .distinct()
        .order_by("code")[:DEMO_PROJECTS]
    )
    filed = 0
    for project in candidates:
        if not project.budget_lines.exists():
            complete_proposal(project=project, actor=developer, rng=rng)
        services.schedule_set(project=project, actor=developer, frequency="quarterly")
        # The last three periods that have ended: endorsed, in review, late.
        ended = list(
            ReportingPeriod.objects.filter(project=project, end__lt=today).order_by("-end")[:3]
        )
        ended.reverse()
        if len(ended) < 3:
            continue
        endorsed, in_review, _late = ended
        for number, period in enumerate((endorsed, in_review), start=1):
            report = services.report_start(period=period, actor=developer)
            report = services.report_save(
                report=report,
                actor=developer,
                expected_version=report.version,
                edit=_edit(project, rng, 0.2 * number),
            )
            report = services.report_submit(
                report=report, actor=developer, expected_version=report.version
            )
            filed += 1
            if period is endorsed:
                for review in report.reviews.all():
                    who = regional if review.kind == "regional" else gfp
                    services.review_decide(review=review, actor=who, decision="endorse")
    return filed
