"""Reading an IATI activity file (2.01-2.03) safely, into plain data. No database here.

A file is refused (`Refused`, nothing read) when it is too big, declares a DTD or
entities (billion laughs, external entities), nests too deep, is not well-formed, or is
not IATI activity XML. A file that breaks the schema is still read where it can be: each
schema error becomes a warning. Foreign-namespace elements and attributes are skipped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Final

import defusedxml.ElementTree as DefusedET
from defusedxml import DefusedXmlException
from django.utils.translation import gettext as _
from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

from pat.iati.validity import schema_errors

MAX_BYTES: Final = 20 * 1024 * 1024
# IATI nests about eight levels; far more is a file built to exhaust the parser.
MAX_DEPTH: Final = 64
VERSIONS: Final = ("2.01", "2.02", "2.03")
XML_LANG: Final = "{http://www.w3.org/XML/1998/namespace}lang"
# Kept as read for the record, at most this much per activity.
MAX_KEPT_XML: Final = 100_000


class Refused(Exception):
    """The file is not read at all; the message says why."""


@dataclass
class Cell:
    sex: str
    age: str
    value: Decimal


@dataclass
class ActualData:
    """One period's actual of an indicator: the total and the cells by sex and age.

    `problems` are what of it could not be read (a dimension other than sex and age, a value
    that is not a number); the import places the rest or nothing of it.
    """

    start: dt.date | None
    end: dt.date | None
    value: Decimal | None = None
    cells: list[Cell] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class IndicatorData:
    statement: str
    measure: str
    ascending: bool | None
    baseline_value: Decimal | None = None
    baseline_date: dt.date | None = None
    target_value: Decimal | None = None
    target_date: dt.date | None = None
    target_cells: list[Cell] = field(default_factory=list)
    actuals: list[ActualData] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class ResultData:
    result_type: str
    statement: str
    indicators: list[IndicatorData] = field(default_factory=list)


@dataclass
class Participant:
    role: str
    name: str
    ref: str
    org_type: str


@dataclass
class ActivityData:
    identifier: str
    line: int
    language: str
    title: str = ""
    descriptions: dict[str, str] = field(default_factory=dict)
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    status: str = ""
    dates: dict[str, dt.date] = field(default_factory=dict)
    participants: list[Participant] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    sectors: list[dict[str, str]] = field(default_factory=list)
    policy_markers: list[dict[str, str]] = field(default_factory=list)
    default_currency: str = ""
    budgets: list[tuple[str, str, Decimal]] = field(default_factory=list)  # type, currency, value
    results: list[ResultData] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)  # what has no place, in words
    kept_xml: list[str] = field(default_factory=list)  # those elements as read


@dataclass
class Reading:
    version: str
    activities: list[ActivityData]
    warnings: list[str]


def _parse_safely(data: bytes) -> etree._Element:
    if len(data) > MAX_BYTES:
        raise Refused(
            _("The file is larger than %(limit)s MB; nothing was read.")
            % {"limit": MAX_BYTES // (1024 * 1024)}
        )
    # First pass with defusedxml: any DTD (entity bombs, external entities) is refused
    # before lxml sees the file.
    try:
        DefusedET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise Refused(
            _("The file declares a DTD or entities, which IATI files never do; it was refused.")
        ) from None
    except DefusedET.ParseError as error:
        raise Refused(
            _("The file is not well-formed XML (%(error)s).") % {"error": error}
        ) from None
    except RecursionError:
        raise Refused(_("The file nests elements too deeply; it was refused.")) from None
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        if "depth" in str(error).lower():
            raise Refused(_("The file nests elements too deeply; it was refused.")) from None
        raise Refused(
            _("The file is not well-formed XML (%(error)s).") % {"error": error}
        ) from None
    depth = 0
    for event, _element in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > MAX_DEPTH:
            raise Refused(_("The file nests elements too deeply; it was refused."))
    return root


def read(data: bytes) -> Reading:
    """Read an activity file, or raise Refused."""
    root = _parse_safely(data)
    if root.tag == "iati-activities":
        version = root.get("version", "")
        activities = [child for child in root if child.tag == "iati-activity"]
        document = root
    elif root.tag == "iati-activity":
        version = ""
        activities = [root]
        # The schema's root is iati-activities: check a lone activity inside one.
        document = etree.Element("iati-activities", version="2.03")
        document.append(_copy(root))
    else:
        raise Refused(
            _("This is not an IATI activity file: its root element is <%(tag)s>.")
            % {"tag": etree.QName(root).localname if isinstance(root.tag, str) else "?"}
        )
    if version.startswith("1."):
        raise Refused(
            _("IATI version %(version)s is not read; export the file as 2.01 to 2.03.")
            % {"version": version}
        )
    warnings: list[str] = []
    if version and version not in VERSIONS:
        warnings.append(_("Version %(version)s is read as 2.03.") % {"version": version})
    for error in schema_errors(document):
        warnings.append(_("Schema: %(error)s") % {"error": error})
    default_language = root.get(XML_LANG, "en")
    return Reading(
        version=version or "2.03",
        activities=[_activity(element, default_language) for element in activities],
        warnings=warnings,
    )


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


# --- one activity ------------------------------------------------------------------------------

READ = frozenset(
    {
        "iati-identifier",
        "reporting-org",
        "title",
        "description",
        "participating-org",
        "activity-status",
        "activity-date",
        "recipient-country",
        "sector",
        "policy-marker",
        "budget",
        "result",
    }
)


def _children(element: etree._Element, tag: str) -> list[etree._Element]:
    # Foreign-namespace elements have a "{uri}name" tag and never match.
    return [child for child in element if child.tag == tag]


def _texts(element: etree._Element | None, language: str) -> tuple[str, dict[str, str]]:
    """The narrative in the activity's language (else the first), and the others by language."""
    if element is None:
        return "", {}
    by_language: dict[str, str] = {}
    for narrative in _children(element, "narrative"):
        text = " ".join((narrative.text or "").split()) if narrative.text else ""
        if text:
            by_language.setdefault(narrative.get(XML_LANG, language), text.strip())
    if not by_language:
        return "", {}
    main = language if language in by_language else next(iter(by_language))
    text = by_language.pop(main)
    return text, by_language


def _long_texts(element: etree._Element | None, language: str) -> tuple[str, dict[str, str]]:
    """As `_texts`, keeping the paragraphs of a description."""
    if element is None:
        return "", {}
    by_language: dict[str, str] = {}
    for narrative in _children(element, "narrative"):
        text = (narrative.text or "").strip()
        if text:
            by_language.setdefault(narrative.get(XML_LANG, language), text)
    if not by_language:
        return "", {}
    main = language if language in by_language else next(iter(by_language))
    return by_language.pop(main), by_language


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        return None


def _decimal(value: str | None) -> Decimal | None:
    try:
        number = Decimal((value or "").strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _attributes(element: etree._Element, names: tuple[str, ...]) -> dict[str, str]:
    return {name: element.get(name, "").strip() for name in names if element.get(name)}


def _activity(element: etree._Element, default_language: str) -> ActivityData:
    language = element.get(XML_LANG, default_language)
    found = _children(element, "iati-identifier")
    activity = ActivityData(
        identifier=" ".join((found[0].text or "").split()) if found else "",
        line=element.sourceline or 0,
        language=language,
        default_currency=element.get("default-currency", ""),
    )
    titles = _children(element, "title")
    activity.title, others = _texts(titles[0] if titles else None, language)
    if others:
        activity.translations["title"] = others
    for description in _children(element, "description"):
        code = description.get("type", "1")
        text, others = _long_texts(description, language)
        if not text:
            continue
        if code in activity.descriptions:
            activity.descriptions[code] += "\n\n" + text
        else:
            activity.descriptions[code] = text
        if others:
            activity.translations[f"description-{code}"] = others
    for status in _children(element, "activity-status"):
        activity.status = status.get("code", "")
    for date in _children(element, "activity-date"):
        day = _date(date.get("iso-date"))
        if day:
            activity.dates[date.get("type", "")] = day
    for org in _children(element, "participating-org"):
        name, _others = _texts(org, language)
        activity.participants.append(
            Participant(org.get("role", ""), name, org.get("ref", ""), org.get("type", ""))
        )
    for country in _children(element, "recipient-country"):
        if country.get("code"):
            activity.countries.append(country.get("code", "").strip().upper())
    for sector in _children(element, "sector"):
        activity.sectors.append(
            _attributes(sector, ("vocabulary", "vocabulary-uri", "code", "percentage"))
        )
    for marker in _children(element, "policy-marker"):
        activity.policy_markers.append(
            _attributes(marker, ("vocabulary", "vocabulary-uri", "code", "significance"))
        )
    for budget in _children(element, "budget"):
        for value in _children(budget, "value"):
            amount = _decimal(value.text)
            if amount is not None:
                currency = value.get("currency", activity.default_currency)
                activity.budgets.append((budget.get("type", "1"), currency, amount))
    for result in _children(element, "result"):
        activity.results.append(_result(result, language))
    kept_size = 0
    for child in element:
        if not isinstance(child.tag, str) or child.tag in READ or child.tag.startswith("{"):
            continue
        activity.unplaced.append(child.tag)
        raw = etree.tostring(child, encoding="unicode")
        if kept_size + len(raw) <= MAX_KEPT_XML:
            activity.kept_xml.append(raw)
            kept_size += len(raw)
    return activity


def _result(element: etree._Element, language: str) -> ResultData:
    titles = _children(element, "title")
    statement, _others = _texts(titles[0] if titles else None, language)
    result = ResultData(result_type=element.get("type", ""), statement=statement)
    for indicator in _children(element, "indicator"):
        result.indicators.append(_indicator(indicator, language))
    return result


def _actual(period: etree._Element, elements: list[etree._Element]) -> ActualData:
    starts, ends = _children(period, "period-start"), _children(period, "period-end")
    actual = ActualData(
        start=_date(starts[0].get("iso-date")) if starts else None,
        end=_date(ends[0].get("iso-date")) if ends else None,
    )
    for element in elements:
        value = _decimal(element.get("value"))
        dimensions = {
            d.get("name", "").strip().lower(): d.get("value", "").strip()
            for d in _children(element, "dimension")
        }
        if value is None:
            actual.problems.append(
                _("an actual value that is not a number: %(value)s")
                % {"value": (element.get("value") or "-")[:40]}
            )
        elif not dimensions:
            if actual.value is not None:
                actual.problems.append(_("two actual values for one period"))
            actual.value = value
        elif set(dimensions) == {"sex", "age"}:
            actual.cells.append(Cell(dimensions["sex"].lower(), dimensions["age"], value))
        else:
            actual.problems.append(
                _("an actual by %(names)s") % {"names": ", ".join(sorted(dimensions))}
            )
    return actual


def _indicator(element: etree._Element, language: str) -> IndicatorData:
    titles = _children(element, "title")
    statement, _others = _texts(titles[0] if titles else None, language)
    ascending = element.get("ascending")
    indicator = IndicatorData(
        statement=statement,
        measure=element.get("measure", "1"),
        ascending=None if ascending is None else ascending.strip() in ("1", "true"),
    )
    for baseline in _children(element, "baseline")[:1]:
        indicator.baseline_value = _decimal(baseline.get("value"))
        indicator.baseline_date = _date(baseline.get("iso-date"))
    for period in _children(element, "period"):
        targets = _children(period, "target")
        actuals = _children(period, "actual")
        if actuals:
            indicator.actuals.append(_actual(period, actuals))
        if not targets or indicator.target_date is not None:
            continue
        ends = _children(period, "period-end")
        indicator.target_date = _date(ends[0].get("iso-date")) if ends else None
        for target in targets:
            value = _decimal(target.get("value"))
            dimensions = {
                d.get("name", "").strip().lower(): d.get("value", "").strip()
                for d in _children(target, "dimension")
            }
            if value is None:
                continue
            if not dimensions:
                indicator.target_value = value
            elif "sex" in dimensions and "age" in dimensions:
                sex, age = dimensions["sex"].lower(), dimensions["age"]
                indicator.target_cells.append(Cell(sex, age, value))
            else:
                indicator.problems.append(
                    _("a target by %(names)s") % {"names": ", ".join(sorted(dimensions))}
                )
    return indicator
