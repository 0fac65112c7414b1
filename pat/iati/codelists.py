"""The IATI codelists PAT writes and reads (copied into `codelists/`, CC BY 4.0)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

CODELISTS = Path(__file__).parent / "codelists"


@cache
def codes(name: str) -> frozenset[str]:
    """The codes of one codelist (`ActivityStatus`, `Sector`, ...), withdrawn ones included:
    an import reads files written before a code was withdrawn."""
    tree = etree.parse(str(CODELISTS / f"{name}.xml"), etree.XMLParser(resolve_entities=False))
    return frozenset(str(code).strip() for code in tree.xpath("//codelist-item/code/text()"))
