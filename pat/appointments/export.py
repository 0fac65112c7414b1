"""The board's minutes as .docx and PDF: one list of blocks (the shape `pat.core.pdf` takes),
written by python-docx or fpdf2 as the network's documents are, so both files say the same."""

from __future__ import annotations

from django.utils.translation import gettext as _

from pat.appointments.models import Case, CaseEvent, Meeting, Sex
from pat.network.export import Block, docx_bytes, pdf_bytes

__all__ = ["docx_bytes", "minutes_blocks", "minutes_title", "pdf_bytes"]


def minutes_title(meeting: Meeting) -> str:
    return _("Minutes of the Appointments and Postings Board, %(date)s") % {
        "date": meeting.held_on.isoformat()
    }


def _shortlist(case: Case) -> list[list[str]]:
    rows = [[_("Candidate"), _("Sex"), _("Stage"), _("Meets the requirements")]]
    for c in case.vacancy.candidates.shortlist().select_related("channel"):
        rows.append(
            [
                c.name,
                c.sex_label,
                str(c.get_stage_display()),
                _("yes") if c.meets_requirements else _("no"),
            ]
        )
    return rows


def minutes_blocks(meeting: Meeting) -> list[Block]:
    out: list[Block] = [("p", meeting.title)]
    members = [str(m) for m in meeting.members.order_by("last_name", "first_name")]
    out.append(("p", f"{_('Members present')}: {', '.join(members) or '–'}"))
    if meeting.notes:
        out.append(("p", meeting.notes))
    cases = meeting.cases.select_related(
        "vacancy__grade", "vacancy__office", "recommended"
    ).order_by("pk")
    for number, case in enumerate(cases, start=1):
        vacancy = case.vacancy
        out.append(("h2", f"{number}. {vacancy.reference} {vacancy.title}"))
        out.append(
            (
                "p",
                _("Grade %(grade)s, %(office)s.")
                % {"grade": vacancy.grade, "office": vacancy.office},
            )
        )
        out.append(
            (
                "p",
                _("Special measures applied: women are under-represented at this level or office.")
                if case.special_measures
                else _("Special measures did not apply."),
            )
        )
        out.append(("h3", _("Shortlist")))
        out.append(("table", _shortlist(case)))
        if case.recommended is not None:
            out.append(
                (
                    "p",
                    _("Recommended: %(name)s (%(sex)s).")
                    % {"name": case.recommended.name, "sex": case.recommended.sex_label},
                )
            )
        if case.recommendation:
            out.append(("p", case.recommendation))
        if case.justification:
            out.append(("h3", _("Written justification")))
            out.append(("p", case.justification))
        if case.verdict:
            out.append(("h3", _("Gender Focal Point's review")))
            out.append(("p", f"{case.get_verdict_display()}. {case.review}".strip()))
        out.append(("h3", _("Decision")))
        out.append(
            (
                "p",
                f"{case.get_decision_display()}. {case.decision_note}".strip()
                if case.decision
                else _("No decision recorded."),
            )
        )
        history = [
            f"{e.at:%Y-%m-%d %H:%M} {e.get_kind_display()}{f' ({e.by})' if e.by else ''}"
            for e in case.events.select_related("by")
            if e.kind != CaseEvent.Kind.SCHEDULED
        ]
        if history:
            out.append(("bullets", history))
    if not cases:
        out.append(("p", _("No cases on the agenda.")))
    return out


SEX_ORDER = [Sex.FEMALE, Sex.MALE, Sex.SELF_DESCRIBED, Sex.UNDISCLOSED]
