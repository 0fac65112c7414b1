"""Plans of Action, the global analysis and the annual report as .docx, XLSX and PDF.

Each document is one list of blocks (the shape `pat.core.pdf` takes: h1, h2, h3, p,
bullets, table), written by python-docx or fpdf2, so the Word and PDF files say the same.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from pat.core.pdf import render_pdf
from pat.network import rollup
from pat.network.analysis import Analysis
from pat.network.evidence import Evidence
from pat.network.models import ActionPlan, AnnualReport, IndicatorRating, Rating
from pat.network.swap import INDICATORS

Block = tuple[str, Any]


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _pct(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f}%"


def docx_bytes(title: str, blocks: Sequence[Block]) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(title, level=0)
    for kind, content in blocks:
        if kind in ("h1", "h2", "h3"):
            document.add_heading(str(content), level=int(kind[1]))
        elif kind == "p":
            document.add_paragraph(str(content))
        elif kind == "bullets":
            for line in content:
                document.add_paragraph(str(line), style="List Bullet")
        elif kind == "table":
            if not content:
                continue
            width = max(len(r) for r in content)
            table = document.add_table(rows=0, cols=width)
            table.style = "Table Grid"
            for row in content:
                cells = table.add_row().cells
                for i, value in enumerate(row):
                    cells[i].text = str(value)
        else:
            raise ValueError(f"unknown block kind {kind!r}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes(title: str, blocks: Sequence[Block]) -> bytes:
    return render_pdf(title, list(blocks))


# --- Plan of Action ----------------------------------------------------------------------------


def plan_title(plan: ActionPlan) -> str:
    return _("Plan of Action %(period)s, %(office)s (version %(n)s)") % {
        "period": plan.period,
        "office": plan.office,
        "n": plan.version,
    }


def plan_blocks(plan: ActionPlan) -> list[Block]:
    out: list[Block] = [("p", f"{_('Status')}: {plan.get_status_display()}")]
    if plan.summary:
        out.append(("p", plan.summary))
    for objective in plan.objectives.prefetch_related("actions__notes"):
        out.append(("h2", objective.title))
        rows = [[_("Action"), _("Owner"), _("Deadline"), _("Status"), _("Latest progress")]]
        for action in objective.actions.all():
            notes = list(action.notes.all())
            latest = f"{notes[0].on}: {notes[0].text}" if notes else "–"
            rows.append(
                [
                    action.title,
                    action.owner,
                    action.deadline.isoformat(),
                    action.get_status_display(),
                    latest,
                ]
            )
        out.append(("table", rows))
    indicators = list(plan.indicators.all())
    if indicators:
        out.append(("h2", _("Indicators")))
        out.append(
            (
                "table",
                [[_("Indicator"), _("Baseline"), _("Target"), _("Latest value")]]
                + [[i.name, i.baseline, i.target, i.current or "–"] for i in indicators],
            )
        )
    return out


def plan_xlsx(plan: ActionPlan) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = _("Actions")[:31]
    sheet.append(
        [_("Objective"), _("Action"), _("Owner"), _("Deadline"), _("Status"), _("Progress notes")]
    )
    for objective in plan.objectives.prefetch_related("actions__notes"):
        for action in objective.actions.all():
            notes = "\n".join(f"{n.on}: {n.text}" for n in action.notes.all())
            sheet.append(
                [
                    objective.title,
                    action.title,
                    action.owner,
                    action.deadline,
                    action.get_status_display(),
                    notes,
                ]
            )
    indicators = book.create_sheet(_("Indicators")[:31])
    indicators.append([_("Indicator"), _("Baseline"), _("Target"), _("Latest value")])
    for i in plan.indicators.all():
        indicators.append([i.name, i.baseline, i.target, i.current])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- global analysis ---------------------------------------------------------------------------


def analysis_title(analysis: Analysis) -> str:
    return _("Global analysis: %(name)s") % {"name": analysis.campaign.name}


def analysis_blocks(analysis: Analysis) -> list[Block]:
    ratings = [(code, str(label)) for code, label in Rating.choices]
    out: list[Block] = [
        (
            "p",
            _("%(answered)s of %(invited)s offices answered (%(rate)s). Deadline %(due)s.")
            % {
                "answered": analysis.answered,
                "invited": analysis.invited,
                "rate": _pct(analysis.rate),
                "due": analysis.campaign.deadline.isoformat(),
            },
        ),
        ("h1", _("Ratings per question")),
        (
            "table",
            [[_("Question"), *[label for _c, label in ratings], _("Mean (1–4)"), _("Change")]]
            + [
                [
                    line.question.code,
                    *[str(line.figures.counts.get(c, 0)) for c, _l in ratings],
                    _score(line.figures.mean),
                    _score(line.change),
                ]
                for line in analysis.lines
            ],
        ),
        ("h1", _("Mean rating by region")),
        (
            "table",
            [[_("Region"), *analysis.codes]]
            + [[label, *values] for label, values in analysis.region_table()],
        ),
        ("h1", _("Mean rating by office")),
        (
            "table",
            [[_("Office"), *analysis.codes]]
            + [[label, *values] for label, values in analysis.office_table()],
        ),
    ]
    for line in analysis.lines:
        out.append(("h2", f"{line.question.code}. {line.question.text}"))
        out.append(
            (
                "p",
                _("Mean %(mean)s; meets or exceeds: %(share)s.")
                % {"mean": _score(line.figures.mean), "share": _pct(line.figures.meets_share)},
            )
        )
        if line.comments:
            out.append(("bullets", [f"{office}: {text}" for office, text in line.comments]))
        out.append(("h3", _("Conclusions")))
        out.append(("p", line.conclusion or "–"))
    return out


# --- annual report -----------------------------------------------------------------------------


def report_title(report: AnnualReport) -> str:
    return _("UN-SWAP 2.0 annual report %(year)s") % {"year": report.year}


def report_blocks(
    report: AnnualReport,
    ratings: dict[int, IndicatorRating],
    evidence: dict[int, Evidence],
    previous: dict[int, str],
) -> list[Block]:
    names = dict(Rating.choices)
    scored = [r.rating for r in ratings.values() if r.rating]
    out: list[Block] = [
        (
            "p",
            _("Status: %(status)s. Indicators meeting or exceeding requirements: %(share)s.")
            % {
                "status": report.get_status_display(),
                "share": _pct(rollup.meets_share({r: scored.count(r) for r in set(scored)})),
            },
        ),
        (
            "table",
            [[_("PI"), _("Indicator"), _("Rating"), _("Previous year")]]
            + [
                [
                    str(pi.number),
                    str(pi.name),
                    str(names.get(ratings[pi.number].rating, "–")) if pi.number in ratings else "–",
                    str(names.get(previous.get(pi.number, ""), "–")),
                ]
                for pi in INDICATORS
            ],
        ),
    ]
    area = None
    for pi in INDICATORS:
        if pi.area != area:
            area = pi.area
            out.append(("h1", str(area)))
        row = ratings.get(pi.number)
        out.append(("h2", f"PI {pi.number}. {pi.name}"))
        out.append(("p", f"{_('Rating')}: {names.get(row.rating, '–') if row else '–'}"))
        if row and row.narrative:
            out.append(("p", row.narrative))
        filled = evidence.get(pi.number)
        if filled is not None:
            out.append(("h3", _("Evidence from PAT") + f" ({filled.source})"))
            if filled.lines:
                out.append(("bullets", filled.lines))
            if filled.table:
                out.append(("table", filled.table))
        if row and row.evidence:
            out.append(("h3", _("Further evidence")))
            out.append(("p", row.evidence))
        if row and row.action_plan:
            out.append(("h3", _("Action plan")))
            out.append(("p", row.action_plan))
    out.append(("p", _("Exported %(when)s.") % {"when": timezone.now().date().isoformat()}))
    return out
