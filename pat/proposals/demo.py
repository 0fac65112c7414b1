"""Demo proposals that are complete: what a reviewer of the demo sees on a task page.

Every section written, a budget that adds up to the project's estimate, a work plan over
the project's periods, a risk plan, planned beneficiaries by sex and age, baselines, and the
IOM and IASC markers answered. Written through the builder's services (as a developer
would), so history and readiness see them as real work.
"""

from __future__ import annotations

import random
from decimal import Decimal

from django.db import transaction

from pat.core.models import User
from pat.markers.services import assessment_save
from pat.projects import services as project_services
from pat.projects.models import AgeBand, BeneficiaryCount, Indicator, Project, ResultNode
from pat.proposals import services
from pat.proposals.services import period_count

SECTIONS = {
    "gender-analysis": (
        "Consultations held separately with women and men among {group} in {country} show "
        "that women have less access to information, identity documents and paid work, and "
        "carry most of the care of children and older relatives; men face pressure to migrate "
        "for work and stigma when they return without savings. Girls leave school earlier than "
        "boys in the areas covered. Survivors of gender-based violence rarely report it, "
        "because services are far away and staff are mostly men. The project therefore holds "
        "sessions at times and places women can attend, offers childcare, recruits women "
        "caseworkers and counts every result by sex and age."
    ),
    "partnerships": (
        "The project works with the national authorities responsible for migration and "
        "labour, with UN Women and UNICEF on protection, and with two women-led civil society "
        "organizations that run community centres. A steering committee meets every quarter "
        "and includes a women's organization as a full member."
    ),
    "sustainability": (
        "Training materials and referral procedures are handed over to the ministry, which "
        "has committed to include them in its own curriculum. Community facilitators, half of "
        "them women, are trained to continue the information sessions after the project ends."
    ),
    "monitoring": (
        "Indicators are measured every quarter from attendance lists, pre- and post-training "
        "tests and case files, all disaggregated by sex and age. Feedback boxes and a hotline "
        "answered by women and men staff collect complaints, which are reviewed monthly."
    ),
    "evaluation": (
        "An external final evaluation in the last quarter will assess relevance, "
        "effectiveness and sustainability, with a gender-responsive method: separate focus "
        "groups with women and men and a team that includes a gender specialist."
    ),
    "cc-gender": (
        "Gender is addressed throughout: the gender analysis shapes the activities, targets "
        "are set by sex and age, and a share of the budget pays for childcare and women staff."
    ),
    "cc-human-rights": (
        "Activities follow a rights-based approach: informed consent, confidentiality of "
        "personal data and referral to legal aid for people whose rights were violated."
    ),
    "cc-environment": (
        "Training is held in existing community buildings, materials are printed locally on "
        "recycled paper, and travel is grouped to limit emissions."
    ),
    "cc-accountability": (
        "Affected people are consulted at design, can give feedback through several channels, "
        "including one run by women for women, and are told what changed as a result."
    ),
}
RISKS = [
    {
        "risk": "Insecurity restricts access to some communities",
        "likelihood": "medium",
        "impact": "high",
        "mitigation": "Remote follow-up by phone and local partners; sessions moved to safer sites",
        "owner": "Chief of Mission",
    },
    {
        "risk": "Women cannot attend because of care duties",
        "likelihood": "high",
        "impact": "medium",
        "mitigation": "Childcare on site, sessions at times women choose, transport paid",
        "owner": "Project manager",
    },
    {
        "risk": "Turnover of trained government staff",
        "likelihood": "medium",
        "impact": "medium",
        "mitigation": "Train trainers inside the ministry; materials handed over",
        "owner": "Project manager",
    },
]
# Shares of the budget, in the order the lines are written.
BUDGET = [
    ("staff", "Project manager, two caseworkers (one woman at least)", Decimal("0.24")),
    ("office", "Office rent and communications", Decimal("0.05")),
    ("operational", "Training sessions, childcare and transport for participants", Decimal("0.5")),
    ("travel", "Field visits to the communities covered", Decimal("0.08")),
    ("equipment", "Laptops and tablets for case management", Decimal("0.05")),
    ("other", "Final evaluation", Decimal("0.08")),
]


@transaction.atomic
def complete_proposal(*, project: Project, actor: User, rng: random.Random) -> None:
    """Fill every part of the proposal the review reads (idempotent enough for the demo)."""
    country = project.countries.first()
    words = {
        "country": country.name if country else "the countries covered",
        "group": "the people the project serves",
    }
    for key, text in SECTIONS.items():
        row = services.section_row(project, key)
        services.section_save(
            project=project,
            key=key,
            text=text.format(**words),
            expected_version=row.version,
            actor=actor,
        )
    services.risks_save(
        project=project, actor=actor, expected_version=_version(project, "risks"), rows=RISKS
    )
    total = project.budget or Decimal(500_000)
    amounts = [(total * share).quantize(Decimal(1)) for _c, _d, share in BUDGET]
    amounts[-1] += total - sum(amounts)  # the lines add up to the estimate exactly
    lines = [
        {"category": c, "description": d, "amount": amount}
        for (c, d, _share), amount in zip(BUDGET, amounts, strict=True)
    ]
    services.budget_save(
        project=project, actor=actor, expected_version=_version(project, "budget"), lines=lines
    )
    unit = "quarter"
    periods = max(period_count(project, unit), 1)
    activities = ResultNode.objects.filter(project=project, level=ResultNode.Level.ACTIVITY)
    entries = {}
    for i, activity in enumerate(activities.order_by("code")):
        first = min(1 + i, periods)
        entries[activity.pk] = (
            list(range(first, periods + 1)),
            "Project manager with the ministry" if i % 2 == 0 else "Partner NGO",
        )
    services.work_plan_save(
        project=project,
        actor=actor,
        expected_version=_version(project, "work-plan"),
        unit=unit,
        entries=entries,
    )
    bands = list(AgeBand.objects.filter(band_set__code="children-adults").order_by("min_age"))
    counts: dict[tuple[str, int], int | None] = {}
    for band in bands:
        adult = band.min_age >= 18
        counts[("female", band.pk)] = rng.randint(300, 900) if adult else rng.randint(80, 300)
        counts[("male", band.pk)] = rng.randint(200, 700) if adult else rng.randint(80, 300)
    project.refresh_from_db(fields=["version"])
    project_services.beneficiaries_set(
        project=project,
        actor=actor,
        expected_version=project.version,
        kind=BeneficiaryCount.Kind.PLANNED,
        counts=counts,
    )
    Indicator.objects.filter(result__project=project, counts_people=False).update(
        baseline_value=Decimal(rng.randint(20, 40))
    )
    assessment_save(
        project=project,
        scheme="iom",
        answers={
            "needs_assessment": True,
            "results_matrix": True,
            "activities": True,
            "principal_purpose": rng.random() < 0.3,
        },
        evidence={},
        actor=actor,
    )
    assessment_save(
        project=project,
        scheme="gam_design",
        answers={"A": 4, "D": rng.choice([3, 4]), "G": 4, "J": rng.choice([2, 4])},
        evidence={},
        actor=actor,
    )


def _version(project: Project, key: str) -> int:
    return services.section_row(project, key).version
