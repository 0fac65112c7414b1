"""Demo: a donor's IATI file imported, so the demo shows imported projects and kept markers."""

from __future__ import annotations

from pathlib import Path

from pat.iati import services
from pat.iati.models import Activity

SAMPLE = Path(__file__).parent / "samples" / "donor-activities.xml"


def build_imports() -> int:
    """Import the sample donor file once; the number of projects it created."""
    if Activity.objects.exists():
        return 0
    outcome = services.import_file(data=SAMPLE.read_bytes(), actor=None, dry_run=False)
    return outcome.count("created")
