"""Candidates per vacancy, their stages, and the Appointments and Postings Board (APB).

A candidate's `stage` is the furthest step of the funnel reached; `outcome` says whether they
are still in the running. Every stage change is a `StageChange` row. A board `Case` is a
vacancy with its shortlist and the hiring office's recommendation; what may happen next is
decided by the pure `rules` module from what the case holds, and every step is a `CaseEvent`.
Candidate records are anonymised some time after the vacancy is filled
(`pat recruitment_purge`): the counts stay, the names and addresses go.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pat.appointments import funnel, rules

TEXT_MAX_CHARS = 8000  # justifications, reviews, notes: a few pages at most


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    SELF_DESCRIBED = "self", _("Self-described")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


class Stage(models.TextChoices):
    APPLIED = "applied", _("Applied")
    LONG_LISTED = "long_listed", _("Long-listed")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    INTERVIEWED = "interviewed", _("Interviewed")
    RECOMMENDED = "recommended", _("Recommended")
    SELECTED = "selected", _("Selected")


class Outcome(models.TextChoices):
    IN = "in", _("In the running")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REJECTED = "rejected", _("Not retained")


class CandidateQuerySet(models.QuerySet["Candidate"]):
    def shortlist(self) -> CandidateQuerySet:
        """Those who reached the shortlist (or further) and are still in the running."""
        past = [s for s in Stage.values if funnel.reached(s, Stage.SHORTLISTED)]
        return self.filter(stage__in=past).exclude(outcome=Outcome.WITHDRAWN)


class Candidate(models.Model):
    vacancy = models.ForeignKey(
        "recruitment.Vacancy",
        verbose_name=_("vacancy"),
        on_delete=models.CASCADE,
        related_name="candidates",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    sex = models.CharField(_("sex"), max_length=12, choices=Sex.choices)
    sex_description = models.CharField(
        _("self-description"),
        max_length=100,
        blank=True,
        help_text=_("Only when the candidate describes themselves."),
    )
    channel = models.ForeignKey(
        "recruitment.OutreachChannel",
        verbose_name=_("channel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="candidates",
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default="applied")
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default="in")
    meets_requirements = models.BooleanField(_("meets the requirements"), default=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    version = models.PositiveIntegerField(default=1)

    objects = CandidateQuerySet.as_manager()

    class Meta:
        ordering = ["vacancy", "name", "pk"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        indexes = [models.Index(fields=["vacancy", "stage"], name="candidate_vacancy_stage")]

    def __str__(self) -> str:
        return self.name

    def as_rule(self) -> rules.Candidate:
        return rules.Candidate(
            sex=self.sex,
            meets_requirements=self.meets_requirements,
            withdrawn=self.outcome == Outcome.WITHDRAWN,
        )

    @property
    def sex_label(self) -> str:
        if self.sex == Sex.SELF_DESCRIBED and self.sex_description:
            return self.sex_description
        return str(self.get_sex_display())


class StageChange(models.Model):
    """One move of a candidate through the funnel (or out of it)."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_stage = models.CharField(max_length=12, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=12, choices=Stage.choices)
    from_outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    to_outcome = models.CharField(max_length=10, choices=Outcome.choices, default="in")
    source = models.CharField(max_length=20, default="page")  # page, import, board

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self) -> str:
        return f"{self.from_stage or '-'} → {self.to_stage}"


class BoardMember(models.Model):
    """A seat on the Appointments and Postings Board."""

    class Seat(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")
        FOCAL_POINT = "gfp", _("Gender Focal Point (ex officio)")
        SECRETARY = "secretary", _("Secretary")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="board_seats",
    )
    seat = models.CharField(_("seat"), max_length=10, choices=Seat.choices, default="member")
    since = models.DateField(_("since"), default=timezone.localdate)
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["seat", "user__last_name"]
        verbose_name = _("board member")
        verbose_name_plural = _("board members")
        constraints = [
            models.UniqueConstraint(fields=["user", "seat"], name="board_member_unique_seat")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_seat_display()}"


class Meeting(models.Model):
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members present"), related_name="apb_meetings"
    )
    notes = models.TextField(_("notes for the minutes"), blank=True, max_length=TEXT_MAX_CHARS)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("board meeting")
        verbose_name_plural = _("board meetings")

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on.isoformat()})"


class Case(models.Model):
    """A vacancy before the board: its shortlist, the recommendation, and what followed."""

    vacancy = models.OneToOneField(
        "recruitment.Vacancy",
        verbose_name=_("vacancy"),
        on_delete=models.CASCADE,
        related_name="board_case",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    opened_on = models.DateField(_("date of the case"), default=timezone.localdate)
    recommended = models.ForeignKey(
        Candidate,
        verbose_name=_("recommended candidate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recommendation = models.TextField(
        _("the hiring office's recommendation"), blank=True, max_length=TEXT_MAX_CHARS
    )
    # The staffing figures read when the case opened or its recommendation changed.
    special_measures = models.BooleanField(_("special measures"), default=False)
    level_status = models.CharField(max_length=12, blank=True)
    office_status = models.CharField(max_length=12, blank=True)
    justification = models.TextField(_("written justification"), blank=True)
    justified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    justified_at = models.DateTimeField(null=True, blank=True)
    verdict = models.CharField(
        _("Gender Focal Point's review"),
        max_length=16,
        blank=True,
        choices=[
            (rules.Verdict.CONCUR, _("Concur")),
            (rules.Verdict.CONCUR_WITH_COMMENT, _("Concur with comment")),
            (rules.Verdict.OBJECT, _("Object")),
        ],
    )
    review = models.TextField(_("review"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(
        _("board's decision"),
        max_length=8,
        blank=True,
        choices=[
            (rules.Decision.APPROVE, _("Approve")),
            (rules.Decision.RETURN, _("Return to the hiring office")),
            (rules.Decision.DEFER, _("Defer")),
        ],
    )
    decision_note = models.TextField(_("the board's note"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("board case")
        verbose_name_plural = _("board cases")

    def __str__(self) -> str:
        return str(self.vacancy)

    def facts(self) -> rules.Facts:
        recommended = self.recommended
        others = [
            c.as_rule()
            for c in self.vacancy.candidates.all()
            if recommended is None or c.pk != recommended.pk
        ]
        return rules.Facts(
            special_measures=self.special_measures,
            recommended=recommended.as_rule() if recommended else None,
            others=tuple(others),
            justified=bool(self.justification),
            reviewed=bool(self.verdict),
            decision=rules.Decision(self.decision) if self.decision else None,
        )

    @property
    def stage(self) -> rules.Stage:
        return rules.stage(self.facts())

    @property
    def justification_required(self) -> bool:
        facts = self.facts()
        return rules.justification_required(
            special_measures=facts.special_measures,
            recommended=facts.recommended,
            others=facts.others,
        )


class CaseEvent(models.Model):
    """One step in a case's history."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Case opened")
        SCHEDULED = "scheduled", _("Put on a meeting's agenda")
        RECOMMENDED = "recommended", _("Recommendation recorded")
        JUSTIFIED = "justified", _("Justification written")
        REVIEWED = "reviewed", _("Gender Focal Point's review")
        DECIDED = "decided", _("Board's decision")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    code = models.CharField(max_length=20, blank=True)  # the verdict or decision, as stored
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("case history entry")
        verbose_name_plural = _("case history")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"
