"""The demo organization's IATI file is valid, with the sample donor file imported into it."""

from __future__ import annotations

import io

import pytest
from lxml import etree

from pat.core.demo import build_organization
from pat.iati import export
from pat.iati.demo import build_imports
from pat.iati.validity import schema_errors
from pat.markers.demo import build_assessments
from pat.projects.demo import build_projects

pytestmark = pytest.mark.django_db


def test_the_demo_organization_publishes_a_valid_file_with_the_donor_projects() -> None:
    build_organization()
    build_projects(60)
    build_assessments(seed=2000)
    assert build_imports() == 2
    assert build_imports() == 0  # once

    out = io.BytesIO()
    count = export.write(out, export.published())
    root = etree.fromstring(out.getvalue())

    assert schema_errors(root) == []
    assert count == len(root) > 20
    identifiers = [a.findtext("iati-identifier") for a in root]
    assert "XM-DAC-47066-IM.0001" in identifiers
    own = root.xpath("//policy-marker[@vocabulary='99']/@code")
    assert "GM3" in own and {"2b", "2a", "1", "0"} & set(own)
