"""The proposal's steps and sections: order, word limits and guide pages (pure, no database).

Domain brief §7 gives the sections and most word limits; where a limit is our
own choice it is marked. A step is one page of the builder; a text step holds
one or more narrative sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Stage = Literal["concept", "full"]
Kind = Literal[
    "cover", "text", "risks", "results", "workplan", "budget", "beneficiaries", "markers"
]

# The summary, rationale and objective are the project's own fields: the project
# page shows them and search indexes them, so the builder writes them there and
# keeps no second copy. Every other narrative section lives in ProposalSection.
PROJECT_FIELDS: frozenset[str] = frozenset({"summary", "rationale", "objective"})


@dataclass(frozen=True)
class Section:
    key: str
    label: Promise
    guide: str
    limit: int | None = None  # words; None: no limit
    minimum: int | None = None  # words the readiness check asks for
    rows: int = 8
    help: Promise | str = ""


@dataclass(frozen=True)
class Step:
    key: str
    label: Promise
    kind: Kind
    stage: Stage
    guide: str
    sections: tuple[Section, ...] = ()


SECTIONS: dict[str, Section] = {
    s.key: s
    for s in (
        Section(
            "summary",
            _("Summary"),
            "summary",
            350,
            help=_("Context, problem, objective, and how activities lead to outputs and outcomes."),
        ),
        Section(
            "rationale",
            _("Rationale"),
            "rationale",
            600,
            rows=12,
            help=_(
                "The problem, for whom, why this approach, stakeholders, links to national, "
                "regional and global frameworks."
            ),
        ),
        Section(
            "gender-analysis",
            _("Gender analysis"),
            "gender-analysis",
            None,
            minimum=60,
            rows=10,
            help=_(
                "How the problem affects women, men, girls and boys differently, and what each "
                "group needs. Part of the rationale: counted in its 600 words."
            ),
        ),
        Section(
            "objective",
            _("Objective"),
            "results-matrix",
            60,  # our choice: one sentence or two
            rows=2,
            help=_("The objective the outcomes serve, in one or two sentences."),
        ),
        Section("partnerships", _("Partnerships and coordination"), "partnerships", 350),
        Section("sustainability", _("Sustainability"), "sustainability", 350),  # limit: ours
        Section("monitoring", _("Monitoring"), "monitoring", 350),  # limit: ours
        Section(
            "evaluation",
            _("Evaluation"),
            "evaluation",
            350,
            help=_("Objectives, type, method and timing of the evaluation."),
        ),
        Section("cc-gender", _("Gender"), "cross-cutting-themes", 150, rows=4),  # limits: ours
        Section("cc-human-rights", _("Human rights"), "cross-cutting-themes", 150, rows=4),
        Section("cc-environment", _("Environment"), "cross-cutting-themes", 150, rows=4),
        Section(
            "cc-accountability",
            _("Accountability to affected populations"),
            "cross-cutting-themes",
            150,
            rows=4,
        ),
    )
}

# Text caps: ten times a section's word limit at eight characters a word (a generous
# multiple: the limit is guidance, the cap bounds what pages, exports and comparisons of a
# proposal have to process), and 2,000 words' worth where a section has no limit.
CAP_FACTOR = 10
CHARS_PER_WORD = 8
UNLIMITED_WORDS = 2000


def max_chars(key: str) -> int:
    """The most characters the section's text may have."""
    section = SECTIONS.get(key)
    words = (section.limit if section else None) or UNLIMITED_WORDS
    return min(max(words, 150) * CAP_FACTOR * CHARS_PER_WORD, 50_000)


# The rationale's limit covers its gender analysis, which is a sub-section of it.
SHARED_LIMIT: dict[str, tuple[str, ...]] = {"rationale": ("rationale", "gender-analysis")}

STEPS: tuple[Step, ...] = (
    Step("cover", _("Cover page"), "cover", "concept", "cover"),
    Step("summary", _("Summary"), "text", "concept", "summary", (SECTIONS["summary"],)),
    Step(
        "rationale",
        _("Rationale and gender analysis"),
        "text",
        "concept",
        "rationale",
        (SECTIONS["rationale"], SECTIONS["gender-analysis"]),
    ),
    Step(
        "results",
        _("Results matrix"),
        "results",
        "concept",
        "results-matrix",
        (SECTIONS["objective"],),
    ),
    Step("beneficiaries", _("Beneficiaries"), "beneficiaries", "concept", "beneficiaries"),
    Step("markers", _("Gender markers"), "markers", "concept", "gender-markers"),
    Step(
        "partnerships",
        _("Partnerships and coordination"),
        "text",
        "full",
        "partnerships",
        (SECTIONS["partnerships"],),
    ),
    Step(
        "sustainability",
        _("Sustainability"),
        "text",
        "full",
        "sustainability",
        (SECTIONS["sustainability"],),
    ),
    Step("monitoring", _("Monitoring"), "text", "full", "monitoring", (SECTIONS["monitoring"],)),
    Step("evaluation", _("Evaluation"), "text", "full", "evaluation", (SECTIONS["evaluation"],)),
    Step("risks", _("Risk management plan"), "risks", "full", "risk-management"),
    Step(
        "cross-cutting",
        _("Cross-cutting themes"),
        "text",
        "full",
        "cross-cutting-themes",
        tuple(
            SECTIONS[k]
            for k in ("cc-gender", "cc-human-rights", "cc-environment", "cc-accountability")
        ),
    ),
    Step("work-plan", _("Work plan"), "workplan", "full", "work-plan"),
    Step("budget", _("Budget"), "budget", "full", "budget"),
)
STEP_BY_KEY: dict[str, Step] = {s.key: s for s in STEPS}
STEP_OF_SECTION: dict[str, str] = {sec.key: st.key for st in STEPS for sec in st.sections}
# Sections whose text the readiness check and the terminology checker read.
NARRATIVE: tuple[str, ...] = tuple(SECTIONS)

_WORD = re.compile(r"\S+")


def word_count(text: str) -> int:
    """Words as the page's counter counts them: runs of non-space characters."""
    return len(_WORD.findall(text))
