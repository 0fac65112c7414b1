"""The demo tells the story: complete proposals in review, markers across the portfolio, a
reference library in three languages."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from pat.guide.models import LibraryDocument
from pat.markers.models import MarkerAssessment
from pat.projects.models import BeneficiaryCount, Project
from pat.proposals import services
from pat.proposals.models import BudgetLine, Risk, WorkPlanEntry
from pat.reviews.models import Purpose, ReviewTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    call_command("demo", "--projects", "120", stdout=io.StringIO())


def test_every_demo_proposal_in_review_is_complete(demo: None) -> None:
    # Proposals: a revision's review (the budget revision's demo) has its own story.
    proposals = ReviewTask.objects.filter(purpose=Purpose.PROPOSAL)
    in_review = Project.objects.filter(pk__in=proposals.values("project")).distinct()
    assert in_review.exists()
    for project in in_review:
        lines = BudgetLine.objects.filter(project=project)
        assert lines.count() >= 5
        assert sum(line.amount for line in lines) == project.budget
        assert Risk.objects.filter(project=project).count() >= 3
        activities = project.results.filter(level="activity")
        assert WorkPlanEntry.objects.filter(activity__in=activities).count() == activities.count()
        assert BeneficiaryCount.objects.filter(project=project, kind="planned").count() >= 4
        assert {"iom", "gam_design"} <= set(
            MarkerAssessment.objects.filter(project=project).values_list("scheme", flat=True)
        )
        snapshot = services.build_snapshot(project)
        assert all(snapshot["sections"][key].strip() for key in snapshot["sections"])
        counted = [i for r in snapshot["results"] for i in r["indicators"] if i["counts_people"]]
        assert counted and all(len(i["targets"]) >= 4 for i in counted)
        assert services.readiness_for(project, snapshot).score >= 80


def test_most_demo_projects_carry_markers_with_a_realistic_spread(demo: None) -> None:
    current = MarkerAssessment.objects.current()
    assessed = current.filter(scheme="iom").values("project").distinct().count()
    assert assessed >= 0.75 * Project.objects.count()
    codes = Counter(current.filter(scheme="iom").values_list("code", flat=True))
    assert len(codes) >= 4  # from 0 to principal, not one code everywhere
    assert max(codes.values()) < 0.5 * sum(codes.values())
    assert current.filter(scheme="gam_design").exists()
    assert current.filter(scheme="dac").exists()


def test_the_library_holds_our_notes_in_three_languages_as_readable_pdfs(demo: None) -> None:
    documents = LibraryDocument.objects.all()
    assert Counter(documents.values_list("language", flat=True)) == {"en": 2, "fr": 2, "es": 2}
    french = documents.get(title="L'analyse de genre en cinq questions")
    with french.file.open("rb") as handle:
        text = PdfReader(handle).pages[0].extract_text()
    assert "Qui est touché" in text
    call_command("demo", "--projects", "120", stdout=io.StringIO())
    assert LibraryDocument.objects.count() == 6  # added once
