"""Context filters: the judgements a word list cannot make on its own.

Every function here looks only at a small window around one match, so the cost of the
filters grows with the number of matches, not with the size of the document.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, partial

import ahocorasick


class _LazyPatterns:
    """Patterns per language, each compiled when first asked for: a process that checks only
    English never compiles the French and Spanish ones (compiling is most of an import)."""

    def __init__(self, specs: dict[str, Callable[[], re.Pattern[str]]]) -> None:
        self._specs = specs
        self._done: dict[str, re.Pattern[str]] = {}

    def get(self, lang: str) -> re.Pattern[str] | None:
        rx = self._done.get(lang)
        if rx is None:
            spec = self._specs.get(lang)
            if spec is None:
                return None
            rx = self._done[lang] = spec()
        return rx

    def __getitem__(self, lang: str) -> re.Pattern[str]:
        rx = self.get(lang)
        if rx is None:
            raise KeyError(lang)
        return rx


def trie_regex(words: Iterable[tuple[str, bool]], leaf_suffix: str = "") -> str:
    """A regex alternation shaped like a trie; leaves flagged True get leaf_suffix.

    Python's regex engine tries alternatives one after the other; sharing prefixes means a
    word is compared once per character instead of once per alternative. Longer continuations
    come before the end of a word, so the longest form wins ("man-hours" before "man").
    """
    root: dict[str, object] = {}
    for word, flag in words:
        node = root
        for ch in word:
            nxt = node.setdefault(ch, {})
            assert isinstance(nxt, dict)
            node = nxt
        node[""] = bool(node.get("", False)) or flag

    def emit(node: dict[str, object]) -> str:
        alts: list[str] = []
        for key in sorted(k for k in node if k):
            child = node[key]
            assert isinstance(child, dict)
            alts.append(re.escape(key) + emit(child))
        if "" in node:
            alts.append(leaf_suffix if node[""] else "")
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return emit(root)


# Sentence ends. Abbreviations that carry a period ("Mr.", "e.g.") do not end a sentence,
# which matters for "Mr. Diallo said his team...".
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "sr",
        "sra",
        "srta",
        "prof",
        "mme",
        "mlle",
        "no",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "nr",
        "art",
        "p",
        "pp",
        "fig",
        "dra",
        "lic",
        "ing",
        "mmes",
        "sres",
        "sras",
        "dña",
        "drs",
    ]
)
_ENDERS = ".!?\u2026\n"
_CLOSERS = "\"'\u201d\u2019\u00bb)]"
_WINDOW = 400


def _is_boundary(text: str, i: int) -> int:
    """If text[i] ends a sentence, the index where the next sentence starts; else -1."""
    ch = text[i]
    if ch == "\n":
        return i + 1
    j = i + 1
    n = len(text)
    while j < n and text[j] in _CLOSERS:
        j += 1
    if j < n and not text[j].isspace():
        return -1
    if ch == ".":
        k = i
        while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
            k -= 1
        word = text[k:i].lower()
        if word in _ABBREVIATIONS or (len(word) == 1 and text[k].isupper()):
            return -1
    while j < n and text[j] in " \t":
        j += 1
    return j


# Candidate sentence ends; the few hits are checked in Python (abbreviations). A pattern that
# starts with a character class lets the C engine skip ahead, unlike a look-behind.
_SENT_CAND = re.compile(r"[.!?\u2026][\"'\u201d\u2019\u00bb)\]]*[ \t\r\f\v]+|\n")


def sentence_starts(text: str, pos: int, window: int = _WINDOW, need: int = 1) -> list[int]:
    """The starts of the last `need` sentences that begin in the window before pos, in order.

    Candidates are found in C; only the last few are checked for abbreviations ("Mr."),
    walking backwards, so a long window costs little more than a short one.
    """
    lo = max(0, pos - window)
    cands = list(_SENT_CAND.finditer(text, lo, pos))
    out: list[int] = []
    for m in reversed(cands):
        if m.group()[0] == "." and _is_boundary(text, m.start()) < 0:
            continue
        out.append(m.end())
        if len(out) >= need:
            break
    out.reverse()
    return out


def sentence_start(text: str, pos: int) -> int:
    starts = sentence_starts(text, pos)
    return starts[-1] if starts else max(0, pos - _WINDOW)


def sentence_end(text: str, pos: int) -> int:
    hi = min(len(text), pos + _WINDOW)
    lo = pos
    while lo < hi:
        found = [i for i in (text.find(c, lo, hi) for c in _ENDERS) if i >= 0]
        if not found:
            break
        i = min(found)
        if _is_boundary(text, i) >= 0:
            return i + 1
        lo = i + 1
    return hi


def sentence(text: str, start: int, end: int) -> tuple[int, int]:
    return sentence_start(text, start), sentence_end(text, end)


_WORD_BEFORE = re.compile(r"([\w][\w'\u2019.-]*)[^\w\n]*$")
_WORD_AFTER = re.compile(r"^(?:['\u2019]s)?[^\w\n]*?([\w][\w'\u2019-]*)")


def word_before(text: str, pos: int) -> tuple[str, int]:
    """The word ending before pos on the same line, and where it starts ('' if none)."""
    m = _WORD_BEFORE.search(text, max(0, pos - 60), pos)
    if not m:
        return "", pos
    return m.group(1).rstrip("."), m.start(1)


def word_after(text: str, pos: int) -> tuple[str, int]:
    m = _WORD_AFTER.match(text[pos : pos + 60])
    if not m:
        return "", pos
    return m.group(1), pos + m.end(1)


def starts_sentence(text: str, pos: int) -> bool:
    """True when only quotes, brackets, bullets or spaces separate pos from a sentence end."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\"'\u201c\u2018\u00ab([*\u2022-\u2013\u2014#>":
        i -= 1
    return i < 0 or text[i] in ".!?\n:\r\u2026;"


# --- proper names, URLs and titles ---------------------------------------------------------

_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "each",
        "every",
        "any",
        "all",
        "our",
        "your",
        "their",
        "his",
        "her",
        "its",
        "my",
        "no",
        "of",
        "for",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "by",
        "with",
        "from",
        "as",
        "but",
        "if",
        "when",
        "while",
        "el",
        "la",
        "los",
        "las",
        "lo",
        "un",
        "una",
        "unos",
        "unas",
        "le",
        "les",
        "l",
        "des",
        "du",
        "de",
        "del",
        "et",
        "ou",
        "y",
        "o",
        "e",
        "u",
        "en",
        "au",
        "aux",
        "al",
        "this",
        "our",
        "ce",
        "cette",
        "ces",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
        "su",
        "sus",
        "nuestro",
        "nuestra",
        "votre",
        "notre",
        "i",
    ]
)
_CONNECTORS = frozenset(
    {
        "of",
        "for",
        "and",
        "on",
        "de",
        "del",
        "des",
        "du",
        "la",
        "le",
        "los",
        "las",
        "et",
        "y",
        "the",
        "d",
        "l",
    }
)


_ARTICLES_OF_NAMES = frozenset({"the", "la", "le", "les", "los", "las", "el", "l"})


def _capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _name_word(word: str) -> bool:
    return _capitalised(word) and word.lower() not in _FUNCTION_WORDS


def in_capitalised_name(text: str, start: int, end: int, *, verb: bool = False) -> bool:
    """A capitalised match that is part of a multi-word name (Ministry of Manpower)."""
    term = text[start:end]
    if not _capitalised(term):
        return False
    letters = [c for c in term if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        # ALL CAPS is a heading or emphasis, not a name; its neighbours say nothing.
        return _line_is_upper(text, start) is False and _upper_neighbour(text, start, end)
    first = starts_sentence(text, start)
    if verb and not first:
        return True  # "Manning said": a capitalised verb form mid-sentence is a surname
    prev, prev_at = ("", start) if first else word_before(text, start)
    if prev and not _line_break_between(text, prev_at, start):
        if _name_word(prev) and not (
            starts_sentence(text, prev_at) and prev.istitle() and _is_common_opener(prev)
        ):
            return True
        if prev.lower() in _CONNECTORS and not first:
            prev2, at2 = word_before(text, prev_at)
            if prev2.lower() in _CONNECTORS and prev.lower() in _ARTICLES_OF_NAMES:
                # "Office of the Ombudsman", "Ministry of the Interior"
                prev2, at2 = word_before(text, at2)
            if _name_word(prev2) and not _line_break_between(text, at2, prev_at):
                return True
    nxt, nxt_end = word_after(text, end)
    if nxt and not _line_break_between(text, end, nxt_end) and _name_word(nxt):
        return True
    if nxt.lower() in _CONNECTORS and nxt and not first:
        nxt2, end2 = word_after(text, nxt_end)
        if _name_word(nxt2) and not _line_break_between(text, nxt_end, end2):
            return True
    return False


_COMMON_OPENERS = frozenset(
    [
        "please",
        "however",
        "moreover",
        "therefore",
        "furthermore",
        "also",
        "currently",
        "during",
        "since",
        "although",
        "because",
        "once",
        "many",
        "most",
        "some",
        "several",
        "both",
        "overall",
        "finally",
        "first",
        "second",
        "third",
        "then",
    ]
)


def _is_common_opener(word: str) -> bool:
    return word.lower() in _COMMON_OPENERS


def line_around(text: str, pos: int, limit: int = 300) -> tuple[int, int]:
    """The line around pos, cut to `limit` characters each way.

    Bounded on purpose: an unbounded search for a newline in a one-line 10 MB text (PDF
    extraction does that) would cost O(n) per match.
    """
    lo = max(0, pos - limit)
    ls = text.rfind("\n", lo, pos)
    ls = lo if ls < 0 else ls + 1
    hi = min(len(text), pos + limit)
    le = text.find("\n", pos, hi)
    return ls, hi if le < 0 else le


def _line_break_between(text: str, a: int, b: int) -> bool:
    return "\n" in text[min(a, b) : max(a, b)]


def _line_is_upper(text: str, pos: int) -> bool:
    ls, le = line_around(text, pos)
    line = text[ls:le]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 0 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _upper_neighbour(text: str, start: int, end: int) -> bool:
    prev, _ = word_before(text, start)
    nxt, _ = word_after(text, end)
    return any(len(w) > 1 and w.isupper() for w in (prev, nxt))


_EMAIL = re.compile(r"[\w.+-]@[\w-]+\.\w")
_DOMAIN = re.compile(r"\w\.(?:com|org|net|int|gov|edu|info|io|uk|fr|es|ch|de|un|eu|ca|mx)\b", re.I)


_PLAIN_BEFORE = frozenset(" \t\n(\"'\u201c\u2018\u00ab[")
_PLAIN_AFTER = frozenset(" \t\n,;)!?\"'\u201d\u2019\u00bb]")


def in_url_or_email(text: str, start: int, end: int) -> bool:
    if (start == 0 or text[start - 1] in _PLAIN_BEFORE) and (
        end == len(text) or text[end] in _PLAIN_AFTER
    ):
        return False
    lo = start
    while lo > 0 and not text[lo - 1].isspace() and start - lo < 200:
        lo -= 1
    hi = end
    n = len(text)
    while hi < n and not text[hi].isspace() and hi - end < 200:
        hi += 1
    token = text[lo:hi]
    if "://" in token or token.lower().startswith("www.") or _EMAIL.search(token):
        return True
    return bool(_DOMAIN.search(token))


_OPEN_Q = '"\u201c\u00ab\u2018\u201e'
_CLOSE_FOR = {
    '"': '"',
    "\u201c": "\u201d",
    "\u00ab": "\u00bb",
    "\u2018": "\u2019",
    "\u201e": "\u201c",
}
_TITLE_CUES = re.compile(
    r"(?:entitled|titled|called|named|book|film|movie|report|song|novel|play|poem|publication|"
    r"article|study|series|album|exhibition|documentary|campaign|intitul\w*|titre|livre|"
    r"rapport|roman|titulad\w*|libro|pel\u00edcula|informe|novela|llamad\w*|obra)\W*$",
    re.I,
)


def in_quoted_title(text: str, start: int, end: int) -> bool:
    """Inside quotation marks that enclose the title of a work ("The Old Man and the Sea")."""
    ls = max(text.rfind("\n", max(0, start - 200), start) + 1, start - 200)
    open_at = max(text.rfind(q, ls, start) for q in _OPEN_Q)
    if open_at < 0:
        return False
    if max(text.rfind(q, open_at + 1, start) for q in "\u201d\u00bb") >= 0:
        return False
    opener = text[open_at]
    if opener == '"' and text.count('"', ls, open_at) % 2 == 1:
        return False  # that straight quote closes an earlier quotation
    closer = _CLOSE_FOR[opener]
    close_at = text.find(closer, end, end + 200)
    if close_at < 0 or "\n" in text[end:close_at]:
        return False
    inner = text[open_at + 1 : close_at]
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", inner)
    if not words:
        return False
    long_words = [w for w in words if len(w) > 3] or words
    caps = sum(1 for w in long_words if w[0].isupper())
    if len(words) >= 2 and caps / len(long_words) >= 0.6 and words[0][0].isupper():
        return True
    return bool(_TITLE_CUES.search(text[max(0, open_at - 40) : open_at]))


# --- accepted pairs and doublets -----------------------------------------------------------

BUILTIN_PAIRS: dict[str, tuple[str, ...]] = {
    "en": (
        "his or her",
        "her or his",
        "he or she",
        "she or he",
        "him or her",
        "her or him",
        "himself or herself",
        "herself or himself",
        "his or hers",
        "hers or his",
        "his/her",
        "her/his",
        "he/she",
        "she/he",
        "him/her",
        "her/him",
        "himself/herself",
        "(s)he",
        "s/he",
        "he/she/they",
        "his/her/their",
        "his and her",
        "his and hers",
        "he and she",
        "women and men",
        "men and women",
        "boys and girls",
        "girls and boys",
        "ladies and gentlemen",
        "brothers and sisters",
        "sisters and brothers",
        "fathers and mothers",
        "mothers and fathers",
        "sons and daughters",
        "daughters and sons",
        "women, men",
        "men, women",
        "women, girls, men and boys",
        "women, men, girls and boys",
    ),
    "fr": (
        "il ou elle",
        "elle ou il",
        "il/elle",
        "elle/il",
        "ils et elles",
        "elles et ils",
        "ils ou elles",
        "elles ou ils",
        "celles et ceux",
        "ceux et celles",
        "toutes et tous",
        "tous et toutes",
        "les femmes et les hommes",
        "les hommes et les femmes",
        "femmes et hommes",
        "hommes et femmes",
        "filles et garçons",
        "garçons et filles",
        "les filles et les garçons",
        "les garçons et les filles",
    ),
    "es": (
        "él o ella",
        "ella o él",
        "él/ella",
        "ella/él",
        "ellos y ellas",
        "ellas y ellos",
        "ellos o ellas",
        "ellas o ellos",
        "todos y todas",
        "todas y todos",
        "los y las",
        "las y los",
        "niños y niñas",
        "niñas y niños",
        "hombres y mujeres",
        "mujeres y hombres",
        "los niños y las niñas",
        "las niñas y los niños",
        "chicos y chicas",
        "chicas y chicos",
    ),
}

_ARTICLES = frozenset(
    [
        "le",
        "la",
        "les",
        "l'",
        "l’",
        "un",
        "une",
        "des",
        "du",
        "de",
        "d'",
        "d’",
        "el",
        "los",
        "las",
        "lo",
        "unos",
        "unas",
        "al",
        "del",
    ]
)
_CONJ = frozenset({"et", "ou", "y", "o", "e", "u", "/", ",", "and", "or"})
_TOKEN = re.compile(r"[\w@]+(?:['\u2019](?=\w))?|[/,]")


def feminine_candidates(word: str, lang: str) -> set[str]:
    """Feminine forms a writer would pair with this masculine word in a doublet."""
    w = word.lower()
    out: set[str] = set()
    if lang == "fr":
        plural = w.endswith(("s", "x")) and len(w) > 3
        stem = w[:-1] if plural else w
        s = "s" if plural else ""
        out.add(stem + "e" + s)
        rules = (
            ("eur", ("euse", "rice", "eure")),
            ("ien", ("ienne",)),
            ("el", ("elle",)),
            ("er", ("ère",)),
            ("if", ("ive",)),
            ("eux", ("euse",)),
            ("on", ("onne",)),
            ("et", ("ette",)),
            ("teur", ("trice",)),
            ("ier", ("ière",)),
            ("le", ("la",)),
            ("il", ("elle",)),
            ("ils", ("elles",)),
            ("ceux", ("celles",)),
            ("tous", ("toutes",)),
            ("un", ("une",)),
        )
        for suf, fems in rules:
            if stem.endswith(suf):
                for f in fems:
                    out.add(stem[: len(stem) - len(suf)] + f + s)
        if w in {"ils", "il", "ceux", "tous", "le", "un"}:
            out |= {"elles", "elle", "celles", "toutes", "la", "une"}
    elif lang == "es":
        plural = w.endswith("s") and len(w) > 3
        stem = w[:-1] if plural else w
        if plural and stem.endswith("e") and len(stem) > 3 and stem[-2] in "rnlsd":
            # trabajadores -> trabajadoras, profesores -> profesoras
            out.add(stem[:-1] + "as")
        if stem.endswith("o"):
            out.add(stem[:-1] + "a" + ("s" if plural else ""))
        if stem.endswith("e"):
            out.add(stem[:-1] + "a" + ("s" if plural else ""))
        if stem[-1:] in set("rnlsdz"):
            out.add(stem + "a" + ("s" if plural else ""))
        mapping = {
            "los": "las",
            "el": "la",
            "unos": "unas",
            "un": "una",
            "ellos": "ellas",
            "él": "ella",
            "todos": "todas",
            "del": "de la",
            "al": "a la",
            "estos": "estas",
            "esos": "esas",
            "aquellos": "aquellas",
            "nuestros": "nuestras",
        }
        if w in mapping:
            out.add(mapping[w])
        if "ó" in stem:
            out |= {c.replace("ó", "o") for c in list(out)}
            base = stem.replace("ó", "o")
            out.add(base + "a" + ("s" if plural else ""))
    elif lang == "en":
        pairs = {
            "he": "she",
            "him": "her",
            "his": "her",
            "himself": "herself",
            "men": "women",
            "man": "woman",
            "boys": "girls",
            "boy": "girl",
        }
        if w in pairs:
            out.add(pairs[w])
    out.discard(w)
    return out


def _feminine_of_seq(fem: list[str], masc: list[str], lang: str) -> bool:
    if len(fem) != len(masc):
        return False
    differs = False
    for f, m in zip(fem, masc, strict=True):
        fl = f.lower()
        if fl == m.lower():
            continue
        if fl in feminine_candidates(m, lang):
            differs = True
            continue
        return False
    return differs


def in_doublet(text: str, start: int, end: int, lang: str) -> bool:
    """'les migrantes et les migrants', 'trabajadoras y trabajadores', 'niños/as'."""
    masc = _TOKEN.findall(text[start:end])
    masc = [w for w in masc if w not in {"/", ","}]
    if not masc:
        return False
    n = len(masc)
    after = text[end : end + 6]
    if re.match(r"(?:/|\()(?:as?|es|os|e|a)\b", after):
        return True
    before_toks = _TOKEN.findall(text[max(0, start - 80) : start])
    after_toks = _TOKEN.findall(text[end : end + 80])
    # Doublet before the span: FEM [article] CONJ [article] <span>
    toks = list(before_toks)
    if toks and toks[-1].lower() in _ARTICLES:
        toks.pop()
    if toks and toks[-1].lower() in _CONJ:
        toks.pop()
        for k in (n, n + 1):
            cand = toks[-k:] if len(toks) >= k else []
            if cand and _seq_matches(cand, masc, lang):
                return True
    toks = list(after_toks)
    if toks and toks[0].lower() in _CONJ:
        toks.pop(0)
        for k in (n, n + 1):
            cand = toks[:k]
            if len(cand) == k and _seq_matches(cand, masc, lang):
                return True
    return False


def _seq_matches(cand: list[str], masc: list[str], lang: str) -> bool:
    if _feminine_of_seq(cand, masc, lang):
        return True
    # Article only on one side: 'las trabajadoras y trabajadores'.
    if len(cand) == len(masc) + 1 and cand[0].lower() in _ARTICLES:
        return _feminine_of_seq(cand[1:], masc, lang)
    if len(cand) + 1 == len(masc) and masc[0].lower() in _ARTICLES:
        return _feminine_of_seq(cand, masc[1:], lang)
    if len(cand) == len(masc) + 1:
        return _feminine_of_seq(cand[:-1], masc, lang)
    return False


# --- generic pronouns ---------------------------------------------------------------------


def _phrases(spec: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in spec.replace("\n", " ").split(",") if p.strip())


ROLE_NOUNS: dict[str, tuple[str, ...]] = {
    "en": _phrases(
        """applicant, candidate, participant, beneficiary, employee, employer, staff member,
        member, user, student, pupil, learner, trainee, apprentice, intern, farmer, worker,
        researcher, consultant, expert, manager, officer, supervisor, person, individual,
        citizen, resident, patient, client, customer, owner, contractor, author, reader,
        reviewer, evaluator, delegate, representative, recipient, holder, incumbent, trainer,
        teacher, instructor, doctor, physician, nurse, engineer, scientist, professional,
        specialist, entrepreneur, investor, borrower, lender, producer, consumer, buyer,
        seller, driver, child, parent, partner, volunteer, visitor, speaker, leader,
        head of household, household head, migrant, refugee, focal point, coordinator,
        jobholder, job holder, householder, smallholder, grantee, awardee, fellow,
        practitioner, caregiver, carer, tenant, landowner, landlord, player, athlete, voter,
        taxpayer, programmer, developer, administrator, operator, technician, analyst,
        auditor, writer, journalist, judge, lawyer, pilot, soldier, respondent, interviewee,
        interviewer, enumerator, facilitator, mentor, mentee, staffer, colleague, employee,
        official, worker, supplier, vendor, subscriber, member of staff, team member,
        trainee, graduate, novice, newcomer, appointee, nominee, successful candidate,
        returnee, victim, survivor, jobseeker, job seeker, job-seeker, assistant, associate,
        adviser, advisor, accountant, clerk, secretary, guard, labourer, laborer, fisher,
        herder, pastoralist, trader, asylum seeker, asylum-seeker, claimant, detainee,
        prisoner, offender, defendant, witness, complainant, household member, passenger,
        traveller, traveler, trafficker, smuggler, recruiter, broker, agent, inspector,
        attendant, caretaker, mechanic, counsellor, counselor, caseworker, case worker,
        translator, interpreter, community member, host, guest, sponsor, homeowner,
        migrant worker, domestic worker, breadwinner, specialist, recruit, headteacher,
        head teacher, head of office, head of unit, head of mission, head of sub-office,
        chief of mission, head of department, head of programme, head of section,
        receptionist, midwife, nanny, babysitter, childminder, housekeeper, cleaner, maid,
        cook, hairdresser, beautician, typist, flight attendant, social worker, health worker,
        community health worker, birth attendant, nursery teacher, kindergarten teacher,
        caretaker, domestic helper, home carer, care worker"""
    ),
    "fr": _phrases(
        """candidat, participant, bénéficiaire, employé, salarié, fonctionnaire, demandeur,
        utilisateur, usager, étudiant, élève, agriculteur, travailleur, chercheur,
        consultant, expert, responsable, agent, citoyen, patient, client, propriétaire,
        auteur, lecteur, lauréat, titulaire, formateur, enseignant, médecin, ingénieur,
        stagiaire, migrant, réfugié, collaborateur, coordinateur, membre du personnel,
        rapatrié, retourné, demandeur d'asile, demandeur d'emploi, travailleur migrant,
        survivant, victime, assistant, conseiller, associé, administrateur, chef, gestionnaire,
        coordonnateur, spécialiste, interprète, traducteur, animateur, facilitateur,
        enquêteur, observateur, superviseur, technicien, chauffeur, locataire, habitant,
        ressortissant, passager, voyageur, commerçant, éleveur, pêcheur, exploitant, jeune,
        apprenti, détenu, prévenu, requérant, plaignant, témoin, volontaire, bénévole,
        secrétaire, réceptionniste, infirmier, infirmière, sage-femme, nourrice, puéricultrice,
        aide-soignante, aide-soignant, femme de ménage, hôtesse d'accueil, assistante maternelle"""
    ),
    "es": _phrases(
        """candidato, participante, beneficiario, empleado, trabajador, funcionario,
        solicitante, usuario, estudiante, alumno, agricultor, investigador, consultor,
        experto, responsable, ciudadano, paciente, cliente, propietario, autor, lector,
        titular, formador, docente, profesor, médico, ingeniero, pasante, migrante,
        refugiado, colaborador, coordinador, miembro del personal, retornado, víctima,
        sobreviviente, superviviente, solicitante de asilo, asistente, asesor, asociado,
        administrador, jefe, gestor, especialista, intérprete, traductor, facilitador,
        encuestador, observador, supervisor, técnico, conductor, chofer, inquilino,
        habitante, pasajero, viajero, comerciante, productor, pescador, joven, aprendiz,
        detenido, demandante, denunciante, testigo, voluntario, trabajador migrante,
        postulante, interesado, becario, contratista, proveedor, secretaria, recepcionista,
        enfermera, enfermero, partera, niñera, cuidadora, empleada doméstica"""
    ),
}
_INDEFINITE = {
    "en": r"everyone|everybody|anyone|anybody|someone|somebody|no one|nobody|whoever|"
    r"each one|every one|each of the|each of our|each of your|each of them",
    "fr": "chacun|quiconque|personne|quelqu'un|quelqu\u2019un|tout le monde",
    "es": r"cada uno|cualquiera|alguien|nadie|todo el mundo|quien",
}
_DETERMINERS = {
    "en": r"a|an|each|every|any|no|the|this|that|whichever|one|every single|such a|whatever",
    "fr": r"un|le|l'|l\u2019|chaque|tout|tout|aucun|ce|cet|le futur|un futur",
    "es": r"un|el|cada|todo|ningún|ningun|este|ese|al|del|dicho|cualquier",
}
# Window patterns start by consuming the character before the word (a class the C engine can
# skip ahead on) instead of a \b or look-behind, which is tried at every position.
_TITLED = re.compile(
    r"[^\w](?:Mr|Mister|Sir|Lord|King|Prince|Monsieur|M|Señor|Sr|Don|Dr|Prof|Professor|"
    r"President|Minister|Ambassador|Director|Chairman|Father|Brother|Rev|Judge|Senator|"
    r"General|Colonel|Captain|Pr|Me)\.?\s+[A-Z\u00c0-\u00de][\w'\u2019-]+"
)
# Roles assumed to be women's: a generic "she" for them is the stereotyped generic feminine.
_WOMEN_ASSUMED = frozenset(
    _phrases(
        """receptionist, secretary, nurse, midwife, nanny, babysitter, childminder, housekeeper,
        cleaner, maid, carer, caregiver, care worker, home carer, hairdresser, beautician,
        typist, flight attendant, domestic worker, domestic helper, birth attendant,
        nursery teacher, kindergarten teacher, social worker, community health worker,
        health worker, cook"""
    )
)
_TITLED_WOMAN = re.compile(
    r"[^\w](?:Mrs|Ms|Miss|Madam|Lady|Queen|Princess|Madame|Mme|Mlle|Se\u00f1ora|Sra|Srta|Do\u00f1a|"
    r"Dr|Dra|Prof|Professor|President|Minister|Ambassador|Director|Sister|Mother|Judge|"
    r"Senator)\.?\s+[A-Z\u00c0-\u00de][\w'\u2019-]+"
)
_FEMALE_BARE = re.compile(
    r"[^\w](?:woman|women|girl|mother|wife|daughter|sister|grandmother|aunt|niece|lady|"
    r"queen|princess|widow|nun|she herself|pregnant|breastfeeding)(?!\w)",
    re.I,
)
_MALE_NOUNS = {
    "en": r"man|boy|father|husband|son|brother|king|gentleman|grandfather|uncle|nephew|"
    r"prince|lord|monk|priest|sir|guy|boyfriend|widower|he himself|minister|president|"
    r"ambassador|secretary-general|mayor|governor|prime minister|chairman|chief executive",
    "fr": r"homme|garçon|père|mari|fils|frère|roi|monsieur|oncle|neveu|grand-père|ministre|"
    r"président|ambassadeur|maire|directeur général",
    "es": r"hombre|niño|chico|padre|marido|esposo|hijo|hermano|rey|señor|tío|sobrino|abuelo|"
    r"ministro|presidente|embajador|alcalde",
}


_IMPERSONAL_IL = re.compile(
    r"il\s+(?:faut|fallait|faudra|faudrait|y\s|s['\u2019](?:agit|agissait|agira)|semble|"
    r"semblait|convient|conviendra|importe|suffit|suffira|existe|existait|reste|restait|"
    r"manque|arrive|pleut|paraît|vaut mieux|ressort|apparaît|découle|incombe|"
    r"(?:est|était|sera|serait|devient|paraît)\s+(?:\w+\s+)?(?:important|nécessaire|"
    r"essentiel|possible|impossible|prévu|recommandé|souhaitable|utile|indispensable|"
    r"crucial|difficile|facile|clair|évident|urgent|probable|vrai|temps|question|"
    r"primordial|fondamental|envisagé|proposé|attendu|demandé|rappelé|noté|entendu)\b)",
    re.I,
)


# One capitalised word after a word or a comma (not a sentence opener): part of a name.
# Pronouns and other function words are capitalised too, at times, and are not names.
_MID_NAME = re.compile(r"[\w,;] ([A-Z\u00c0-\u00de][a-z\u00e0-\u00ff'\u2019-]+)")
_NOT_NAMES = _FUNCTION_WORDS | frozenset(
    {
        "he",
        "she",
        "him",
        "his",
        "her",
        "hers",
        "it",
        "its",
        "they",
        "them",
        "we",
        "us",
        "you",
        "i",
        "il",
        "elle",
        "ils",
        "elles",
        "él",
        "ella",
        "ellos",
        "ellas",
        "lui",
        "leur",
        "su",
    }
)


# Plural groups that may hold women and men alike: epicene role nouns (the same word for
# both), whose "ils"/"ellos" is a generic masculine pronoun.
_EPICENE_GROUPS: dict[str, tuple[str, ...]] = {
    "fr": _phrases(
        """bénéficiaires, stagiaires, responsables, fonctionnaires, membres, partenaires,
        titulaires, propriétaires, locataires, collègues, élèves, jeunes, adultes,
        signataires, destinataires, bénévoles, volontaires, spécialistes, gestionnaires,
        secrétaires, interprètes, journalistes, cadres, membres du personnel,
        ressortissants et ressortissantes, parties prenantes"""
    ),
    "es": _phrases(
        """participantes, estudiantes, solicitantes, solicitantes de asilo, migrantes,
        integrantes, representantes, docentes, pacientes, habitantes, residentes, agentes,
        colegas, jóvenes, cónyuges, dirigentes, gerentes, asistentes, especialistas,
        periodistas, intérpretes, líderes, adolescentes, miembros, miembros del personal,
        responsables, contrapartes, sobrevivientes, supervivientes, denunciantes,
        demandantes, docentes, comerciantes, productores y productoras"""
    ),
}
_PLURAL_DETERMINERS = {
    "fr": r"les|des|ces|aux|nos|vos|leurs|tous les|certains|plusieurs|de nombreux",
    "es": r"los|las|unos|unas|estos|estas|esos|esas|nuestros|nuestras|sus|todos los|"
    r"todas las|dichos|dichas|varios|varias|muchos|muchas|algunos|algunas",
}
_MALE_GROUPS = {
    "fr": r"hommes|garçons|pères|maris|frères|fils|messieurs",
    "es": r"hombres|varones|chicos|maridos|esposos|señores",
}
# A plural noun phrase (determiner + word) between the group and the pronoun.
_PLURAL_NP = _LazyPatterns(
    {
        "fr": lambda: re.compile(
            r"\b(?:les|des|ces|leurs|nos|vos|aux|ses|certains|plusieurs)\s+"
            r"(?:[\w-]+\s+)?([\w-]+s)\b",
            re.I,
        ),
        "es": lambda: re.compile(
            r"\b(?:los|unos|estos|esos|sus|nuestros|varios|muchos|algunos)\s+"
            r"(?:[\w-]+\s+)?([\w-]+s)\b",
            re.I,
        ),
    }
)
_FEMININE_PLURAL = re.compile(
    r"(?:tions|sions|ités|ences|ances|ures|ées|ies|ciones|siones|dades|femmes|personnes|"
    r"mujeres|personas|filles|niñas)$",
    re.I,
)
_BOTH_SEXES = re.compile(
    r"\b(?:hommes|femmes|hombres|mujeres|filles|garçons|niñas|niños)\s+(?:ou|et|y|o|e|u)\s+"
    r"(?:des\s+|les\s+|las\s+|los\s+)?(?:hommes|femmes|hombres|mujeres|filles|garçons|niñas|"
    r"niños)\b|\bde(?:s)? (?:deux|ambos) sexes?\b|\bambos sexos\b",
    re.I,
)
_DOUBLET_RX = re.compile(
    r"(?:^|[^\w])([\w]+s)\s+(?:et|ou|y|o|e|u)\s+(?:les\s+|las\s+|los\s+|des\s+)?([\w]+s)"
    r"(?![\w])",
    re.I,
)

_APPOSED_NAME = re.compile(
    r"([A-Z\u00c0-\u00de][\w'\u2019-]+)\s*,\s*(?:a|an|the|our|un|une|le|la|"
    r"l['\u2019]|el|una|notre|nuestro|nuestra)\s*(?:[\w-]+\s+){0,2}$"
)

_MONTHS_DAYS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
    ]
)
# Before a capitalised run, these say it is a title, an institution or a place, not a person:
# "the Logistics Assistant", "a Senegalese worker", "in Dakar", "del Ministerio".
_NOT_PERSON_BEFORE = frozenset(
    [
        "the",
        "a",
        "an",
        "each",
        "every",
        "any",
        "our",
        "your",
        "their",
        "its",
        "this",
        "that",
        "these",
        "those",
        "no",
        "whose",
        "in",
        "at",
        "from",
        "into",
        "across",
        "within",
        "throughout",
        "near",
        "outside",
        "inside",
        "towards",
        "toward",
        "le",
        "la",
        "les",
        "l",
        "un",
        "une",
        "des",
        "du",
        "au",
        "aux",
        "ce",
        "cet",
        "cette",
        "ces",
        "chaque",
        "notre",
        "votre",
        "leur",
        "leurs",
        "dans",
        "vers",
        "depuis",
        "en",
        "à",
        "el",
        "los",
        "las",
        "una",
        "unos",
        "unas",
        "del",
        "al",
        "este",
        "esta",
        "ese",
        "esa",
        "cada",
        "nuestro",
        "nuestra",
        "su",
        "sus",
        "desde",
        "hacia",
    ]
)
_NAME_LINKS = frozenset(
    {"of", "for", "and", "de", "du", "des", "del", "d", "y", "et", "la", "the", "on"}
)
_WORD_BACK = re.compile(r"([\w'\u2019-]+)[ \t]*$")


def is_person_name(text: str, name_start: int, word: str, roles: frozenset[str]) -> bool:
    """A capitalised word mid-sentence: a person's name, or a title, institution or place?

    Names of people take no determiner and no preposition of place before them; a run of
    capitalised words opened by "the", "in", "le", "del"... is a job title ("the Logistics
    Assistant"), an institution ("the Ministry of Labour") or a place ("in Dakar").
    """
    low = word.lower()
    if low in _NOT_NAMES or low in _MONTHS_DAYS or low in roles:
        return False
    pos = name_start
    for _ in range(8):
        m = _WORD_BACK.search(text, max(0, pos - 40), pos)
        if m is None:
            return True
        prev = m.group(1)
        pl = prev.lower().rstrip("'\u2019")
        if pl in _NOT_PERSON_BEFORE:
            return False
        if prev[:1].isupper():
            if pl in roles:
                return False  # "Logistics Assistant Officer": a job title
            pos = m.start(1)
            continue
        if pl in _NAME_LINKS:
            pos = m.start(1)
            continue
        return True
    return True


class ReferentFinder:
    """Decides whether a pronoun points back at a generic role noun or at a known man."""

    def __init__(self, lang: str, extra_roles: Iterable[str] = ()) -> None:
        roles = sorted(
            set(ROLE_NOUNS.get(lang, ())) | {r.strip().lower() for r in extra_roles if r.strip()},
            key=len,
            reverse=True,
        )
        indefinite = [w for w in _INDEFINITE.get(lang, "").split("|") if w]
        # Role nouns need a determiner before them (checked on each hit); indefinite pronouns
        # ("anyone") are generic by themselves. True marks the indefinites in the trie.
        words = [(r, False) for r in roles] + [(w, True) for w in indefinite]
        self._indefinite = frozenset(w.lower() for w in indefinite)
        self._role = re.compile(r"[^\w](" + trie_regex(words) + r")(?![\w-])", re.I)
        det = _DETERMINERS.get(lang, "the")
        self._determiner = re.compile(rf"(?:^|[^\w])({det})\s+(?:[\w-]+\s+){{0,2}}$", re.I)
        self._lang = lang
        self._role_words = frozenset(r for r in roles if " " not in r)
        male = trie_regex((w, False) for w in _MALE_NOUNS.get(lang, "man").split("|"))
        self._male_bare = re.compile(r"[^\w](?:" + male + r")(?!\w)", re.I)
        # "the father of a student ... he": the role noun only qualifies the man
        self._male_of = re.compile(
            r"(?:^|[^\w])(?:" + male + r")\s+(?:of|de|del|du|des|d['\u2019])"
            r"\s*(?:[\w'\u2019]+\s+)?$",
            re.I,
        )
        group = _EPICENE_GROUPS.get(lang)
        self._group = (
            None
            if group is None
            else re.compile(
                r"(?:^|[^\w])(?:"
                + _PLURAL_DETERMINERS[lang]
                + r")\s+(?:[\w-]+\s+)?(?:"
                + trie_regex((w, False) for w in group)
                + r")(?![\w-])",
                re.I,
            )
        )
        self._male_group = re.compile(
            r"[^\w](?:" + _MALE_GROUPS.get(lang, "men") + r")(?!\w)", re.I
        )

    def _apposition_to_name(self, text: str, word_start: int, end: int) -> bool:
        """'John Smith, a returnee, said he...': the role noun describes the named person."""
        if not text.startswith(",", end):
            return False
        m = _APPOSED_NAME.search(text, max(0, word_start - 60), word_start)
        return m is not None and is_person_name(text, m.start(1), m.group(1), self._role_words)

    def _names(self, text: str, lo: int, hi: int) -> Iterable[int]:
        """Ends of persons' names (capitalised words mid-sentence) between lo and hi."""
        for m in _MID_NAME.finditer(text, lo, hi):
            if is_person_name(text, m.start(1), m.group(1), self._role_words):
                yield m.end()

    def is_generic_plural(self, text: str, start: int) -> bool:
        """'ils'/'ellos' for a group of people of both sexes named just before.

        The group is an epicene plural role noun with a determiner ("les bénéficiaires",
        "los participantes") or a doublet ("los trabajadores y las trabajadoras"). Another
        plural noun phrase in between may be what the pronoun means ("des kits ; ils"), and a
        group of men ("les hommes") is not generic: then the pronoun is kept.
        """
        if self._group is None:
            return False
        if _BOTH_SEXES.search(text, start, min(len(text), start + 60)):
            return False  # "qu'ils soient hommes ou femmes": both are named
        starts = sentence_starts(text, start, 2 * _WINDOW, need=2)
        lo = starts[-2] if len(starts) >= 2 else max(0, start - 2 * _WINDOW)
        best = -1
        for m in self._group.finditer(text, lo, start):
            filler = re.match(r"\W*(?:\S+\s+){1,2}?([\w-]+)\s+[\w-]+$", m.group())
            if filler and filler.group(1).lower() in NON_HUMAN_NOUNS:
                continue  # "les pays partenaires": countries, not people
            best = max(best, m.end())
        for m in _DOUBLET_RX.finditer(text, lo, start):
            a, b = m.group(1), m.group(2)
            if b.lower() in feminine_candidates(a, self._lang) or a.lower() in feminine_candidates(
                b, self._lang
            ):
                best = max(best, m.end())
        if best < 0:
            return False
        if self._male_group.search(text, best, start):
            return False
        return all(
            _FEMININE_PLURAL.search(m.group(1))
            for m in _PLURAL_NP[self._lang].finditer(text, best, start)
        )

    def is_generic(
        self, text: str, start: int, index: TextIndex | None = None, *, feminine: bool = False
    ) -> bool:
        """Does the pronoun at start point back at anyone in a role (not a known person)?

        feminine: "she"/"her" ("the receptionist ... she"): a woman, a named woman or a
        feminine noun for a woman ("mother", "Mrs Bah") closer to it is its referent instead.
        """
        if self._lang == "fr" and _IMPERSONAL_IL.match(text, start):
            return False  # "il faut", "il y a", "il est important de": nobody is meant
        if feminine:
            index = None
        if index is not None:
            return self._is_generic_indexed(text, start, index)
        # The same and the previous sentence, found in one pass over the text before start.
        starts = sentence_starts(text, start, 2 * _WINDOW, need=2)
        lo = starts[-2] if len(starts) >= 2 else max(0, start - 2 * _WINDOW)
        # At the very start of the text there is no character to consume: pad with a space.
        if lo > 0:
            hay, base, off = text, lo - 1, 0
        else:
            hay, base, off = " " + text[:start], 0, -1
        end = start - off
        best_generic = -1
        for m in self._role.finditer(hay, base, end):
            word_start = m.start(1)
            if feminine and m.group(1).lower() not in _WOMEN_ASSUMED:
                continue  # "the staff member ... her": only roles assumed to be women's
            det = None
            if m.group(1).lower() not in self._indefinite:
                det = self._determiner.search(hay, max(0, word_start - 40), word_start)
                if det is None:
                    continue
            if (
                not self._male_of.search(hay, max(0, word_start - 60), word_start)
                and not (self._apposition_to_name(hay, word_start, m.end()))
                and not (
                    det is not None
                    and one_particular_person(
                        hay, det.group(1), word_start, m.end(), end, self._lang
                    )
                )
            ):
                best_generic = max(best_generic, m.end() + off)
        if best_generic < 0:
            return False
        best_specific = -1
        titled = _TITLED_WOMAN if feminine else _TITLED
        for m in titled.finditer(hay, base, end):
            best_specific = max(best_specific, m.end() + off)
        bare = _FEMALE_BARE if feminine else self._male_bare
        for m in bare.finditer(hay, base, end):
            best_specific = max(best_specific, m.end() + off)
        for name_end in self._names(text, lo, start):
            # a capitalised word mid-sentence that is not an opener, a title or a place
            best_specific = max(best_specific, name_end)
        return best_generic > best_specific

    def index(self, text: str) -> TextIndex:
        """Every candidate referent of the text, found in a few passes in C.

        Worth it when pronouns are dense: each pronoun then costs a few bisections instead of
        scanning its own window.
        """
        padded = " " + text  # a word at offset 0 has no character before it to consume
        roles = [
            (m.start(), m.start(1) - 1, m.end() - 1, m.group(1).lower())
            for m in self._role.finditer(padded)
        ]
        specific: list[tuple[int, int]] = [
            (m.start(), m.end() - 1) for m in _TITLED.finditer(padded)
        ]
        specific += [(m.start(), m.end() - 1) for m in self._male_bare.finditer(padded)]
        # (the mid-sentence name pattern needs no padding: its first character is consumed)
        specific += [
            (m.start(), m.end())
            for m in _MID_NAME.finditer(text)
            if is_person_name(text, m.start(1), m.group(1), self._role_words)
        ]
        specific.sort()
        cands = [(m.start(), m.end()) for m in _SENT_CAND.finditer(text)]
        return TextIndex(
            cand_pos=[c[0] for c in cands],
            cand_end=[c[1] for c in cands],
            valid={},
            role_pos=[r[0] for r in roles],
            roles=roles,
            spec_pos=[x[0] for x in specific],
            spec_end=[x[1] for x in specific],
        )

    def _is_generic_indexed(self, text: str, start: int, ix: TextIndex) -> bool:
        # Sentence starts: walk back over the candidate ends, checking abbreviations lazily.
        found: list[int] = []
        i = bisect.bisect_left(ix.cand_pos, start) - 1
        floor = start - 2 * _WINDOW
        while i >= 0 and ix.cand_pos[i] >= floor and len(found) < 2:
            if ix.cand_end[i] <= start:
                ok = ix.valid.get(i)
                if ok is None:
                    pos = ix.cand_pos[i]
                    ok = ix.valid[i] = text[pos] != "." or _is_boundary(text, pos) >= 0
                if ok:
                    found.append(ix.cand_end[i])
            i -= 1
        lo = found[1] if len(found) == 2 else max(0, floor)
        best_generic = -1
        j = bisect.bisect_left(ix.role_pos, start) - 1
        while j >= 0 and ix.role_pos[j] >= lo:
            _, word_start, end, word = ix.roles[j]
            det = (
                None
                if word in self._indefinite
                else self._determiner.search(text, max(0, word_start - 40), word_start)
            )
            if (
                end <= start
                and (word in self._indefinite or det is not None)
                and not self._male_of.search(text, max(0, word_start - 60), word_start)
                and not (self._apposition_to_name(text, word_start, end))
                and not (
                    det is not None
                    and one_particular_person(
                        text, det.group(1), word_start, end, start, self._lang
                    )
                )
            ):
                best_generic = end
                break
            j -= 1
        if best_generic < 0:
            return False
        k = bisect.bisect_left(ix.spec_pos, start) - 1
        while k >= 0 and ix.spec_pos[k] >= lo:
            if best_generic <= ix.spec_end[k] <= start:
                return False
            k -= 1
        return True


@dataclass(slots=True)
class TextIndex:
    """Positions of sentence ends and referent candidates in one text (see ReferentFinder)."""

    cand_pos: list[int]
    cand_end: list[int]
    valid: dict[int, bool]
    role_pos: list[int]
    roles: list[tuple[int, int, int, str]]
    spec_pos: list[int]
    spec_end: list[int]


# --- minors, lumping, titles ----------------------------------------------------------------

_ADULT_CUES = _LazyPatterns(
    {
        "en": lambda: re.compile(
            r"\b(?:staff|colleague|employee|worker|office|secretar|team|manager|adult|workplace|"
            r"personnel|women|woman|ladies|wives|mothers|coworker|co-worker|boss|receptionist|"
            r"reception|nurses|typist|clerk|meeting|professional|career|salary|salaries|hired|"
            r"hire|hiring|entrepreneur|executive|engineer|sales|board|agent|analyst|officer|"
            r"farmer|guys|desk|warehouse|ministry|department|unit|finance|accounting|accounts|"
            r"logistics|admin|shift|work|works|worked|job|company|firm|bank|payroll|client|"
            r"customer|headquarters|canteen|kitchen|driver|secretariat|registration|field|"
            r"cashier|waitress|bar|pub|night out|drinks|husband|wife|married|agenc|"
            r"organi[sz]ation|NGO)\w*",
            re.I,
        ),
        "fr": lambda: re.compile(
            r"\b(?:personnel|collègue|employé|salarié|bureau|équipe|adulte|"
            r"secrétaire|travail|femmes|réunion|cadre|ministère|service|accueil|"
            r"entrepôt|chauffeur|caisse|secrétariat|comptab|administrati|guichet|standard|"
            r"direction|stagiaire|professionnel)\w*",
            re.I,
        ),
        "es": lambda: re.compile(
            r"\b(?:personal|colega|emplead|trabajador|oficina|equipo|adult|"
            r"secretari|mujeres|reunión|jefe|ejecutiv|ministerio|departamento|"
            r"recepción|almacén|chofer|conductor|caja)\w*",
            re.I,
        ),
    }
)
_MINOR_CUES = _LazyPatterns(
    {
        "en": lambda: re.compile(
            r"\b(?:child|school|pupil|student|adolescen|teen|youth|minor|primary|secondary|"
            r"educat|enrol|marriage|orphan|infant|bab(?:y|ies)|kindergarten|playground|"
            r"classroom|juvenile|puberty|menstrua|unaccompanied|girlhood|boyhood|"
            r"under[- ]1\d|years?[- ]old|year-olds?|school-age|toddler|newborn)\w*"
            r"|\b(?:aged?|ages|sons?|daughters?|born|birth|toys?|grades?|play|playing|clubs?|"
            r"guides?|scouts?|sports?|football|young|younger|little|small|orphaned|"
            r"\d{1,2}[- ]to[- ]\d{1,2})\b",
            re.I,
        ),
        "fr": lambda: re.compile(
            r"\b(?:enfant|école|élève|âgé|adolescen|jeune|mineur|primaire|"
            r"secondaire|scolar|éducation|mariage|orphelin|bébé|naissance)\w*"
            r"|\b(?:ans|filles? de \d+)\b",
            re.I,
        ),
        "es": lambda: re.compile(
            r"\b(?:niñ|infan|escuela|escolar|alumn|edad|adolescen|joven|"
            r"jóvenes|menor|primaria|secundaria|educa|matrimonio|huérfan|bebé|"
            r"nacimiento|hij)\w*|\b(?:años)\b",
            re.I,
        ),
    }
)


def adult_reference(text: str, start: int, end: int, lang: str) -> bool:
    """'girls'/'boys' meaning adult women/men: adult cues and no cue about children."""
    s, e = sentence(text, start, end)
    window = text[s:start] + " " + text[end:e]
    adult = _ADULT_CUES.get(lang)
    minor = _MINOR_CUES.get(lang)
    if adult is None or minor is None:
        return False
    if minor.search(window):
        return False
    return bool(adult.search(window))


_LUMP_YES = _LazyPatterns(
    {
        "en": lambda: re.compile(
            r"\b(?:vulnerab|at risk|at-risk|such as|especially|particularly|in particular|"
            r"including|protect|evacuat|victim|displace|camp|humanitarian|emergenc|crisis|"
            r"conflict|disaster|flee|fled|priority|refugee|affected|hardest|suffer|weak|"
            r"helpless|fragile|defenceless|defenseless|frail|elderly|disabl|the poor|"
            r"marginali[sz]|excluded|most|first|rescued|sheltered|target group|groups)\w*",
            re.I,
        ),
        "fr": lambda: re.compile(
            r"\b(?:vulnérab|à risque|notamment|en particulier|particulièrement|"
            r"protég|protection|évacu|victime|déplacé|réfugié|touché|fragile|"
            r"faible|personnes âgées|handicap|groupes|comme|tels que|surtout)\w*",
            re.I,
        ),
        "es": lambda: re.compile(
            r"\b(?:vulnerab|en riesgo|especialmente|en particular|sobre todo|"
            r"proteg|protección|evacu|víctima|desplazad|refugiad|afectad|frágil|"
            r"débil|personas mayores|discapacidad|grupos|como|incluid)\w*",
            re.I,
        ),
    }
)
_LUMP_NO = _LazyPatterns(
    {
        "en": lambda: re.compile(
            r"\b(?:maternal|health|nutrition|respectively|separate|distinct|different needs|"
            r"specific needs|separately|own needs|each group|hospital|clinic|antenatal|"
            r"prenatal|postnatal|newborn|vaccinat|immuni[sz]|paediatric|pediatric)\w*"
            r"|children['\u2019]s health",
            re.I,
        ),
        "fr": lambda: re.compile(
            r"\b(?:maternel|santé|nutrition|respectiv|distinct|spécifiques|séparé|"
            r"propres besoins|néonatal|prénatal|vaccin)\w*",
            re.I,
        ),
        "es": lambda: re.compile(
            r"\b(?:matern|salud|nutrición|respectiv|distint|específic|separad|"
            r"propias necesidades|neonatal|prenatal|vacun)\w*",
            re.I,
        ),
    }
)


def is_lumping(text: str, start: int, end: int, lang: str) -> bool:
    s, e = sentence(text, start, end)
    window = text[s:start] + " " + text[end:e]
    no = _LUMP_NO.get(lang)
    yes = _LUMP_YES.get(lang)
    if no is not None and no.search(window):
        return False
    return bool(yes is not None and yes.search(window))


def followed_by_name(text: str, end: int) -> bool:
    """'Miss Ndiaye', 'Mlle Dupont', 'señorita García'."""
    m = re.match(r"\.?[ \t\u00a0]+([A-Z\u00c0-\u00de][\w'\u2019-]*)", text[end : end + 40])
    return bool(m)


# A feminine article or title inside the span ("la ministro", "une écrivain", "Madame le
# Directeur") already says a woman holds the post; otherwise the sentence must name her.
_FEMALE_IN_SPAN = re.compile(r"\b(?:la|une|cette|una|esta|esa|madame|mme|señora|sra|doña)\b", re.I)
_FEMALE_NEAR = re.compile(
    r"\b(?:Madame|Mme|Mrs|Ms|Sra|Señora|señora|doña|Doña|Dña)\b\.?"
    r"|\b(?:elle|ella|she)\b",
    re.I,
)
_MALE_NEAR = re.compile(
    r"(?:\bM\.|\b(?:Monsieur|Mr|Sr|Señor|señor|Don|don)\b\.?)"
    r"\s+[A-Z\u00c0-\u00de]|\b(?:il|él|he)\b"
)


def woman_holds_title(text: str, start: int, end: int) -> bool:
    """Is the person holding this (masculine) title named as a woman?

    The name usually stands in apposition right after the title ("le directeur, Mme Sow") or
    right before it ("Mme Sow, le directeur du programme"); a marker further away may belong to
    someone else in the sentence ("La directrice, Mme Sow, et le directeur adjoint, M. Ba").
    """
    if _FEMALE_IN_SPAN.search(text[start:end]):
        return True
    s, e = sentence(text, start, end)
    marks = sorted(
        [(m.start(), m.end(), True) for m in _FEMALE_NEAR.finditer(text, s, e)]
        + [(m.start(), m.end(), False) for m in _MALE_NEAR.finditer(text, s, e)]
    )
    after = [mk for mk in marks if mk[0] >= end and mk[0] - end <= 40]
    if after:
        return after[0][2]
    before = [mk for mk in marks if mk[1] <= start and start - mk[1] <= 40]
    if before:
        return before[-1][2]
    return any(mk[2] for mk in marks) and not any(not mk[2] for mk in marks)


# Nouns for things, not people: "les pays participants", "los Estados miembros". A generic
# masculine word right after one of these is an adjective about the thing.
NON_HUMAN_NOUNS = frozenset(
    [
        "pays",
        "états",
        "etats",
        "organisations",
        "institutions",
        "entreprises",
        "gouvernements",
        "ministères",
        "programmes",
        "projets",
        "établissements",
        "organismes",
        "agences",
        "secteurs",
        "villes",
        "communes",
        "régions",
        "territoires",
        "flux",
        "mouvements",
        "partis",
        "groupes",
        "comités",
        "pays-membres",
        "sociétés",
        "fonds",
        "países",
        "estados",
        "organismos",
        "instituciones",
        "empresas",
        "gobiernos",
        "ministerios",
        "programas",
        "proyectos",
        "establecimientos",
        "agencias",
        "sectores",
        "ciudades",
        "municipios",
        "regiones",
        "territorios",
        "flujos",
        "movimientos",
        "partidos",
        "grupos",
        "comités",
        "sociedades",
        "fondos",
        "organizaciones",
        "país",
        "estado",
        "organismo",
        "institución",
        "empresa",
        "gobierno",
        "ministerio",
        "programa",
        "proyecto",
        "établissement",
        "organisme",
        "secteur",
    ]
)


def after_non_human_noun(text: str, start: int) -> bool:
    prev, at = word_before(text, start)
    if prev.lower() in NON_HUMAN_NOUNS:
        return True
    # "les États membres participants": one more word may stand between.
    if not prev or prev.lower() in _FUNCTION_WORDS or _line_break_between(text, at, start):
        return False
    prev2, _ = word_before(text, at)
    return prev2.lower() in NON_HUMAN_NOUNS


# --- "man" / "l'homme" / "el hombre" meaning humankind ------------------------------------------

# The bare words a `humanity` entry may match on their own; the longer idioms ("the history
# of man", "droits de l'homme") need no filter, these do (a man is usually one man).
HUMANITY_WORDS = {
    "en": frozenset({"man"}),
    "fr": frozenset({"l'homme"}),
    "es": frozenset({"el hombre"}),
}
_EN_HUMANITY_BEFORE = frozenset(
    {
        "of",
        "by",
        "as",
        "than",
        "between",
        "from",
        "upon",
        "on",
        "against",
        "for",
        "since",
        "before",
        "about",
    }
)
_EN_HUMANITY_PAIRED = frozenset(
    {
        "nature",
        "god",
        "animals",
        "animal",
        "beast",
        "beasts",
        "machine",
        "machines",
        "technology",
        "environment",
    }
)
_EN_VERBISH = frozenset(
    [
        "has",
        "have",
        "had",
        "is",
        "was",
        "will",
        "would",
        "can",
        "could",
        "must",
        "may",
        "might",
        "should",
        "shall",
        "does",
        "did",
        "always",
        "never",
        "often",
        "first",
        "alone",
        "himself",
        "cannot",
        "can't",
        "has",
        "been",
        "once",
        "still",
        "also",
        "only",
        "now",
        "soon",
        "began",
        "became",
        "remains",
        "needs",
        "lives",
        "lived",
        "depends",
        "seeks",
        "strives",
        "tends",
        "learned",
        "learnt",
    ]
)
_EN_NOT_VERB_S = frozenset(
    {
        "this",
        "his",
        "is",
        "was",
        "has",
        "as",
        "us",
        "its",
        "thus",
        "pages",
        "hours",
        "days",
        "years",
        "months",
        "whereas",
        "yes",
        "less",
        "unless",
        "does",
        "goes",
        "hers",
        "ours",
        "yours",
        "theirs",
        "ones",
        "per",
        "plus",
    }
)
_OBJECT_END = re.compile(
    r"\s*(?:[.,;:!?)]|$|(?:and|in|on|over|from|to|through|for|with|"
    r"into|since|throughout|across|alike|itself|himself)\b)"
)
_PERSON_NEXT = re.compile(
    r"\s*(?:and|or|&)\s+(?:a\s+|one\s+)?(?:woman|women|wife|boy|girl|child)\b"
    r"|\s*(?:who|whom|whose|that|which)\b|\s*-|\s*\d",
    re.I,
)
_ROMANCE_NEXT_NO = {
    "fr": frozenset(
        [
            "qui",
            "que",
            "qu",
            "dont",
            "de",
            "du",
            "des",
            "en",
            "au",
            "aux",
            "avec",
            "sans",
            "âgé",
            "assis",
            "debout",
            "lui-même",
            "à",
            "et",
            "ou",
        ]
    ),
    "es": frozenset(
        ["que", "del", "de", "en", "con", "al", "a", "sin", "mayor", "joven", "y", "o", "e", "u"]
    ),
}
_ROMANCE_VERBISH = _LazyPatterns(
    {
        "fr": lambda: re.compile(
            r"(?:se|s['\u2019]|n['\u2019]|ne|a|est|était|fut|sera|doit|peut|sait|"
            r"fait|vit|reste|demeure|dépend|cherche|a toujours|n'a|y|en a|"
            r"[a-zéèêàâîôû]+(?:e|t|ait|era|a))$",
            re.I,
        ),
        "es": lambda: re.compile(
            r"(?:se|no|ha|es|fue|era|será|debe|puede|sabe|hace|vive|sigue|depende|"
            r"busca|siempre|nunca|lo|la|le|[a-záéíóúñ]+(?:a|e|ó|ía|rá))$",
            re.I,
        ),
    }
)
_ROMANCE_GENERIC_CUES = _LazyPatterns(
    {
        "fr": lambda: re.compile(
            r"\b(?:toujours|de tout temps|depuis|nature|planète|environnement|espèce|"
            r"évolution|histoire|humanité|origines?|terre|climat|écosystèmes?|"
            r"biodiversité|siècles|millénaires|préhistoire|animal|animaux|ressources|"
            r"migr\w*|survi\w*|déplace\w*|sédentaris\w*|civilisation\w*)\b",
            re.I,
        ),
        "es": lambda: re.compile(
            r"\b(?:siempre|desde|naturaleza|planeta|medio ambiente|especie|evoluci\w+|"
            r"historia|humanidad|or[ií]gen\w*|tierra|clima|ecosistemas?|biodiversidad|"
            r"siglos|milenios|prehistoria|animal|animales|recursos|migr\w*|sobreviv\w*|"
            r"desplaz\w*|civilizaci\w+)\b",
            re.I,
        ),
    }
)
_SPECIFIC_MAN = _LazyPatterns(
    {
        "fr": lambda: re.compile(r"\b(?:un|cet|cet autre|le même)\s+homme\b", re.I),
        "es": lambda: re.compile(r"\b(?:un|este|ese|aquel|el mismo)\s+hombre\b", re.I),
    }
)


def _clause_start(text: str, pos: int) -> bool:
    """Only spaces, quotes or a clause mark (, ; : — or a sentence end) before pos."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\"'\u201c\u00ab(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:;,\u2026\u2014\u2013"


def means_humanity(text: str, start: int, end: int, lang: str) -> bool:
    """'Man has always migrated', 'the impact of man on', "Depuis toujours, l'homme se
    déplace", 'Desde siempre, el hombre se ha desplazado': humankind, not one man."""
    if lang == "en":
        if _PERSON_NEXT.match(text, end):
            return False  # "man and woman", "man who...", "man-to-..."
        nxt, _ = word_after(text, end)
        if text[end : end + 2] in ("'s", "\u2019s"):
            nxt_ok = True  # "man's impact": a possessive of the bare word
        else:
            low = nxt.lower()
            nxt_ok = low in _EN_VERBISH or (
                nxt.islower()
                and low not in _EN_NOT_VERB_S
                and (low.endswith("ed") or (low.endswith("s") and not low.endswith("ss")))
            )
        if _clause_start(text, start):
            return nxt_ok or nxt == ""
        prev, at = word_before(text, start)
        low_prev = prev.lower()
        if low_prev in _EN_HUMANITY_BEFORE:
            after_word = nxt.lower()
            # "to man the desk" is a verb; "of man the ..." does not occur
            return after_word not in {"the", "a", "an", "our", "their", "its", "this", "it"}
        if low_prev in {"and", "or", "&"}:
            prev2, _ = word_before(text, at)
            return prev2.lower() in _EN_HUMANITY_PAIRED
        # Object of a verb: "pollution threatens man.", "forces that shaped man over time";
        # a man needs an article ("the tired man"), so a bare one after a verb is humankind.
        if (
            prev.islower()
            and low_prev not in _EN_NOT_VERB_S
            and low_prev.endswith(("ed", "es", "s"))
            and not low_prev.endswith("ss")
        ):
            prev2, _ = word_before(text, at)
            if prev2.lower() in _FUNCTION_WORDS or prev2[:1].isdigit():
                return False  # "the married man", "a tired man"
            return _OBJECT_END.match(text, end) is not None
        return False
    cues = _ROMANCE_GENERIC_CUES.get(lang)
    verbish = _ROMANCE_VERBISH.get(lang)
    if cues is None or verbish is None:
        return False
    if not _clause_start(text, start):
        return False
    nxt, _ = word_after(text, end)
    if not nxt or nxt.lower() in _ROMANCE_NEXT_NO[lang] or not verbish.match(nxt):
        return False
    starts = sentence_starts(text, start, _WINDOW, need=2)
    lo = starts[0] if len(starts) == 2 else max(0, start - _WINDOW)
    if _SPECIFIC_MAN[lang].search(text, lo, start):
        return False  # "Un homme est arrivé. L'homme a dit..." is that man
    sent_lo = starts[-1] if starts else lo
    return bool(cues.search(text, sent_lo, sentence_end(text, end)))


# --- masculine titles of a named woman, without an article ---------------------------------------

_WOMAN_TITLE = (
    r"(?:Madame|Mme|Mrs|Ms|Sra|[Ss]e\u00f1ora|[Dd]o\u00f1a|D\u00f1a|[Dd]octora|Dra|"
    r"[Ll]icenciada|[Ii]ngeniera|[Pp]rofesora|[Mm]agistrada)\.?\s+"
    r"[A-Z\u00c0-\u00de]"
)
_MAN_TITLE = r"(?:Monsieur|M\.|Mr|Sr|[Ss]e\u00f1or|[Dd]on)\.?\s+[A-Z\u00c0-\u00de]"
_TITLE_AFTER = re.compile(
    r"[^.;:!?]{0,60}?,\s*(?:(?:la|el|le|l['\u2019])\s*)?(?:("
    + _WOMAN_TITLE
    + ")|("
    + _MAN_TITLE
    + "))"
)
_NAME = r"[A-Z\u00c0-\u00de][\w'\u2019-]+"
_APPOSITION_BEFORE = re.compile(
    _WOMAN_TITLE + r"[\w'\u2019-]*(?:\s+" + _NAME + r"){0,3}\s*,\s*(?:(?:la|une|una|"
    r"nouvelle|nouveau|nueva|nuevo|actuelle|actuel|actual|ancienne|ancien|antigua|antiguo|"
    r"ex|future|futur|futura|futuro|premi[eè]re|premier|primera|primer)\s+)?$"
)
_FEMININE_PREDICATE = re.compile(
    r"\b(?:nomm\u00e9e|\u00e9lue|d\u00e9sign\u00e9e|devenue|promue|reconduite|confirm\u00e9e|"
    r"choisie|install\u00e9e|nombrada|elegida|electa|designada|reelegida|confirmada|ratificada|"
    r"escogida|investida)(?:\s+(?:comme|en tant que|en qualit\u00e9 de|como|en calidad de|"
    r"au poste de|al cargo de|nouvelle|nueva))?\s+$",
    re.I,
)
_COPULA = re.compile(
    r"\b(?:est|\u00e9tait|sera|devient|reste|es|fue|ser\u00e1|sigue siendo|"
    r"comme|en tant que|en qualit\u00e9 de|como|en calidad de)\s+$",
    re.I,
)


def woman_holds_bare_title(text: str, start: int, end: int) -> bool:
    """A masculine title without an article, held by a named woman.

    'Mme Aïssata Koné, directeur de...' (apposition after her name), 'Mme Diop a été
    nommée rapporteur' (a feminine participle or a copula with her as subject), 'El presidente
    del comité, la señora Rojas' (her name in apposition after the title).
    """
    m = _TITLE_AFTER.match(text, end)
    if m is not None:
        return m.group(1) is not None
    s = sentence_start(text, start)
    before = text[max(s, start - 120) : start]
    if _APPOSITION_BEFORE.search(before):
        return True
    if _FEMININE_PREDICATE.search(before):
        return True
    if _COPULA.search(before):
        women = [w.end() for w in re.finditer(_WOMAN_TITLE, before)]
        men = [w.end() for w in re.finditer(_MAN_TITLE, before)]
        return bool(women) and (not men or max(women) > max(men))
    return False


# --- specific people, all-one-sex groups, mention (issue 16) --------------------------------
#
# A masculine word that refers to one named man, a group the text says is all men (or whose
# nature makes it so: paternity leave, a boys' team), or a word quoted from a law or a source
# is not a generic masculine. The same holds for feminine words and all-women groups.

_MAN_NAMED = (
    r"(?:Mr|Mister|Sir|Monsieur|M|Messrs|Se\u00f1or|se\u00f1or|Sr|Don|don|Dr|Prof|Professor|"
    r"Pr|Ing|Lic)\.?\s+" + _NAME + r"(?:\s+" + _NAME + "){0,3}"
)
_UPPER = "A-Z\u00c0-\u00de"
_LOWER = "a-z\u00df-\u00ff"
# A person's name without a title: two or more capitalised words ("Jorge Yunda").
_FULL_NAME = rf"[{_UPPER}][{_LOWER}'\u2019-]+(?:\s+[{_UPPER}][{_LOWER}'\u2019-]+)+"
# After the span: an optional short complement ("del programa", "régional", "of the
# project"), a comma or nothing, then a titled man or a full name in apposition.
_NAMED_AFTER = re.compile(
    r"(?:\s+(?!(?:and|et|y|or|ou|o|who|qui|que|which)\b)[\w'\u2019-]+){0,4}?\s*,?\s*"
    r"(?:(?:el|le|the|our|notre|nuestro)\s+)?(?:(" + _MAN_NAMED + r")|(" + _FULL_NAME + r"))"
    r"(?=\s*[,;:.)]|\s+[" + _LOWER + r"])"
)
_WOMAN_AFTER = re.compile(r"\s*,?\s*(?:(?:la|le|el|the)\s+)?" + _WOMAN_TITLE)
# Before the span: a titled man, a comma, an optional determiner or adjective.
_NAMED_BEFORE = re.compile(
    "(?:" + _MAN_NAMED + r")(?:\s+" + _NAME + r"){0,3}\s*,\s*"
    r"(?:(?:the|our|a|an|el|un|le|l['\u2019]|notre|nuestro|nouveau|nuevo|actual|actuel|"
    r"ancien|antiguo|ex|former|new)\s*)?(?:[\w-]+\s+){0,2}$"
)


# One person the text quotes or describes: "según un agricultor de Tumbes", "selon un
# agriculteur de Kayes", "un pescador de 45 años", "according to a farmer from Gao".
_SOURCE_BEFORE = re.compile(
    r"\b(?:seg\u00fan|selon|d['\u2019]apr\u00e8s|according to|entrevistamos a|conocimos a|"
    r"we interviewed|we met|nous avons (?:rencontr\u00e9|interrog\u00e9))"
    r"\s+(?:un|una|une|a|an|one)?\s*$",
    re.I,
)
_AGE_AFTER = re.compile(
    r"\s*,?\s*(?:de\s+\d{1,2}\s+a\u00f1os|\u00e2g\u00e9e?\s+de\s+\d{1,2}\s+ans|"
    r"de\s+\d{1,2}\s+ans|aged\s+\d{1,2}|\d{1,2},)",
    re.I,
)


def one_person_described(text: str, start: int, end: int) -> bool:
    """A masculine singular that is one person the text quotes or describes by age."""
    if _SOURCE_BEFORE.search(text, max(0, start - 40), start):
        return True
    return _AGE_AFTER.match(text, end, min(len(text), end + 30)) is not None


def named_man(text: str, start: int, end: int) -> bool:
    """'the project coordinator, Mr Okafor,', 'el coordinador, Sr. Pérez', 'M. Diallo, le
    coordinateur': the masculine role noun describes one named man, not people in general."""
    if _WOMAN_AFTER.match(text, end):
        return False
    m = _NAMED_AFTER.match(text, end, min(len(text), end + 160))
    if m is not None:
        if m.group(1) is not None:
            return True
        first = m.group(2).split()[0]
        if first.lower() not in _NOT_PERSON_BEFORE and first.lower() not in _FUNCTION_WORDS:
            return "," in text[end : m.start(2)] or m.start(2) == end + 1
    m = _NAMED_BEFORE.search(text, max(0, start - 120), start)
    # (the sentence search runs only on the rare hit)
    return m is not None and m.start() >= sentence_start(text, start)


# Groups the text says are all men or all women, or whose nature makes them so.
_ALL_MEN = {
    "en": r"all(?: of them)?(?: are| were)? men\b(?! and)|only men\b|men only\b|all[- ]male|"
    r"(?:are|were|was) (?:all |only |exclusively )?(?:composed of |made up of )?men\b(?! and)|"
    r"exclusively (?:of )?men\b|paternity|(?:boys|men)['\u2019]? (?:\w+ )?(?:team|club|school|"
    r"choir|league|squad|dormitory|prison)|male-only",
    "fr": r"(?:sont|étaient|seront|furent)\s+(?:tous\s+|toutes\s+)?des\s+hommes\b(?!\s+et)|"
    r"(?:uniquement|seulement|exclusivement|tous|rien que|que)\s+(?:des\s+|d['\u2019]|de\s+)?"
    r"hommes\b(?!\s+et)|compos\u00e9e?s?\s+(?:uniquement\s+|exclusivement\s+)?d['\u2019]hommes|"
    r"paternit\u00e9|(?:\u00e9quipe|club|\u00e9cole|chorale|ligue|s\u00e9lection)s?\s+"
    r"(?:[\w-]+\s+){0,2}(?:masculine|de\s+gar\u00e7ons|d['\u2019]hommes)|non mixtes? masculin",
    "es": r"(?:son|eran|fueron|serán)\s+(?:todos\s+)?(?:hombres|varones)\b(?!\s+y)|"
    r"(?:todos(?:\s+ellos)?|s\u00f3lo|solo|solamente|\u00fanicamente|exclusivamente)\s+"
    r"(?:por\s+|de\s+)?(?:hombres|varones)\b(?!\s+y)|(?:formad|integrad|compuest)[oa]s?\s+"
    r"(?:s\u00f3lo\s+|solo\s+|\u00fanicamente\s+|exclusivamente\s+)?(?:por\s+|de\s+)"
    r"(?:hombres|varones)\b(?!\s+y)|paternidad|(?:equipo|club|escuela|colegio|coro|liga|"
    r"selecci\u00f3n)s?\s+(?:[\w-]+\s+){0,3}?(?:masculin[oa]s?|de\s+(?:ni\u00f1os|varones|"
    r"hombres|chicos))\b",
}
_ALL_WOMEN = {
    "en": r"all(?: of them)?(?: are| were)? women\b(?! and)|only women\b|women only\b|"
    r"(?:are|were|was) (?:all |only |exclusively )?(?:composed of |made up of )?women\b(?! and)|"
    r"all[- ]female|exclusively (?:of )?women\b|maternity|pregnant|breastfeeding|lactating|"
    r"(?:girls|women)['\u2019]?s? (?:\w+ )?(?:team|club|school|choir|league|cooperative|"
    r"co-operative|association|group|shelter|centre|center|committee|network|union)|"
    r"female-only|midwives",
    "fr": r"(?:sont|étaient|seront|furent)\s+(?:toutes\s+)?des\s+femmes\b(?!\s+et)|"
    r"(?:uniquement|seulement|exclusivement|toutes|rien que|que)\s+(?:des\s+|de\s+)?"
    r"femmes\b(?!\s+et)|compos\u00e9e?s?\s+(?:uniquement\s+|exclusivement\s+)?de\s+femmes|"
    r"maternit\u00e9|enceintes|allaitantes|(?:coop\u00e9rative|association|groupement|groupe|"
    r"\u00e9quipe|club|\u00e9cole|r\u00e9seau|comit\u00e9|foyer|centre)s?\s+(?:[\w-]+\s+){0,2}?"
    r"(?:f\u00e9minine?s?|de\s+(?:femmes|filles))\b",
    "es": r"(?:son|eran|fueron|serán)\s+(?:todas\s+)?mujeres\b(?!\s+y)|"
    r"(?:todas(?:\s+ellas)?|s\u00f3lo|solo|solamente|\u00fanicamente|exclusivamente)\s+"
    r"(?:por\s+|de\s+)?mujeres\b(?!\s+y)|(?:formad|integrad|compuest)[oa]s?\s+"
    r"(?:s\u00f3lo\s+|solo\s+|\u00fanicamente\s+|exclusivamente\s+)?(?:por\s+|de\s+)mujeres\b"
    r"(?!\s+y)|maternidad|embarazadas|gestantes|lactantes|(?:cooperativa|asociaci\u00f3n|"
    r"grupo|equipo|club|escuela|red|comit\u00e9|albergue|casa|centro)s?\s+(?:[\w-]+\s+){0,3}?"
    r"(?:femenin[oa]s?|de\s+(?:mujeres|ni\u00f1as|chicas))\b",
}
_ALL_MEN_RX = _LazyPatterns({k: partial(re.compile, v, re.I) for k, v in _ALL_MEN.items()})
# Every cue above contains one of these (lower case; " men" is not the end of "fishermen").
_CUE_KEYS = {
    ("en", False): (" men", " male", "-male", "paternity", "boys"),
    ("en", True): (
        " women",
        "female",
        "maternity",
        "pregnant",
        "breastfeeding",
        "lactating",
        "girls",
        "midwives",
    ),
    ("fr", False): ("hommes", "paternit", "masculin", "garçons"),
    ("fr", True): ("femmes", "maternit", "enceintes", "allaitantes", "fémini", "filles"),
    ("es", False): ("hombres", "varones", "paternidad", "masculin", "niños", "chicos"),
    ("es", True): (
        "mujeres",
        "maternidad",
        "embarazadas",
        "gestantes",
        "lactantes",
        "femenin",
        "niñas",
        "chicas",
    ),
}
_ALL_WOMEN_RX = _LazyPatterns({k: partial(re.compile, v, re.I) for k, v in _ALL_WOMEN.items()})


def single_sex_group(text: str, start: int, end: int, lang: str, *, feminine: bool) -> bool:
    """Does the sentence (or the one before) say the group is all women (feminine) or all
    men, or name something only they have (maternity, paternity, a boys' team)?"""
    rx = (_ALL_WOMEN_RX if feminine else _ALL_MEN_RX).get(lang)
    if rx is None:
        return False
    # The cue patterns are slow to search (case-insensitive alternations): a substring test
    # on the window first settles the common case, where no cue word is anywhere near.
    base = max(0, start - 250)
    low = text[base : end + 150].lower()
    # The cue patterns are short: they are tried only around each cue word of the window.
    hit = False
    for k in _CUE_KEYS[(lang, feminine)]:
        i = low.find(k)
        while i >= 0 and not hit:
            hit = rx.search(text, max(0, base + i - 70), base + i + len(k) + 40) is not None
            i = low.find(k, i + 1)
        if hit:
            break
    if not hit:
        return False
    starts = sentence_starts(text, start, need=2)
    lo = starts[0] if starts else max(0, start - _WINDOW)
    hi = sentence_end(text, end)
    return rx.search(text, lo, hi) is not None


_ANY_OPEN_Q = re.compile("[" + _OPEN_Q + "]")


def in_quotation(text: str, start: int, end: int) -> bool:
    """Inside quotation marks: a title, the wording of a law, a quoted source or a word
    discussed as a word ("the term 'chairman'"). Mention is not use."""
    ls = max(text.rfind("\n", max(0, start - 300), start) + 1, start - 300)
    if _ANY_OPEN_Q.search(text, ls, start) is None:
        return False  # the common case, in one call
    open_at = max(text.rfind(q, ls, start) for q in _OPEN_Q)
    if open_at < 0:
        return False
    if max(text.rfind(q, open_at + 1, start) for q in "\u201d\u00bb") >= 0:
        return False
    opener = text[open_at]
    if opener == '"' and text.count('"', ls, open_at) % 2 == 1:
        return False  # that straight quote closes an earlier quotation
    if opener == "\u2018" and text.find("\u2019", end, end + 300) < 0:
        return False
    closer = _CLOSE_FOR[opener]
    close_at = text.find(closer, end, end + 300)
    if opener == "\u2018":
        # the closing single quote is also the apostrophe: it must end a word
        while close_at >= 0 and close_at + 1 < len(text) and text[close_at + 1].isalpha():
            close_at = text.find(closer, close_at + 1, end + 300)
    return close_at >= 0 and "\n" not in text[end:close_at]


# Past reporting verbs: "the driver said he...", "le chauffeur a dit qu'il...".
_REPORTED = _LazyPatterns(
    {
        "en": lambda: re.compile(
            r"\b(?:said|told|explained|recalled|reported|described|added|stated|admitted|noted|"
            r"mentioned|complained|remembered|insisted|claimed|shared|testified|recounted|says|"
            r"explains|recalls|tells|describes)\b",
            re.I,
        ),
        "fr": lambda: re.compile(
            r"\b(?:(?:a|avait|ont)\s+(?:\w+\s+)?(?:dit|expliqu\u00e9|racont\u00e9|d\u00e9clar\u00e9|"
            r"affirm\u00e9|indiqu\u00e9|pr\u00e9cis\u00e9|ajout\u00e9|confi\u00e9|rapport\u00e9|"
            r"t\u00e9moign\u00e9|reconnu|expliquait|racontait)|raconte|explique|t\u00e9moigne|"
            r"se souvient|disait|expliquait|racontait)\b",
            re.I,
        ),
        "es": lambda: re.compile(
            r"\b(?:dijo|cont\u00f3|explic\u00f3|relat\u00f3|afirm\u00f3|se\u00f1al\u00f3|"
            r"coment\u00f3|declar\u00f3|record\u00f3|a\u00f1adi\u00f3|indic\u00f3|reconoci\u00f3|"
            r"asegur\u00f3|cuenta|explica|relata|recuerda|dec\u00eda|contaba)\b",
            re.I,
        ),
    }
)
# One person the text has introduced: an interview, a case study, a testimony.
_STORY = re.compile(
    r"\b(?:interviewed|case stud\w*|testimon\w*|we met|told us|spoke (?:to|with) us|"
    r"profile of|entrevist\w*|estudio de caso|testimonio|conocimos|nos cont\u00f3|"
    r"entretien|interrog\u00e9|rencontr\u00e9|\u00e9tude de cas|t\u00e9moign\w*|"
    r"nous a (?:dit|racont\u00e9|expliqu\u00e9))",
    re.I,
)
_DEFINITE = frozenset({"the", "this", "that", "le", "l", "ce", "cet", "el", "este", "ese", "dicho"})
_ONE_PERSON = frozenset({"one", "a", "an", "un", "une", "una"})


def one_particular_person(
    text: str, det: str, role_start: int, role_end: int, pronoun: int, lang: str
) -> bool:
    """Is this role noun one particular person of the text rather than anyone in the role?

    'The driver said he was stopped' (a definite role noun that reports, in the past),
    'We interviewed one driver. He said...' (one person introduced in an interview or case
    study)."""
    d = det.lower().rstrip("'\u2019")
    if d in _DEFINITE:
        rep = _REPORTED.get(lang)
        if rep is not None and rep.search(text, role_end, pronoun):
            return True
    if d in _DEFINITE or d in _ONE_PERSON:
        return _story_before(text, pronoun)
    return False


# (text id, length, position, the 40 characters before it) -> answer: a fingerprint, so that
# no text is kept alive by the memo.
_story_memo: list[tuple[tuple[int, int, int, str], bool]] = []


def _story_before(text: str, pos: int) -> bool:
    """Does the text tell of one person (an interview, a case study) in the 2,000 characters
    before pos? Asked for every candidate of one pronoun, so the last answer is kept."""
    key = (id(text), len(text), pos, text[max(0, pos - 40) : pos])
    if _story_memo and _story_memo[0][0] == key:
        return _story_memo[0][1]
    lo = max(0, pos - 2000)
    # An automaton of the cue words (as written, Capitalised, ALL CAPS) settles the common
    # case in C, without lower-casing the window or the (slow) case-insensitive search.
    # (a slice: the automaton copies the string it is given, whatever the bounds)
    maybe = next(_story_automaton().iter(text[lo:pos]), None) is not None
    answer = maybe and _STORY.search(text, lo, pos) is not None
    _story_memo[:] = [(key, answer)]
    return answer


@cache
def _story_automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
    for k in _STORY_KEYS:
        for variant in {k, k[:1].upper() + k[1:], k.upper()}:
            auto.add_word(variant)
    auto.make_automaton()
    return auto


_STORY_KEYS = (
    "interviewed",
    "case stud",
    "testimon",
    "we met",
    "told us",
    "spoke ",
    "profile of",
    "entrevist",
    "estudio de caso",
    "conocimos",
    "nos cont",
    "entretien",
    "interrog",
    "rencontr",
    "étude de cas",
    "témoign",
    "nous a ",
)


# A sign or a facility named for women or men ("the ladies' toilets", "a door marked
# Ladies", "les toilettes pour dames") names a place, not the people.
_FACILITY_AFTER = re.compile(
    r"(?:['\u2019]s?)?\s+(?:(?:and|et|y|or|ou|o)\s+[\w'\u2019]+\s+)?"
    r"(?:toilets?|rooms?|restrooms?|washrooms?|lavator(?:y|ies)|bathrooms?|changing rooms?|"
    r"cloakrooms?|wcs?|loos?|entrances?|wings?|wards?|dormitor(?:y|ies)|showers?|locker rooms?|"
    r"toilettes|vestiaires?|douches?|dortoirs?|salles? d['\u2019]eau|"
    r"ba\u00f1os?|servicios?|sanitarios?|vestuarios?|aseos?|duchas?|dormitorios?)\b",
    re.I,
)
_FACILITY_BEFORE = re.compile(
    r"(?:\b(?:sign|signs|marked|labelled|labeled|door|doors|reading|toilets?|restrooms?|"
    r"panneau|pancarte|marqu\u00e9e?s?|porte|portes|indiquant|toilettes|w\.-c\.|"
    r"letreros?|carteles?|r\u00f3tulos?|puertas?|marcad[oa]s?|ba\u00f1os?|servicios?|aseos?|"
    r"sanitarios?)\b)\W*(?:(?:for|pour|para|de|des|del|the|les|los|las)\s+){0,2}[\"'\u201c\u00ab]?$",
    re.I,
)


def facility_sign(text: str, start: int, end: int) -> bool:
    if _FACILITY_AFTER.match(text, end):
        return True
    return _FACILITY_BEFORE.search(text, max(0, start - 50), start) is not None
