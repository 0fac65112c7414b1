"""The IATI export: valid 2.03 files with codelist values, markers, budgets and SADD results."""

from __future__ import annotations

import io
from typing import Any

import pytest
from lxml import etree

from pat.iati import export
from pat.iati.validity import schema_errors
from tests.iati.data import published_project

pytestmark = pytest.mark.django_db


def exported(projects: Any = None) -> etree._Element:
    out = io.BytesIO()
    export.write(out, projects if projects is not None else export.published())
    return etree.fromstring(out.getvalue())


def test_the_export_of_a_published_project_is_valid_iati_2_03(
    country_office: Any, developer: Any
) -> None:
    published_project(office=country_office, actor=developer)
    root = exported()
    assert schema_errors(root) == []
    activity = root.find("iati-activity")
    assert activity is not None
    assert activity.findtext("iati-identifier") == "XM-DAC-47066-CT.0101"
    assert root.get("version") == "2.03"
