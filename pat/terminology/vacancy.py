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
    added: frozenset[str]


def _compile(lang: str) -> _CompiledVacancy:
    return _compile_lists(load_vacancy(lang))


@cache
def _compile_lists(lists: VacancyLists) -> _CompiledVacancy:
    coding: dict[str, Coding] = {}
    for s in lists.masculine:
        coding[s] = "masculine"
    for s in lists.feminine:
        coding.setdefault(s, "feminine")
    added = set()
    for s in lists.added_masculine:
        if s not in coding:
            coding[s] = "masculine"
            added.add(s)
    for s in lists.added_feminine:
        if s not in coding:
            coding[s] = "feminine"
            added.add(s)
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
        added=frozenset(added),
    )


def _coding_of(cv: _CompiledVacancy, word: str) -> tuple[Coding, str] | None:
    low = word.lower()
    for stem in cv.stem_order:
        if low.startswith(stem):
            return cv.coding[stem], stem
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
        found = _coding_of(cv, term)
        if found is None:
            continue
        coding, stem = found
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
        if is_task(text, start, end, term, lang):
            continue
        out.append(
            CodedWord(start, end, term, coding, phrase_around(text, start, end), stem in cv.added)
        )
    return out


# --- traits, not tasks ------------------------------------------------------------------------
#
# A coded word counts when it describes the person sought ("a driven, competitive leader who
# is decisive under pressure"), not when it names a duty or the subject of the work ("draft
# policy analysis", "determine budget allocations", "lead the drafting of guidelines",
# "provide support to partners").

# Verb forms of coded stems that name a duty when an object follows them.
_TASK_VERBS = {
    "en": frozenset(
        [
            "lead",
            "leads",
            "leading",
            "determine",
            "determines",
            "determining",
            "analyse",
            "analyses",
            "analysing",
            "analyze",
            "analyzes",
            "analyzing",
            "support",
            "supports",
            "supporting",
            "defend",
            "defends",
            "defending",
            "decide",
            "decides",
            "deciding",
            "challenge",
            "challenges",
            "force",
            "forces",
            "champion",
            "champions",
            "championing",
            "fight",
            "fights",
            "fighting",
            "share",
            "shares",
            "sharing",
            "connect",
            "connects",
            "connecting",
            "respond",
            "responds",
            "responding",
            "commit",
            "commits",
            "nurture",
            "nurtures",
            "cooperate",
            "cooperates",
            "collaborate",
            "collaborates",
            "compete",
            "competes",
        ]
    ),
    "fr": frozenset(
        [
            "diriger",
            "dirige",
            "dirigera",
            "diriger",
            "analyser",
            "analyse",
            "analysera",
            "déterminer",
            "détermine",
            "soutenir",
            "soutient",
            "appuyer",
            "appuie",
            "défendre",
            "défend",
            "décider",
            "décide",
            "piloter",
            "pilote",
            "coordonner",
            "partager",
            "partage",
            "accompagner",
            "accompagne",
        ]
    ),
    "es": frozenset(
        [
            "dirigir",
            "dirige",
            "dirigirá",
            "liderar",
            "lidera",
            "liderará",
            "analizar",
            "analiza",
            "determinar",
            "determina",
            "apoyar",
            "apoya",
            "apoyará",
            "defender",
            "defiende",
            "decidir",
            "decide",
            "compartir",
            "comparte",
            "acompañar",
            "acompaña",
            "coordinar",
            "coordina",
        ]
    ),
}
# After a duty verb, a coded noun is the object of the duty ("provide support", "draft
# policy analysis", "conduct analyses").
_DUTY_BEFORE = {
    "en": re.compile(
        r"\b(?:draft|drafts|drafting|prepare|prepares|preparing|conduct|conducts|conducting|"
        r"provide|provides|providing|carry out|carries out|carrying out|undertake|undertakes|"
        r"undertaking|perform|performs|performing|produce|produces|producing|deliver|delivers|"
        r"delivering|offer|offers|offering|give|gives|giving|write|writes|writing|coordinate|"
        r"coordinates|coordinating|facilitate|facilitates|facilitating|oversee|oversees|"
        r"overseeing|compile|compiles|compiling|review|reviews|reviewing|contribute to|"
        r"contributes to|contributing to|assist (?:with|in)|assists (?:with|in)|assisting "
        r"(?:with|in)|organi[sz]e|organi[sz]es|commission|commissions|manage|manages|managing|"
        r"ensure|ensures|ensuring|mobili[sz]e|mobili[sz]es|request|requests|seek|seeks|"
        r"receive|receives|receiving|need|needs|require|requires|for|of|on|in)\s+"
        r"(?:[\w-]+\s+){0,3}$",
        re.I,
    ),
    "fr": re.compile(
        r"\b(?:fournir|fournit|apporter|apporte|assurer|assure|réaliser|réalise|rédiger|rédige|"
        r"effectuer|effectue|conduire|conduit|mener|mène|préparer|prépare|offrir|offre|"
        r"produire|produit|coordonner|coordonne)\s+(?:[\w'\u2019-]+\s+){0,3}$",
        re.I,
    ),
    "es": re.compile(
        r"\b(?:brindar|brinda|brindará|proporcionar|proporciona|prestar|presta|realizar|realiza|"
        r"realizará|elaborar|elabora|redactar|redacta|efectuar|efectúa|llevar a cabo|preparar|"
        r"prepara|ofrecer|ofrece|producir|produce|coordinar|coordina)\s+"
        r"(?:[\w-]+\s+){0,3}$",
        re.I,
    ),
}
# Nouns of the coded stems that name work, not a quality: only these can be duty objects.
_WORK_NOUNS = re.compile(
    r"^(?:analys[ie]s|analytics|support|supports|leadership|decisions?|determination|"
    r"challenges?|competition|cooperation|collaboration|commitments?|connections?|"
    r"responses?|understanding|trust|sharing|forces?|analyse|analyses|appui|soutien|"
    r"direction|coopération|collaboration|décisions?|análisis|apoyo|liderazgo|dirección|"
    r"cooperación|colaboración|decisiones|decisión)$",
    re.I,
)
# Said of a person: "strong support", "is analytical", "a supportive colleague".
_PERSON_BEFORE = re.compile(
    r"\b(?:be|is|are|being|very|highly|most|proven|demonstrated|strong|excellent|good|"
    r"great|solid|sound|genuine|clear|natural|personal|a|an|and|your|his|her|their|"
    r"être|est|très|faire preuve de|sens|sens de|sens du|esprit de|esprit d['\u2019]|ser|es|"
    r"muy|gran|capacidad de|capacité à|espíritu de|"
    r"ability to|able to|capacity to|willingness to)\s+$",
    re.I,
)
_DETERMINER_OR_NOUN_AFTER = re.compile(
    r"\s+(?:the|a|an|all|any|its|their|our|national|local|key|relevant|budget|data|"
    r"partners?|teams?|staff|projects?|programmes?|programs?|activities|efforts?|work|"
    r"implementation|development|preparation|drafting|design|policy|policies|and|to|on|"
    r"le|la|les|l['\u2019]|un|une|des|du|el|los|las|un|una|al|del|a las|a los|"
    r"[a-z][\w-]*(?:tion|sion|ies|ings|ships))\b",
    re.I,
)


# A verb that says what the person can do or is like: "ability to lead a team", "fearless in
# defending the rights of", "vous savez décider".
_TRAIT_BEFORE_VERB = re.compile(
    r"\b(?:be|is|are|being|ability to|able to|capacity to|capable of|willing to|"
    r"willingness to|(?:fearless|confident|skilled|experienced|experience|proven|effective|"
    r"passionate|committed|courageous|persistent|determined) (?:in|at|about)|"
    r"savoir|savez|sait|capacité à|capacité de|aptitude à|capable de|"
    r"capacidad (?:de|para)|capaz de|habilidad para)\s+$",
    re.I,
)


def is_task(text: str, start: int, end: int, term: str, lang: str) -> bool:
    """Does the coded word name a duty or the subject of the work, not the person sought?"""
    low = term.lower()
    verbs = _TASK_VERBS.get(lang, frozenset())
    before = text[max(0, start - 60) : start]
    if low in verbs and _DETERMINER_OR_NOUN_AFTER.match(text, end):
        # "lead the drafting", "determine budget allocations", "support partners"; but a
        # quality said of the person stays ("able to lead by example" has no object).
        return not _TRAIT_BEFORE_VERB.search(before)
    if _WORK_NOUNS.match(low):
        if _PERSON_BEFORE.search(before):
            return False
        duty = _DUTY_BEFORE.get(lang)
        return duty is not None and duty.search(before) is not None
    return False


_PHRASE_STOP = re.compile(r"[.;:!?\n\u2022]|\s[-\u2013\u2014]\s")


def phrase_around(text: str, start: int, end: int, words: int = 5) -> str:
    """The words around a coded word within its clause: what the report shows as the reason."""
    lo = max(0, start - 120)
    stops = [m.end() for m in _PHRASE_STOP.finditer(text, lo, start)]
    left = text[stops[-1] if stops else lo : start].split()[-words:]
    stop = _PHRASE_STOP.search(text, end, min(len(text), end + 120))
    right = text[end : stop.start() if stop else min(len(text), end + 120)]
    # a word cut at a window edge is dropped, the coded word is kept whole
    tail = right.split()[: words + 1]
    word = text[start:end] + tail.pop(0) if tail and not right[:1].isspace() else text[start:end]
    return " ".join([*left, word, *tail[:words]])


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
