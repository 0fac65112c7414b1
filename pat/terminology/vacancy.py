"""Vacancy mode: gender-coded wording of job advertisements (Gaucher, Friesen & Kay 2011).

The study counts words that start with a coded stem. Counting every such word overcounts
badly in real vacancy notices ("Child Protection Officer", "competitive salary", a heading
"Core Competencies"), so a coded word is counted only where it describes the person sought
or the workplace.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from . import context as ctx
from .matcher import trie_regex
from .model import LANGS, CodedWord, Coding, Lang, VacancyReport
from .rules import VacancyLists, load_vacancy

_BULLET = re.compile(r"^\s*(?:[-*\u2022\u00b7\u25aa\u25cf\u2013>]|\d+[.)]|[a-z][.)])\s")
# Job nouns: a coded word right before one of these is part of a job title
# ("Support Officer", "Lead Consultant"), not a description of the person.
_JOB_NOUNS = frozenset(
    [
        "officer",
        "assistant",
        "associate",
        "manager",
        "specialist",
        "coordinator",
        "consultant",
        "adviser",
        "advisor",
        "analyst",
        "director",
        "officer",
        "lead",
        "head",
        "intern",
        "clerk",
        "secretary",
        "expert",
        "engineer",
        "agent",
        "oficial",
        "asistente",
        "coordinador",
        "coordinadora",
        "consultor",
        "consultora",
        "especialista",
        "responsable",
        "chargé",
        "chargée",
        "conseiller",
        "conseillère",
        "assistant",
        "assistante",
    ]
)
_TITLE_NOUNS = frozenset(
    {
        "leader",
        "leaders",
        "analyst",
        "analysts",
        "lead",
        "líder",
        "lideres",
        "líderes",
        "analista",
        "analistas",
        "leads",
    }
)


_SECTION_WORD = re.compile(
    r"\b(?:competenc|responsibilit|skills|requirement|qualification|dut(?:y|ies)|experience|"
    r"education|languages?\b|profile|benefits|overview|summary|description|background|"
    r"values|attributes|functions|tasks|about us|compétence|responsabilit|exigence|profil|"
    r"fonctions|tâches|expérience|formation|langues|avantages|valeurs|competencia|"
    r"responsabilidad|requisito|cualificaci|funciones|tareas|experiencia|formación|idiomas|"
    r"beneficios|valores)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class _CompiledVacancy:
    lists: VacancyLists
    stems: re.Pattern[str]
    coding: dict[str, Coding]
    stem_order: tuple[str, ...]
    not_coded: re.Pattern[str] | None


def _compile(lang: str) -> _CompiledVacancy:
    return _compile_lists(load_vacancy(lang))


@cache
def _compile_lists(lists: VacancyLists) -> _CompiledVacancy:
    coding: dict[str, Coding] = {}
    for s in lists.masculine:
        coding[s] = "masculine"
    for s in lists.feminine:
        coding.setdefault(s, "feminine")
    body = trie_regex((s, False) for s in sorted(coding))
    stems = re.compile(r"(?<![\w@])(?:" + body + r")[\w]*(?:-[\w]+)?", re.I)
    not_coded = None
    if lists.not_coded:
        alts = sorted({p.replace("\u2019", "'") for p in lists.not_coded}, key=len, reverse=True)
        not_coded = re.compile(
            r"(?<!\w)(?:"
            + "|".join(re.escape(a).replace("'", "['\u2019]") for a in alts)
            + r")(?!\w)",
            re.I,
        )
    return _CompiledVacancy(
        lists=lists,
        stems=stems,
        coding=coding,
        stem_order=tuple(sorted(coding, key=len, reverse=True)),
        not_coded=not_coded,
    )


def _coding_of(cv: _CompiledVacancy, word: str) -> Coding | None:
    low = word.lower()
    for stem in cv.stem_order:
        if low.startswith(stem):
            return cv.coding[stem]
    return None


def is_heading(text: str, start: int) -> bool:
    """A short line without final punctuation that names a section ('Core Competencies')."""
    ls, le = ctx.line_around(text, start)
    line = text[ls:le].strip()
    if not line or _BULLET.match(text[ls:le]):
        return False
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", line)
    if not words or len(words) > 8:
        return False
    if line.endswith(":"):
        return True
    if line[-1] in ".!?;,":
        return False
    letters = [c for c in line if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 3:
        return True
    content = [w for w in words if w.lower() not in ctx._FUNCTION_WORDS]
    if content and all(w[0].isupper() for w in content) and len(words) >= 2:
        return True
    # A short line that names a section ("Core competencies", "Compétences clés") is a heading
    # even in sentence case.
    if len(words) <= 4 and _SECTION_WORD.search(line):
        return True
    # Other short lines count as headings only inside a multi-line notice; a one-line text is
    # a sentence whose period was left off.
    multi_line = "\n" in text[:100_000].strip()
    return multi_line and len(words) <= 3 and not words[0][0].islower()


def _on_bullet_line(text: str, pos: int) -> bool:
    ls, _ = ctx.line_around(text, pos)
    return bool(_BULLET.match(text[ls : ls + 12]))


def _in_job_title(text: str, start: int, end: int, term: str) -> bool:
    nxt, _ = ctx.word_after(text, end)
    if nxt.lower() in _JOB_NOUNS and (term[:1].isupper() or nxt[:1].isupper()):
        return True
    if term.lower() in _TITLE_NOUNS:
        prev, _ = ctx.word_before(text, start)
        return prev[:1].isupper() or prev.lower() in {
            "team",
            "project",
            "thought",
            "group",
            "programme",
            "program",
            "section",
        }
    return False


def coded_words(text: str, lang: str) -> list[CodedWord]:
    cv = _compile(lang)
    excluded: list[tuple[int, int]] = []
    if cv.not_coded is not None:
        excluded = [m.span() for m in cv.not_coded.finditer(text)]
    starts = [s for s, _ in excluded]
    out: list[CodedWord] = []
    for m in cv.stems.finditer(text):
        start, end = m.span()
        term = m.group()
        coding = _coding_of(cv, term)
        if coding is None:
            continue
        i = bisect.bisect_right(starts, start) - 1
        # A phrase may start a little before the word; look back over a few candidates.
        if any(excluded[j][0] <= start < excluded[j][1] for j in range(max(0, i - 3), i + 1)):
            continue
        if is_heading(text, start):
            continue
        if ctx.in_capitalised_name(text, start, end) and not _on_bullet_line(text, start):
            # Title Case in a bullet ("- Strong Leadership Skills") is emphasis, not a name.
            continue
        if _in_job_title(text, start, end, term):
            continue
        if ctx.in_url_or_email(text, start, end):
            continue
        out.append(CodedWord(start, end, term, coding))
    return out


def vacancy_report(text: str, lang: str = "en") -> VacancyReport:
    """Coded words, score (feminine - masculine), verdict, and vacancy-mode findings."""
    from . import check
    from .lang import detect_language

    code = detect_language(text) if lang == "auto" else lang
    findings = check(text, code, "vacancy")
    return VacancyReport(
        lang=findings_lang(code), coded=tuple(coded_words(text, code)), findings=tuple(findings)
    )


def findings_lang(code: str) -> Lang:
    for known in LANGS:
        if known == code:
            return known
    raise ValueError(f"unsupported language {code!r}")


def clear_caches() -> None:
    _compile_lists.cache_clear()
