"""The IATI 2.03 activity schema (copied into `schema/`, CC BY 4.0) and its verdict on a file."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

SCHEMA = Path(__file__).parent / "schema" / "iati-activities-schema.xsd"


@cache
def schema() -> etree.XMLSchema:
    # The schema includes its neighbours by relative path; no network is ever used.
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(str(SCHEMA), parser))


def schema_errors(document: etree._ElementTree | etree._Element) -> list[str]:
    """Each way the document breaks the schema, as "line N: message" (empty when valid)."""
    checker = schema()
    if checker.validate(document):
        return []
    return [f"line {error.line}: {error.message}" for error in checker.error_log]
