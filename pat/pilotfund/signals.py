"""The pilot fund's revision: the project page shows a project's calls and grants under it."""

from __future__ import annotations

from pat.core.models import Revision
from pat.pilotfund.models import Call, Fund, FundProposal, Grant

PILOTFUND_REVISION = "pilotfund"

Revision.follow(PILOTFUND_REVISION, Fund, Call, FundProposal, Grant)
