"""The proposal as a Word document or a PDF, from a snapshot, in the interface language.

One list of blocks (the shape pat.core.pdf takes: h1, h2, p, bullets, table)
feeds both writers, so the two files always say the same thing.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from pat.core.pdf import render_pdf
from pat.projects.models import ResultNode, Sex
from pat.proposals.models import BudgetCategory, Level, Proposal
from pat.proposals.reading import scheme_name
from pat.proposals.sections import SECTIONS

Block = tuple[str, Any]

NARRATIVE_ORDER = (
    ("summary", ()),
    ("rationale", ("gender-analysis",)),
    ("partnerships", ()),
    ("sustainability", ()),
    ("monitoring", ()),
    ("evaluation", ()),
)
CROSS_CUTTING = ("cc-gender", "cc-human-rights", "cc-environment", "cc-accountability")


def labels() -> dict[str, str]:
    """Headings and field names in the active language."""
    names = {key: str(section.label) for key, section in SECTIONS.items()}
    names.update(
        {
            "cover": _("Cover page"),
            "results": _("Results matrix"),
            "work-plan": _("Work plan"),
            "budget": _("Budget"),
            "risks": _("Risk management plan"),
            "beneficiaries": _("Beneficiaries by sex and age"),
            "markers": _("Gender markers"),
            "cross-cutting": _("Cross-cutting themes"),
            "assumptions": _("assumptions"),
            "code": _("Project code"),
            "title": _("Title"),
            "executing_office": _("Executing office"),
            "region": _("Region"),
            "countries": _("Countries covered"),
            "project_type": _("Project type"),
            "donors": _("Donors"),
            "partners": _("Partners"),
            "start_date": _("Start date"),
            "end_date": _("End date"),
            "budget_amount": _("Estimated budget"),
            "currency": _("Currency"),
            "status": _("Status"),
            "stage": _("Stage"),
        }
    )
    return names


def amount(value: Any) -> str:
    """Money with two decimals and the language's grouping: 1,500,000.00 / 1 500 000,00."""
    number = _decimal(value)
    if number is None:
        return "–"
    return number_format(number, decimal_pos=2, use_l10n=True, force_grouping=True)


def quantity(value: Any) -> str:
    """A count or a measure as people write it: 60, 1,250, 12.5 (no trailing zeros)."""
    number = _decimal(value)
    if number is None:
        return "–"
    places = max(-number.normalize().as_tuple().exponent, 0)  # type: ignore[operator]
    return number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _or_dash(value: Any) -> str:
    if value in (None, "", []):
        return "–"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def blocks(snapshot: Mapping[str, Any]) -> list[Block]:
    names = labels()
    project = snapshot["project"]
    sections = snapshot.get("sections", {})
    sex_names = {k: str(v) for k, v in Sex.choices}
    level_names = {k: str(v) for k, v in Level.choices}
    out: list[Block] = [("h1", names["cover"])]
    budget_text = (
        f"{amount(project['budget'])} {project['currency']}" if project.get("budget") else "–"
    )
    out.append(
        (
            "table",
            [
                [_("Field"), _("Value")],
                [names["code"], project["code"]],
                [names["title"], project["title"]],
                [names["project_type"], _or_dash(project.get("project_type"))],
                [names["executing_office"], _or_dash(project.get("executing_office"))],
                [names["region"], _or_dash(project.get("region"))],
                [names["countries"], _or_dash(project.get("countries"))],
                [names["donors"], _or_dash(project.get("donors"))],
                [names["partners"], _or_dash(project.get("partners"))],
                [
                    _("Duration"),
                    f"{_or_dash(project.get('start_date'))} – {_or_dash(project.get('end_date'))}",
                ],
                [names["budget_amount"], budget_text],
            ],
        )
    )
    for key, subs in NARRATIVE_ORDER:
        out.append(("h1", names[key]))
        out.extend(_paragraphs(sections.get(key, "")))
        for sub in subs:
            out.append(("h2", names[sub]))
            out.extend(_paragraphs(sections.get(sub, "")))
    out.append(("h1", names["risks"]))
    risks = snapshot.get("risks", [])
    if risks:
        out.append(
            (
                "table",
                [[_("Risk"), _("Likelihood"), _("Impact"), _("Level"), _("Mitigation"), _("Owner")]]
                + [
                    [
                        r["risk"],
                        level_names.get(r["likelihood"], r["likelihood"]),
                        level_names.get(r["impact"], r["impact"]),
                        level_names.get(r["level"], r["level"]),
                        r["mitigation"],
                        r["owner"],
                    ]
                    for r in risks
                ],
            )
        )
    else:
        out.append(("p", "–"))
    out.append(("h1", names["cross-cutting"]))
    for key in CROSS_CUTTING:
        out.append(("h2", names[key]))
        out.extend(_paragraphs(sections.get(key, "")))
    out.append(("h1", names["results"]))
    if sections.get("objective"):
        out.append(("p", f"{names['objective']}: {sections['objective']}"))
    band_labels = snapshot.get("band_labels", {})
    result_levels = {k: str(v) for k, v in ResultNode.Level.choices}
    # One row per indicator, as a logical framework is laid out: the result on its first
    # indicator's row, then baseline, target (by sex and age) and means of verification.
    matrix = [
        [
            _("Result"),
            _("Indicator"),
            _("Baseline"),
            _("Target"),
            _("Means of verification"),
            _("Assumptions"),
        ]
    ]
    for row in snapshot.get("results", []):
        level = result_levels.get(row["level"], row["level"])
        result = f"{level} {row['code']}\n{row['statement']}"
        indicators = row["indicators"] or [None]
        for i, ind in enumerate(indicators):
            row_cells = ["", "", "", ""]
            if ind is not None:
                target = quantity(ind["target"]) if ind["target"] else "–"
                split = [
                    f"{sex_names.get(c['sex'], c['sex'])} "
                    f"{band_labels.get(str(c['band']), c['band'])}: {quantity(c['value'])}"
                    for c in ind["targets"]
                    if c["value"] is not None
                ]
                if split:
                    target += "\n" + "\n".join(split)
                row_cells = [
                    ind["statement"],
                    quantity(ind["baseline"]) if ind.get("baseline") else "–",
                    target,
                    ind.get("means_of_verification") or "–",
                ]
            matrix.append(
                [
                    result if i == 0 else "",
                    *row_cells,
                    (row["assumptions"] or "") if i == 0 else "",
                ]
            )
    out.append(("table", matrix))
    plan = snapshot.get("work_plan", {})
    out.append(("h1", names["work-plan"]))
    unit = _("Months") if plan.get("unit") == Proposal.PeriodUnit.MONTH else _("Quarters")
    out.append(
        (
            "table",
            [[_("Activity"), unit, _("Party responsible")]]
            + [
                [
                    f"{e['code']} {e['statement']}",
                    ", ".join(map(str, e["periods"])),
                    e["responsible"],
                ]
                for e in plan.get("entries", [])
            ],
        )
    )
    budget = snapshot.get("budget", {})
    out.append(("h1", names["budget"]))
    categories = {k: str(v) for k, v in BudgetCategory.choices}
    currency = budget.get("currency", "")
    out.append(
        (
            "table",
            [[_("Category"), _("Description"), _("Amount") + f" ({currency})"]]
            + [
                [
                    categories.get(b["category"], b["category"]),
                    b["description"],
                    amount(b["amount"]),
                ]
                for b in budget.get("lines", [])
            ]
            + [[_("Total"), "", amount(budget.get("total", "0"))]],
        )
    )
    if budget.get("warnings"):
        out.append(("bullets", list(budget["warnings"])))
    out.append(("h1", names["beneficiaries"]))
    planned = (snapshot.get("beneficiaries") or {}).get("planned", [])
    if planned:
        bands = list(dict.fromkeys(c["band"] for c in planned))
        cells = {(c["sex"], c["band"]): c["count"] for c in planned}
        table = [[_("Sex"), *bands, _("Total")]]
        for sex, sex_label in Sex.choices:
            values = [cells.get((sex, b)) for b in bands]
            table.append(
                [
                    str(sex_label),
                    *("–" if v is None else quantity(v) for v in values),
                    quantity(sum(v for v in values if v is not None)),
                ]
            )
        out.append(("table", table))
    else:
        out.append(("p", "–"))
    out.append(("h1", names["markers"]))
    markers = snapshot.get("markers", {})
    if markers:
        out.append(
            (
                "table",
                [[_("Marker"), _("Code")]]
                + [[scheme_name(s), m["code"]] for s, m in sorted(markers.items())],
            )
        )
    else:
        out.append(("p", _("No marker answered yet.")))
    return out


def _paragraphs(text: str) -> list[Block]:
    parts = [p.strip() for p in text.split("\n\n") if p.strip()]
    return [("p", p) for p in parts] or [("p", "–")]


def title_of(snapshot: Mapping[str, Any]) -> str:
    project = snapshot["project"]
    return f"{project['code']} {project['title']}"


def docx_bytes(snapshot: Mapping[str, Any]) -> bytes:
    from docx import Document
    from docx.enum.text import WD_BREAK

    document = Document()
    project = snapshot["project"]
    document.add_heading(project["title"], level=0)
    document.add_paragraph(project["code"])
    document.add_paragraph(_or_dash(project.get("executing_office")))
    document.add_paragraph(
        f"{_or_dash(project.get('start_date'))} – {_or_dash(project.get('end_date'))}"
    )
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for kind, content in blocks(snapshot):
        if kind in ("h1", "h2", "h3"):
            document.add_heading(content, level=int(kind[1]))
        elif kind == "p":
            document.add_paragraph(content)
        elif kind == "bullets":
            for line in content:
                document.add_paragraph(line, style="List Bullet")
        elif kind == "table":
            table = document.add_table(rows=len(content), cols=len(content[0]))
            table.style = "Table Grid"
            for r, row in enumerate(content):
                for c, value in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = str(value)
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(snapshot: Mapping[str, Any]) -> bytes:
    # Sections follow one another as in a written proposal, not one per page.
    return render_pdf(title_of(snapshot), blocks(snapshot), break_before_h1=False)
