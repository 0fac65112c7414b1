"""The UN-SWAP 2.0 framework: 17 performance indicators in six areas.

Names follow the framework's short titles (domain.md §6); the list is data, so a change
in the framework is a change here only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PerformanceIndicator:
    number: int
    area: Promise
    name: Promise


RBM = _("Results-based management")
OVERSIGHT = _("Oversight")
ACCOUNTABILITY = _("Accountability")
RESOURCES = _("Human and financial resources")
CAPACITY = _("Capacity")
KNOWLEDGE = _("Knowledge, communication and coherence")

INDICATORS = (
    PerformanceIndicator(1, RBM, _("Strategic planning: gender-related SDG results")),
    PerformanceIndicator(2, RBM, _("Reporting on gender-related SDG results")),
    PerformanceIndicator(
        3, RBM, _("Programmatic gender-related results outside the strategic plan")
    ),
    PerformanceIndicator(4, OVERSIGHT, _("Evaluation")),
    PerformanceIndicator(5, OVERSIGHT, _("Audit")),
    PerformanceIndicator(6, ACCOUNTABILITY, _("Policy")),
    PerformanceIndicator(7, ACCOUNTABILITY, _("Leadership")),
    PerformanceIndicator(8, ACCOUNTABILITY, _("Gender-responsive performance management")),
    PerformanceIndicator(9, RESOURCES, _("Financial resource tracking")),
    PerformanceIndicator(10, RESOURCES, _("Financial resource allocation")),
    PerformanceIndicator(11, RESOURCES, _("Gender architecture")),
    PerformanceIndicator(12, RESOURCES, _("Equal representation of women")),
    PerformanceIndicator(13, RESOURCES, _("Organizational culture")),
    PerformanceIndicator(14, CAPACITY, _("Capacity assessment")),
    PerformanceIndicator(15, CAPACITY, _("Capacity development")),
    PerformanceIndicator(16, KNOWLEDGE, _("Knowledge and communication")),
    PerformanceIndicator(17, KNOWLEDGE, _("Coherence")),
)
BY_NUMBER = {pi.number: pi for pi in INDICATORS}
BELOW_MEETS = frozenset({"missing", "approaches"})
