"""Fund rules over a budget's category totals (pure, no database).

"Staff and office costs at most 30% of the total": a rule names categories,
a bound and a percentage; a warning shows the figure against the rule.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

Translate = Callable[[str], str]


def _identity(message: str) -> str:
    return message


@dataclass(frozen=True)
class Rule:
    name: str
    categories: tuple[str, ...]
    bound: str  # "max" or "min"
    percent: Decimal


@dataclass(frozen=True)
class Warning:
    rule: str
    share: Decimal  # percent of the total, one decimal
    message: str


def share(totals: Mapping[str, Decimal], categories: Sequence[str]) -> Decimal:
    """The categories' share of the total, in percent (0 when the budget is empty)."""
    total = sum(totals.values(), Decimal(0))
    if total == 0:
        return Decimal(0)
    part = sum((totals.get(c, Decimal(0)) for c in categories), Decimal(0))
    return (part / total * 100).quantize(Decimal("0.1"))


def evaluate(
    totals: Mapping[str, Decimal],
    rules: Sequence[Rule],
    *,
    currency: str,
    labels: Mapping[str, str] | None = None,
    translate: Translate = _identity,
) -> list[Warning]:
    """One warning per rule the budget breaks, with the figure that breaks it."""
    _ = translate
    total = sum(totals.values(), Decimal(0))
    if total == 0:
        return []
    names = labels or {}
    warnings = []
    for rule in rules:
        value = share(totals, rule.categories)
        broken = value > rule.percent if rule.bound == "max" else value < rule.percent
        if not broken:
            continue
        message = _(
            "%(categories)s = %(share)s%% of %(total)s %(currency)s; the rule “%(rule)s” "
            "allows %(bound)s %(percent)s%%."
        ) % {
            "categories": " + ".join(names.get(c, c) for c in rule.categories),
            "share": value,
            "total": f"{total:,.0f}",
            "currency": currency,
            "rule": rule.name,
            "bound": _("at most") if rule.bound == "max" else _("at least"),
            "percent": f"{rule.percent.normalize():f}",
        }
        warnings.append(Warning(rule.name, value, message))
    return warnings
