"""The fund's final report (.docx and PDF) from its allocations, selection, grants, and each
funded project's results matrix, progress reports and evaluations.

One list of blocks written by the network's .docx and PDF writers, so both files say the same.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from pat.network.export import Block, docx_bytes, pdf_bytes
from pat.pilotfund import monitoring, services
from pat.pilotfund.models import Fund, Grant


def _money(value: Decimal | None) -> str:
    return "–" if value is None else f"{value:,.2f}"


def _number(value: Decimal | None) -> str:
    # 30.00 reads as 30, 12.50 as 12.5: figures as people write them.
    return "–" if value is None else f"{value.normalize():f}"


def title(fund: Fund) -> str:
    return _("%(fund)s: final report") % {"fund": fund.name}


def _results(project: Any) -> list[Block]:
    from pat.projects.matrix import tree

    actuals = monitoring.latest_actuals(project)
    rows = [[_("Result"), _("Indicator"), _("Baseline"), _("Target"), _("Latest actual")]]
    for node in tree(project):
        indent = "  " * getattr(node, "depth", 0)
        indicators = list(node.indicators.all())
        if not indicators:
            rows.append([f"{indent}{node.code} {node.statement}", "–", "", "", ""])
        for indicator in indicators:
            rows.append(
                [
                    f"{indent}{node.code} {node.statement}",
                    indicator.statement,
                    _number(indicator.baseline_value),
                    _number(indicator.target_value),
                    _number(actuals.get(indicator.pk)),
                ]
            )
    if len(rows) == 1:
        return [("p", _("No results matrix."))]
    return [("table", rows)]


def _evaluations(project: Any) -> list[Block]:
    out: list[Block] = []
    for evaluation in project.evaluations.prefetch_related("recommendations"):
        out.append(
            (
                "p",
                _("%(title)s: %(kind)s, %(conduct)s, by %(evaluator)s (%(start)s – %(end)s).")
                % {
                    "title": evaluation.title,
                    "kind": evaluation.get_kind_display(),
                    "conduct": evaluation.get_conduct_display(),
                    "evaluator": evaluation.evaluator,
                    "start": evaluation.started_on.isoformat(),
                    "end": evaluation.finished_on.isoformat() if evaluation.finished_on else "…",
                },
            )
        )
        if evaluation.findings:
            out.append(("p", evaluation.findings))
        recommendations = list(evaluation.recommendations.all())
        if recommendations:
            rows = [
                [
                    _("Recommendation"),
                    _("Response"),
                    _("Action"),
                    _("Owner"),
                    _("Deadline"),
                    _("Status"),
                ]
            ]
            rows += [
                [
                    f"{r.number}. {r.text}",
                    r.get_response_display(),
                    r.action or "–",
                    r.owner or "–",
                    r.deadline.isoformat() if r.deadline else "–",
                    r.get_status_display(),
                ]
                for r in recommendations
            ]
            out.append(("table", rows))
    return out or [("p", _("No evaluation recorded."))]


def blocks(fund: Fund) -> list[Block]:
    out: list[Block] = [
        ("p", _("Prepared on %(day)s from PAT.") % {"day": timezone.localdate().isoformat()})
    ]
    if fund.purpose:
        out.append(("p", fund.purpose))
    out.append(("h1", _("Allocations and spending")))
    rows = [[_("Year"), _("Source"), _("Allocated"), _("Granted"), _("Disbursed"), _("Left")]]
    for row in services.fund_rows(fund):
        allocation = row["allocation"]
        rows.append(
            [
                str(allocation.year),
                allocation.get_source_display(),
                f"{_money(row['allocated'])} {allocation.currency}",
                _money(row["granted"]),
                _money(row["disbursed"]),
                _money(row["remaining"]),
            ]
        )
    out.append(("table", rows))
    out.append(("h1", _("Calls and selection")))
    for call in fund.calls.all():
        out.append(("h2", call.title))
        out.append(
            (
                "p",
                _("Open %(start)s to %(end)s; %(n)s proposals entered.")
                % {
                    "start": call.opens_on.isoformat(),
                    "end": call.deadline.isoformat(),
                    "n": call.proposals.count(),
                },
            )
        )
        table = [[_("Project"), _("Requested"), _("Score (of 100)"), _("Decision")]]
        for proposal in call.proposals.select_related("project"):
            scores = dict(proposal.scores.values_list("criterion", "score"))
            total = services.weighted_total(call, scores)
            table.append(
                [
                    f"{proposal.project.code} {proposal.project.title}",
                    _money(proposal.requested),
                    "–" if total is None else f"{total}",
                    proposal.get_state_display(),
                ]
            )
        out.append(("table", table))
    grants = list(Grant.objects.filter(allocation__fund=fund).select_related("proposal__project"))
    out.append(("h1", _("Grants")))
    table = [[_("Project"), _("Granted"), _("Disbursed"), _("State")]]
    for grant in grants:
        paid = sum((d.amount for d in grant.disbursements.all()), Decimal(0))
        table.append(
            [
                grant.proposal.project.code,
                _money(grant.amount),
                _money(paid),
                grant.get_state_display(),
            ]
        )
    out.append(("table", table))
    out.append(("h1", _("The funded projects")))
    for grant in grants:
        project = grant.proposal.project
        out.append(("h2", f"{project.code} {project.title}"))
        if project.objective:
            out.append(("p", project.objective))
        out.append(("h3", _("Results")))
        out.extend(_results(project))
        out.append(("h3", _("Progress reports")))
        reports = monitoring.reports_of(project)
        if reports:
            out.append(("bullets", [f"{r.title} · {r.period} · {r.state}" for r in reports]))
            for line in reports:
                if line.endorsed and line.achievements:
                    out.append(("p", f"{line.period}: {line.achievements}"))
                if line.endorsed and line.gender_results:
                    out.append(("p", f"{_('Gender results')}: {line.gender_results}"))
        else:
            out.append(("p", _("No progress report in PAT yet.")))
        out.append(("h3", _("Evaluations")))
        out.extend(_evaluations(project))
    return out


def docx(fund: Fund) -> bytes:
    return docx_bytes(title(fund), blocks(fund))


def pdf(fund: Fund) -> bytes:
    return pdf_bytes(title(fund), blocks(fund))
