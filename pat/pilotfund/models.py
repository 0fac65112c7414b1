"""The pilot fund: yearly allocations, calls for proposals, selection, grants, disbursements.

Money: a grant is awarded from one year's allocation and disbursed against it; the sum of
the grants and the sum of the disbursements never pass the allocation, and a grant's
disbursements never pass the grant (checked under a row lock on the allocation in
`services`, and by the database's check constraints where they can see it).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pat.projects.currencies import CURRENCY_CHOICES

NOTE_MAX_CHARS = 5_000


class Source(models.TextChoices):
    DISCRETIONARY = "discretionary", _("Discretionary Income")
    CORE = "core", _("Core budget")
    DONOR = "donor", _("Donor contribution")
    OTHER = "other", _("Other")


class CallState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    DECIDED = "decided", _("Selection decided")
    FINISHED = "finished", _("Finished (final report)")


class ProposalState(models.TextChoices):
    ENTERED = "entered", _("Entered")
    IN_REVIEW = "in_review", _("In review")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class GrantState(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")


class Fund(models.Model):
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True, max_length=NOTE_MAX_CHARS)
    currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCY_CHOICES, default="USD"
    )
    # The donor the fund's projects carry: the fund's review route matches on it.
    donor = models.ForeignKey(
        "projects.Donor", verbose_name=_("donor"), on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("fund")
        verbose_name_plural = _("funds")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("pilotfund:fund", args=[self.code])


class Allocation(models.Model):
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="allocations")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    amount = models.DecimalField(
        _("amount"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCY_CHOICES, default="USD"
    )
    source = models.CharField(_("source"), max_length=15, choices=Source.choices)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["fund", "-year"]
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.UniqueConstraint(fields=["fund", "year"], name="pilotfund_one_allocation_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.fund} {self.year}: {self.amount} {self.currency}"


class Call(models.Model):
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="calls")
    allocation = models.ForeignKey(
        Allocation, verbose_name=_("allocation"), on_delete=models.PROTECT, related_name="calls"
    )
    title = models.CharField(_("title"), max_length=250)
    text = models.TextField(_("call text"), blank=True, max_length=NOTE_MAX_CHARS * 4)
    opens_on = models.DateField(_("opens on"))
    deadline = models.DateField(_("deadline"))
    # [{"rule": "max_budget", "value": "50000"}, ...]: see pat.pilotfund.eligibility.
    eligibility = models.JSONField(_("eligibility rules"), default=list, blank=True)
    # [{"code": "gender", "name": "...", "weight": 2, "max": 5}, ...]: the selection criteria.
    criteria = models.JSONField(_("selection criteria"), default=list, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=CallState.choices, default=CallState.DRAFT
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-deadline", "-id"]
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pilotfund:call", args=[self.pk])

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from pat.pilotfund.eligibility import rules_problem

        if self.deadline and self.opens_on and self.deadline < self.opens_on:
            raise ValidationError({"deadline": _("The deadline is before the opening.")})
        problem = rules_problem(self.eligibility)
        if problem:
            raise ValidationError({"eligibility": _("Invalid rules: %(p)s") % {"p": problem}})
        if self.allocation_id and self.fund_id and self.allocation.fund_id != self.fund_id:
            raise ValidationError({"allocation": _("The allocation belongs to another fund.")})


class FundProposal(models.Model):
    """A project's proposal entered in a call; the text lives in the proposal builder."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="proposals")
    project = models.ForeignKey(
        "projects.Project", on_delete=models.PROTECT, related_name="fund_proposals"
    )
    requested = models.DecimalField(
        _("amount requested"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    state = models.CharField(
        _("state"), max_length=12, choices=ProposalState.choices, default=ProposalState.ENTERED
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)
    decision_note = models.TextField(_("reason"), blank=True, max_length=NOTE_MAX_CHARS)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["call", "project__code"]
        verbose_name = _("proposal in the fund")
        verbose_name_plural = _("proposals in the fund")
        constraints = [
            models.UniqueConstraint(fields=["call", "project"], name="pilotfund_once_per_call")
        ]

    def __str__(self) -> str:
        return f"{self.project_id} in {self.call_id}"


class Score(models.Model):
    """The selection panel's score of one proposal on one criterion of the call."""

    proposal = models.ForeignKey(FundProposal, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(_("criterion"), max_length=30)
    score = models.PositiveSmallIntegerField(_("score"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["proposal", "criterion"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "criterion"], name="pilotfund_one_score_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id} {self.criterion}={self.score}"


class Grant(models.Model):
    proposal = models.OneToOneField(FundProposal, on_delete=models.PROTECT, related_name="grant")
    allocation = models.ForeignKey(Allocation, on_delete=models.PROTECT, related_name="grants")
    amount = models.DecimalField(
        _("amount granted"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    awarded_on = models.DateField(_("awarded on"), default=timezone.localdate)
    state = models.CharField(
        _("state"), max_length=10, choices=GrantState.choices, default=GrantState.ACTIVE
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["allocation", "proposal__project__code"]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")

    def __str__(self) -> str:
        return f"{self.proposal.project.code}: {self.amount}"

    def get_absolute_url(self) -> str:
        return reverse("pilotfund:grant", args=[self.pk])


class Disbursement(models.Model):
    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="disbursements")
    # Kept beside the grant so the allocation's spending is one indexed sum.
    allocation = models.ForeignKey(
        Allocation, on_delete=models.PROTECT, related_name="disbursements"
    )
    amount = models.DecimalField(
        _("amount"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    paid_on = models.DateField(_("paid on"), default=timezone.localdate)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")

    def __str__(self) -> str:
        return f"{self.grant_id}: {self.amount} on {self.paid_on}"


class FundEvent(models.Model):
    """History of the fund: every write, who, when, what (codes and amounts as text)."""

    class Action(models.TextChoices):
        FUND_CREATED = "fund_created", _("created the fund")
        ALLOCATION_SET = "allocation_set", _("set the allocation")
        CALL_CREATED = "call_created", _("drafted a call")
        CALL_OPEN = "call_open", _("opened the call")
        CALL_CLOSE = "call_close", _("closed the call")
        CALL_REOPEN = "call_reopen", _("reopened the call")
        CALL_DECIDE = "call_decide", _("closed the selection")
        CALL_FINISH = "call_finish", _("marked the call finished")
        PROPOSAL_ENTERED = "proposal_entered", _("entered a proposal")
        PROPOSAL_SUBMITTED = "proposal_submitted", _("sent a proposal to review")
        SCORES_RECORDED = "scores_recorded", _("recorded scores")
        PROPOSAL_SELECT = "proposal_select", _("selected a proposal")
        PROPOSAL_REJECT = "proposal_reject", _("did not select a proposal")
        GRANT_AWARDED = "grant_awarded", _("awarded a grant")
        GRANT_SUSPEND = "grant_suspend", _("suspended a grant")
        GRANT_RESUME = "grant_resume", _("resumed a grant")
        GRANT_CLOSE = "grant_close", _("closed a grant")
        DISBURSEMENT = "disbursement", _("recorded a disbursement")

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=30, choices=Action.choices)
    subject = models.CharField(max_length=250)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("fund event")
        verbose_name_plural = _("fund events")

    def __str__(self) -> str:
        return f"{self.action} {self.subject}"
