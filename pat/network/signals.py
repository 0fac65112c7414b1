"""The network's revision: pages that show focal points (the project page) are cached under it
(and under the people revision, for their names)."""

from __future__ import annotations

from pat.core.models import Revision
from pat.network.models import FocalPoint

NETWORK_REVISION = "network"

Revision.follow(NETWORK_REVISION, FocalPoint)
