"""Demo reviews: a few proposals of the demo organization in review, some of them late.

So that the inbox, the dashboard and the overdue list show something on the
first visit; run by `pat demo` after the projects exist.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from pat.core.models import Revision, User
from pat.projects.models import Project, Status
from pat.proposals.demo import complete_proposal
from pat.reviews.apps import REVIEWS_REVISION
from pat.reviews.models import ReviewTask
from pat.reviews.services import SubmissionIncomplete, review_submit

DEMO_REVIEWS = 8
LATE_EVERY = 3  # every third one is past its deadline
DEMO_REASON = "Demo data: let through to show the review pages."


@transaction.atomic
def build_reviews() -> int:
    """Submit a handful of the developer's draft proposals; returns how many were submitted."""
    if ReviewTask.objects.exists():
        return 0
    developer = User.objects.filter(username="developer").first()
    if developer is None:
        return 0
    candidates = list(
        Project.objects.filter(
            executing_office__code="co-ng", status__in=[Status.CONCEPT, Status.DRAFT]
        ).order_by("code")[:DEMO_REVIEWS]
    )
    rng = random.Random(2000)
    administrator = User.objects.filter(username="admin").first()
    for number, project in enumerate(candidates):
        # What a reviewer clears is a whole proposal: budget, work plan, risks, markers.
        complete_proposal(project=project, actor=developer, rng=rng)
        try:
            review_submit(project=project, actor=developer)
        except SubmissionIncomplete:
            if administrator is None:
                raise
            # A demo proposal short of the policy still shows the review pages.
            review_submit(project=project, actor=administrator, let_through=DEMO_REASON)
        if number % LATE_EVERY == 0:
            # Backdate this round so its deadlines have passed.
            tasks = ReviewTask.objects.filter(project=project, due_on__isnull=False)
            for task in tasks:
                assert task.due_on is not None  # filtered above
                task.due_on = task.due_on - dt.timedelta(days=21)
                task.created_at = task.created_at - dt.timedelta(days=25)
                if task.opened_at is not None:
                    task.opened_at = task.opened_at - dt.timedelta(days=25)
            ReviewTask.objects.bulk_update(tasks, ["due_on", "created_at", "opened_at"])
            # A bulk update is heard by no signal: the cached inboxes learn of it here.
            Revision.bump(REVIEWS_REVISION)
    return len(candidates)
