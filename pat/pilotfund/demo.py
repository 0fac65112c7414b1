"""The demo pilot fund: the WGGI runs it from the call to the final report.

A fund paid from Discretionary Income with this year's allocation, a call with its rules
and criteria, nine proposals from country offices written in the builder and reviewed by
the fund's route, eight selected with their scores, grants paid in tranches, and
evaluations with management responses. Run by `pat demo` after the reviews; once.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from pat.core.models import User
from pat.evaluations import services as evaluations
from pat.pilotfund import services
from pat.pilotfund.models import Fund
from pat.projects.models import Donor, Project, Status

CRITERIA = [
    {"code": "gender", "name": "Gender analysis and targeting", "weight": 2, "max": 5},
    {"code": "innovation", "name": "Innovation and learning value", "weight": 1, "max": 5},
    {"code": "feasibility", "name": "Feasibility and budget", "weight": 1, "max": 5},
    {"code": "sustainability", "name": "Sustainability and scale-up", "weight": 1, "max": 5},
]
RULES = [
    {"rule": "max_budget", "value": "60000"},
    {"rule": "currency", "value": "USD"},
    {"rule": "max_months", "value": 24},
    {"rule": "requires", "value": ["summary", "objective", "gender-analysis"]},
    {"rule": "statuses", "value": ["concept", "draft"]},
]
PROPOSALS = 9  # eight are funded, as in the seed
CALL_TEXT = (
    "The Working Group on Gender Issues invites country offices to propose small pilot "
    "projects that test new ways of reaching migrant women and men, girls and boys. "
    "Eight projects will be funded from Discretionary Income for up to two years."
)
FINDINGS = (
    "The project reached more women than planned through the community outreach workers, "
    "while men were reached mostly at the border post. Sex-disaggregated records were kept "
    "from the second quarter; the first quarter's figures are estimates."
)
RECOMMENDATIONS = [
    (
        "Keep sex- and age-disaggregated records from the first day of any follow-up project.",
        "accepted",
        "Add the SADD register to the start-up checklist.",
        "Project manager",
        "done",
    ),
    (
        "Hire a second female outreach worker for the northern districts.",
        "partly",
        "One part-time outreach worker, funded from the savings on travel.",
        "Chief of Mission",
        "ongoing",
    ),
    (
        "Extend the project by twelve months.",
        "rejected",
        "The pilot ends as planned; lessons feed the scale-up proposal.",
        "",
        "not_started",
    ),
]


def _endorse(project: Project) -> None:
    """Drive the review to endorsement the way reviewers would, stage by stage."""
    from pat.reviews import services as reviews
    from pat.reviews.models import ReviewTask
    from pat.reviews.permissions import reviewers

    for _round in range(6):
        project.refresh_from_db(fields=["status"])
        if project.status != Status.IN_REVIEW:
            return
        for task in ReviewTask.objects.filter(project=project).open():
            people = reviewers(task)
            if not people:
                continue
            reviews.task_decide(
                task=task,
                actor=people[0],
                decision="endorse_with_comments",
                note="Fits the fund's purpose; see the budget remarks in the call's criteria.",
            )


def _start(projects: list[Project], *, actor: User, rng: random.Random) -> None:
    """The pilots paid in full are running, with their quarterly progress reports.

    The demo compresses the fund's calendar: these pilots started some eleven months ago
    (the mid-term evaluations below look at them), for eighteen months, so
    three quarters have ended: one report endorsed, one in review, one late.
    """
    from pat.projects.services import project_update, status_move
    from pat.reporting.demo import file_reports

    start = timezone.localdate() - dt.timedelta(days=330)
    for project in projects:
        project = project_update(
            project=project,
            actor=actor,
            expected_version=project.version,
            fields={"start_date": start, "end_date": start + dt.timedelta(days=540)},
        )
        status_move(project=project, actor=actor, sources=[Status.ENDORSED], to=Status.ACTIVE)
        project.refresh_from_db()
        if project.status == Status.ACTIVE:
            file_reports(project=project, writer=actor, rng=rng)


@transaction.atomic
def build_pilot_fund(*, seed: int = 2000) -> bool:
    """Returns False when a fund exists already (nothing is added)."""
    from pat.projects.services import project_update
    from pat.proposals.demo import complete_proposal

    if Fund.objects.exists():
        return False
    coordinator = User.objects.filter(username="coordinator").first()
    administrator = User.objects.filter(username="admin").first()
    if coordinator is None or administrator is None:
        return False
    rng = random.Random(seed)
    today = timezone.localdate()
    donor, _created = Donor.objects.get_or_create(
        code="discretionary-income",
        defaults={
            "name": "Discretionary Income",
            "name_fr": "Revenu discrétionnaire",
            "name_es": "Ingresos discrecionales",
        },
    )
    fund = services.fund_create(
        actor=coordinator,
        code="gender-pilot",
        name="Gender pilot fund",
        donor=donor,
        purpose=(
            "Small gender-focused pilot projects paid from Discretionary Income, monitored "
            "and evaluated by the WGGI, which prepares the final report."
        ),
        review_department="gender",
    )
    allocation = services.allocation_set(
        fund=fund,
        actor=coordinator,
        year=today.year,
        amount=Decimal("400000.00"),
        source="discretionary",
    )
    call = services.call_create(
        fund=fund,
        actor=coordinator,
        fields={
            "allocation": allocation,
            "title": f"Gender pilot projects {today.year}",
            "text": CALL_TEXT,
            "opens_on": today - dt.timedelta(days=90),
            "deadline": today + dt.timedelta(days=1),
            "eligibility": RULES,
            "criteria": CRITERIA,
        },
    )
    services.call_move(call=call, actor=coordinator, action="open", expected_version=call.version)
    candidates = list(
        Project.objects.filter(status__in=[Status.CONCEPT, Status.DRAFT], review_tasks=None)
        .exclude(executing_office__code="co-ng")  # the reviews demo uses those
        .order_by("code")[:PROPOSALS]
    )
    proposals = []
    for project in candidates:
        # The office writes its pilot in the builder: a small budget over 18 months.
        budget = Decimal(rng.randrange(35_000, 58_000, 500))
        start = today + dt.timedelta(days=30)
        project = project_update(
            project=project,
            actor=administrator,
            expected_version=project.version,
            fields={
                "budget": budget,
                "currency": "USD",
                "start_date": start,
                "end_date": start + dt.timedelta(days=540),
            },
        )
        complete_proposal(project=project, actor=administrator, rng=rng)
        project.refresh_from_db()
        proposal = services.proposal_enter(
            call=call, project=project, actor=administrator, requested=budget
        )
        proposal = services.proposal_submit(
            proposal=proposal,
            actor=administrator,
            let_through="Demo data: a pilot proposal let through to show the fund's review.",
        )
        _endorse(project)
        proposals.append(proposal)
    call.refresh_from_db()
    services.call_move(call=call, actor=coordinator, action="close", expected_version=call.version)
    ranked = []
    for proposal in proposals:
        scores = {str(c["code"]): rng.randint(2, 5) for c in CRITERIA}
        services.scores_record(proposal=proposal, actor=coordinator, scores=scores)
        ranked.append((services.weighted_total(call, scores) or Decimal(0), proposal))
    ranked.sort(key=lambda pair: pair[0], reverse=True)
    running: list[Project] = []  # the pilots paid in full
    for number, (_total, proposal) in enumerate(ranked):
        proposal.refresh_from_db()
        funded = number < 8 and proposal.project.status == Status.ENDORSED
        services.proposal_decide(
            proposal=proposal,
            actor=coordinator,
            decision="select" if funded else "reject",
            note="" if funded else "Ranked ninth: the allocation funds eight pilots.",
            expected_version=proposal.version,
        )
        if funded:
            grant = services.grant_award(
                proposal=proposal, actor=coordinator, amount=proposal.requested
            )
            first = (grant.amount * Decimal("0.6")).quantize(Decimal("0.01"))
            services.disbursement_record(
                grant=grant,
                actor=coordinator,
                amount=first,
                paid_on=today - dt.timedelta(days=20),
                reference=f"DI-{today.year}-{number + 1:03d}-1",
            )
            if number % 2 == 0:
                services.disbursement_record(
                    grant=grant,
                    actor=coordinator,
                    amount=grant.amount - first,
                    paid_on=today - dt.timedelta(days=2),
                    reference=f"DI-{today.year}-{number + 1:03d}-2",
                )
                running.append(proposal.project)
    call.refresh_from_db()
    services.call_move(call=call, actor=coordinator, action="decide", expected_version=call.version)
    _start(running, actor=administrator, rng=rng)
    for number, (_total, proposal) in enumerate(ranked[:3]):
        evaluation = evaluations.evaluation_create(
            project=proposal.project,
            actor=coordinator,
            fields={
                "title": f"Mid-term evaluation of {proposal.project.code}",
                "kind": "midterm" if number else "final",
                "conduct": "external" if number else "internal",
                "evaluator": "Independent evaluator" if number else "WGGI evaluation team",
                "started_on": today - dt.timedelta(days=15),
                "finished_on": today - dt.timedelta(days=3),
                "findings": FINDINGS,
            },
        )
        for text, response, action, owner, status in RECOMMENDATIONS:
            item = evaluations.recommendation_add(
                evaluation=evaluation, actor=coordinator, text=text
            )
            evaluations.response_record(
                recommendation=item,
                actor=coordinator,
                expected_version=item.version,
                fields={
                    "response": response,
                    "action": action,
                    "owner": owner,
                    "deadline": today + dt.timedelta(days=90),
                    "status": status,
                },
            )
    return True
