"""How PAT's codes meet IATI codes (domain.md §9), both ways. Pure: no database.

Every IATI code here is checked against its codelist by the tests.
"""

from __future__ import annotations

from typing import Final

# Project.Status -> ActivityStatus. A project is published once the organization endorsed
# it and until it closed or stopped (see PUBLISHED): pipeline until it starts.
STATUS_TO_IATI: Final[dict[str, str]] = {
    "concept": "1",
    "draft": "1",
    "in_review": "1",
    "endorsed": "1",
    "submitted": "1",
    "active": "2",
    "final_reporting": "3",
    "closed": "4",
    "not_funded": "5",
    "withdrawn": "5",
}
# What an imported status becomes; 6 (suspended) has no status of its own in PAT.
STATUS_FROM_IATI: Final[dict[str, str]] = {
    "1": "endorsed",
    "2": "active",
    "3": "final_reporting",
    "4": "closed",
    "5": "withdrawn",
    "6": "active",
}
# "Published": endorsed by the organization's review and not dropped. Concepts, drafts and
# proposals in review are internal; projects not funded or withdrawn never ran.
PUBLISHED: Final[tuple[str, ...]] = ("endorsed", "submitted", "active", "final_reporting", "closed")

# Project type -> OECD DAC 5-digit purpose code (SectorVocabulary 1), one to one.
SECTOR_VOCABULARY: Final = "1"
TYPE_TO_SECTOR: Final[dict[str, str]] = {
    "movement-emergency": "72010",  # material relief assistance and services
    "migration-health": "12220",  # basic health care
    "migrant-assistance": "15190",  # orderly, safe, regular and responsible migration
    "counter-trafficking": "15160",  # human rights
    "return-reintegration": "73010",  # post-emergency reconstruction and rehabilitation
    "border-management": "15136",  # immigration
    "labour-mobility": "16020",  # employment creation
    "policy-research": "15110",  # public sector policy and administrative management
    "climate-environment": "41010",  # environmental policy and administrative management
    "reparations": "15220",  # civilian peace-building, conflict prevention and resolution
}
SECTOR_TO_TYPE: Final[dict[str, str]] = {sector: kind for kind, sector in TYPE_TO_SECTOR.items()}

# Organization.Kind -> OrganisationType, and back (by the code's family).
KIND_TO_ORG_TYPE: Final[dict[str, str]] = {
    "government": "10",
    "un": "40",
    "ngo": "21",
    "academic": "80",
    "private": "70",
    "other": "90",
}


def kind_from_org_type(code: str | None) -> str:
    if not code:
        return "other"
    families = {"1": "government", "2": "ngo", "4": "un", "7": "private", "8": "academic"}
    return families.get(code[0], "other")


# Which project text each DescriptionType holds: 1 general, 2 objectives, 4 other.
DESCRIPTION_FIELDS: Final[dict[str, str]] = {"1": "summary", "2": "objective", "4": "rationale"}

# ResultNode.Level <-> ResultType; activities stay internal (domain.md §9).
LEVEL_TO_RESULT_TYPE: Final[dict[str, str]] = {"outcome": "2", "output": "1"}
RESULT_TYPE_TO_LEVEL: Final[dict[str, str]] = {v: k for k, v in LEVEL_TO_RESULT_TYPE.items()}

# The DAC gender equality policy marker (PolicyMarkerVocabulary 1, PolicyMarker 1) and the
# organization's own marker beside it (vocabulary 99, reporting organisation).
DAC_VOCABULARY: Final = "1"
GENDER_CODE: Final = "1"
OWN_VOCABULARY: Final = "99"


def shares(count: int) -> list[str]:
    """Percentages for `count` equal parts that add up to exactly 100 (two decimals)."""
    if count <= 0:
        return []
    cents = 10_000 // count
    parts = [cents] * count
    parts[-1] += 10_000 - cents * count
    return [f"{p // 100}.{p % 100:02d}" if p % 100 else str(p // 100) for p in parts]
