"""The checker as the web app uses it: the engine running on the organization's current entries.

Each process keeps one compiled rule set and rebuilds it when the term base revision (a
single-row counter bumped by every write) has moved, which it looks up at most once per request.
So an edit reaches every app server on its next request, with no restart and no shared cache.

The engine (pat.terminology) is given the term base's rule set of the language:
`check(..., rules=RuleSet)`; it compiles each rule set once (cached on the object). Only when a
language's rule set cannot be built (bad data that bypassed validation) does this module fall
back to the shipped rules, pass the entries switched off here as `disabled_rules`, and rewrite
the findings of edited entries (explanation, severity, suggestions...).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django.http import HttpRequest

from pat import terminology
from pat.terminology import LANGS, Finding, VacancyReport
from pat.terminology.model import Lang
from pat.terminology.rules import RuleDataError, RuleSet, parse_ruleset

# Per-field values of an edited shipped entry that the fallback copies onto its findings.
_OVERRIDABLE = ("category", "severity", "explanation", "debatable", "guide")


@dataclass(frozen=True, slots=True)
class EntryData:
    """What the fallback needs of one entry of the term base."""

    enabled: bool
    mode: str
    data: Mapping[str, Any]


@dataclass(slots=True)
class Rules:
    """The organization's rules at one revision."""

    revision: int
    rulesets: dict[str, RuleSet] = field(default_factory=dict)
    entries: dict[str, EntryData] = field(default_factory=dict)
    shipped: dict[str, Mapping[str, Any]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def switched_off(self, mode: str) -> frozenset[str]:
        """Shipped rules that are disabled here or no longer meant for this mode."""
        return frozenset(
            rule
            for rule, e in self.entries.items()
            if not e.enabled or e.mode not in ("both", mode)
        )


_lock = threading.Lock()
_current: Rules | None = None


def _build(revision: int) -> Rules:
    from pat.termbase import shipped
    from pat.termbase.models import LanguageLists, TermEntry

    rules = Rules(revision=revision)
    per_lang: dict[str, list[dict[str, Any]]] = {lang: [] for lang in LANGS}
    for entry in TermEntry.objects.all().order_by("rule_id").iterator(chunk_size=1000):
        data = entry.as_data()
        rules.entries[entry.rule_id] = EntryData(entry.enabled, entry.mode, data)
        if entry.enabled and entry.lang in per_lang:
            per_lang[entry.lang].append(data)
    lists = {ll.lang: ll for ll in LanguageLists.objects.all()}
    for lang in LANGS:
        try:
            base = shipped.read_shipped(lang)
        except (OSError, ValueError):
            base = {"lang": lang, "entries": []}
        for raw in base.get("entries", []):
            rules.shipped[raw["id"]] = raw
        row = lists.get(lang)
        document = {
            "lang": lang,
            "version": 1,
            "entries": per_lang[lang],
            **{
                name: list(getattr(row, name) if row else base.get(name) or [])
                for name in shipped.LANGUAGE_LISTS
            },
        }
        try:
            rules.rulesets[lang] = parse_ruleset(document, _lang(lang), f"term base ({lang})")
        except RuleDataError as exc:
            # Entries are validated on save, so this means bad data came in some other way;
            # checking on the shipped rules beats refusing to check at all.
            rules.errors.append(str(exc))
    return rules


def _lang(code: str) -> Lang:
    for known in LANGS:
        if known == code:
            return known
    raise ValueError(code)


# A process whose term base has grown past this many entries (big imports; the shipped one
# has about a thousand, built in about half a second) builds the next revision off the
# request path: requests go on with the rules they have, seconds stale, while one thread
# builds the new ones (20,000 entries: ~8 s). Smaller term bases build inline, so an edit
# shows on the very next check. A count, not a timing, decides: the same on a busy server.
INLINE_BUILD_ENTRIES = 5000
_rebuilding: set[int] = set()
# Guards _rebuilding only: _lock is held for a whole build, which requests must not wait on.
_pending_lock = threading.Lock()


def rules_at(revision: int) -> Rules:
    """The rules of this revision, built once per process per revision."""
    current = _current
    if current is not None and current.revision == revision:
        return current
    if current is not None and current.revision < revision and _slow_to_build():
        _rebuild_later(revision)
        return current
    with _lock:
        if _current is None or _current.revision != revision:
            _install(revision)
        assert _current is not None
        return _current


def _slow_to_build() -> bool:
    """Whether the next build is expected to take seconds (the term base has grown)."""
    from pat.termbase.models import TermEntry

    return TermEntry.objects.count() > INLINE_BUILD_ENTRIES


def _install(revision: int) -> None:
    """Build and publish (the caller holds _lock)."""
    global _current
    built = _build(revision)
    if _current is None or _current.revision < revision:
        _current = built


def _rebuild_later(revision: int) -> None:
    with _pending_lock:
        if revision in _rebuilding:
            return
        _rebuilding.add(revision)
    start_background(lambda: _rebuild(revision))


def _rebuild(revision: int) -> None:
    try:
        with _lock:
            _install(revision)
    finally:
        with _pending_lock:
            _rebuilding.discard(revision)


def start_background(work: Callable[[], None]) -> None:
    def run() -> None:
        from django.db import connection

        try:
            work()
        finally:
            connection.close()  # the thread's own connection, not a request's

    threading.Thread(target=run, name="termbase-rules", daemon=True).start()


def current_rules(request: HttpRequest | None = None) -> Rules:
    """The rules for this request: the revision is read at most once per request."""
    from pat.termbase.services import revision_current

    if request is not None:
        cached = getattr(request, "_termbase_revision", None)
        if cached is None:
            cached = revision_current()
            request._termbase_revision = cached  # type: ignore[attr-defined]
        return rules_at(int(cached))
    return rules_at(revision_current())


def forget() -> None:
    """Drop the compiled rules of this process (tests)."""
    global _current
    with _lock:
        _current = None


def resolve_lang(text: str, lang: str) -> str:
    return terminology.detect_language(text) if lang == "auto" else lang


def check(
    text: str,
    lang: str,
    mode: str,
    *,
    rules: Rules,
    allow: Iterable[str] = (),
    disabled_rules: Iterable[str] = (),
) -> list[Finding]:
    """Findings of the organization's current rules; lang must be resolved (not "auto")."""
    allow = list(allow)
    disabled = list(disabled_rules)
    ruleset = rules.rulesets.get(lang)
    if ruleset is not None:
        return terminology.check(
            text, lang, mode, allow=allow, disabled_rules=disabled, rules=ruleset
        )
    off = rules.switched_off(mode) | set(disabled)
    findings = terminology.check(text, lang, mode, allow=allow, disabled_rules=sorted(off))
    return [_overridden(f, rules) for f in findings]


def _overridden(finding: Finding, rules: Rules) -> Finding:
    entry = rules.entries.get(finding.rule)
    base = rules.shipped.get(finding.rule)
    if entry is None or base is None:
        return finding
    changes: dict[str, Any] = {}
    for key in _OVERRIDABLE:
        value = entry.data.get(key)
        if value != base.get(key, value):
            changes[key] = value
    if list(entry.data.get("suggestions") or []) != list(base.get("suggestions") or []):
        mine = tuple(entry.data.get("suggestions") or [])
        changes["suggestions"] = tuple(_case_like(s, finding.term) for s in mine)
        first = changes["suggestions"][0] if mine else None
        changes["message"] = (
            f'"{finding.term}": prefer "{first}"'
            if first
            else f'"{finding.term}": consider rewording'
        )
    return replace(finding, **changes) if changes else finding


def _case_like(suggestion: str, written: str) -> str:
    if written[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


@dataclass(frozen=True, slots=True)
class Outcome:
    """A check's result as the page and the API show it."""

    lang: str
    findings: list[Finding]
    report: VacancyReport | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"lang": self.lang, "findings": [f.to_dict() for f in self.findings]}
        if self.report is not None:
            out["coded"] = [c.to_dict() for c in self.report.coded]
            out["masculine"] = self.report.masculine
            out["feminine"] = self.report.feminine
            out["score"] = self.report.score
            out["verdict"] = self.report.verdict
        return out


def run(
    text: str,
    lang: str,
    mode: str,
    *,
    rules: Rules,
    allow: Iterable[str] = (),
    disabled_rules: Iterable[str] = (),
) -> Outcome:
    """Check a text: findings and, in vacancy mode, the coded-wording report."""
    code = resolve_lang(text, lang)
    findings = check(text, code, mode, rules=rules, allow=allow, disabled_rules=disabled_rules)
    report = None
    if mode == "vacancy":
        # Coded words come from the shipped vacancy lists; the findings are ours (above).
        report = terminology.vacancy_report(text, code)
    return Outcome(lang=code, findings=findings, report=report)
