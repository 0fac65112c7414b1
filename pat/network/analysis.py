"""The global analysis of a campaign: the answers read in a few queries, then `rollup`.

Only submitted or accepted answers count; an office still answering is invited but not
answered. Questions are matched across exercises on their stable code.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from pat.core.regions import Region
from pat.network import rollup
from pat.network.heatmap import heatmap_svg
from pat.network.models import ANSWERED_STATES, Answer, Campaign, Question


@dataclass
class QuestionLine:
    question: Question
    figures: rollup.QuestionFigures
    change: float | None
    comments: list[tuple[str, str]]
    conclusion: str


@dataclass
class Analysis:
    campaign: Campaign
    previous: Campaign | None
    invited: int
    answered: int
    rate: float | None
    lines: list[QuestionLine]
    offices: list[tuple[str, str]]
    regions: list[tuple[str, str]]
    office_cells: dict[tuple[str, str], float | None]
    region_cells: dict[tuple[str, str], float | None]

    @property
    def codes(self) -> list[str]:
        return [line.question.code for line in self.lines]

    def office_svg(self) -> str:
        return heatmap_svg(
            self.offices, self.codes, self.office_cells, title=_("Mean rating by office")
        )

    def region_svg(self) -> str:
        return heatmap_svg(
            self.regions, self.codes, self.region_cells, title=_("Mean rating by region")
        )

    def office_table(self) -> list[tuple[str, list[str]]]:
        """Rows of mean scores as text ("–" where none): formatted here, not per cell in a
        template, because a 200-office table has thousands of cells."""
        return _table(self.offices, self.codes, self.office_cells)

    def region_table(self) -> list[tuple[str, list[str]]]:
        return _table(self.regions, self.codes, self.region_cells)


def _table(
    rows: list[tuple[str, str]], codes: list[str], cells: dict[tuple[str, str], float | None]
) -> list[tuple[str, list[str]]]:
    out = []
    for key, label in rows:
        values = [cells.get((key, code)) for code in codes]
        out.append((label, ["–" if v is None else f"{v:.2f}" for v in values]))
    return out


def answer_rows(campaign: Campaign) -> list[rollup.AnswerRow]:
    return [
        rollup.AnswerRow(
            office=office, region=region, question=code, rating=rating, comment=comment
        )
        for office, region, code, rating, comment in Answer.objects.filter(
            response__campaign=campaign, response__state__in=ANSWERED_STATES
        ).values_list(
            "response__office__name",
            "response__office__region",
            "question__code",
            "rating",
            "comment",
        )
    ]


def analyse(campaign: Campaign) -> Analysis:
    questions = list(
        Question.objects.filter(section__questionnaire=campaign.questionnaire_id).select_related(
            "section"
        )
    )
    codes = [q.code for q in questions]
    rows = answer_rows(campaign)
    figures = rollup.ratings_by_question(rows, codes)
    previous = campaign.previous()
    if previous is not None:
        before = {
            f.question: f.mean for f in rollup.ratings_by_question(answer_rows(previous), codes)
        }
        change = rollup.change_since(before, {f.question: f.mean for f in figures})
    else:
        change = dict.fromkeys(codes)
    comments = rollup.comments_by_question(rows)
    invited = campaign.responses.count()
    answered = campaign.responses.filter(state__in=ANSWERED_STATES).count()
    offices = sorted({r.office for r in rows})
    regions = sorted({r.region for r in rows})
    region_names = {k: str(v) for k, v in Region.choices}
    return Analysis(
        campaign=campaign,
        previous=previous,
        invited=invited,
        answered=answered,
        rate=rollup.response_rate(invited=invited, answered=answered),
        lines=[
            QuestionLine(
                question=q,
                figures=f,
                change=change.get(q.code),
                comments=comments.get(q.code, []),
                conclusion=str(campaign.conclusions.get(q.code, "")),
            )
            for q, f in zip(questions, figures, strict=True)
        ],
        offices=[(o, o) for o in offices],
        regions=[(r, region_names.get(r, r)) for r in regions],
        office_cells=rollup.grid(rows, by="office"),
        region_cells=rollup.grid(rows, by="region"),
    )
