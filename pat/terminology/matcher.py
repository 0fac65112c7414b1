"""The matching engine: one compiled regular expression per language and mode.

All the forms of a language go into a single trie-shaped alternation so that the scan over the
text runs inside the C regex engine; Python code only runs at the (rare) match positions,
where the context filters decide whether the match is a finding.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property

import ahocorasick

from . import context as ctx
from .model import Entry, Finding
from .rules import (
    PL,
    SG,
    V_BASE,
    RuleSet,
    Surface,
    case_variants,
    load_rules,
    plural_word,
    suggestions_for,
    surface_forms,
    verb_forms,
)

_APOS = "'\u2019"
# Possessive after a noun: "chairman's", "chairman’s", "chairmen's", plural "fishers' boats".
_POSSESSIVE = r"(?:['\u2019]s|(?<=s)['\u2019](?=[ \t]+[a-z]))"
_LEFT = r"(?<![\w@])"
_RIGHT = r"(?![\w@])"


def norm(s: str) -> str:
    return s.lower().replace("\u2019", "'")


def trie_regex(words: Iterable[tuple[str, bool]]) -> str:
    """ctx.trie_regex with English possessives on the leaves that take them."""
    return ctx.trie_regex(words, _POSSESSIVE + "?")


def grouped_trie_regex(words: Sequence[tuple[str, bool]], size: int = 16) -> str:
    """trie_regex, with the first characters split into guarded groups.

    The engine tries the alternatives of a group one by one; a one-character look-ahead per
    group of about 16 first characters lets it skip most of them (measured 30% faster).
    """
    groups: dict[str, list[tuple[str, bool]]] = {}
    for word, poss in words:
        groups.setdefault(word[0], []).append((word, poss))
    keys = sorted(groups)
    alts = []
    for i in range(0, len(keys), size):
        chunk = keys[i : i + size]
        guard = "[" + "".join(re.escape(k) for k in chunk) + "]"
        alts.append("(?=" + guard + ")" + trie_regex(w for k in chunk for w in groups[k]))
    return "(?:" + "|".join(alts) + ")"


_POSS_RX = re.compile(_POSSESSIVE + _RIGHT)
_RUN = re.compile(r"(?<![\w@])\w+")
_WORD = re.compile(r"\w+")
# The scanner: an Aho-Corasick automaton (pyahocorasick, in C) finds every place where a
# lower-cased written form follows one of these common word boundaries; a small regex finds
# the word starts after any other non-word character; each candidate is then checked by a
# dictionary look-up (_match_at). Building the automaton takes a few milliseconds where
# compiling the same forms into one regex took ~0.35 s (measured in bench/terminology_speed.py),
# which is what a fresh `pat check` paid before, and the automaton scans faster too.
# Few boundaries: the automaton's size slows its scan (64 boundaries: 0.23 s per 10 MB, these
# 15: 0.09 s); in non-ASCII text, words after any other character are found by _RARE_START.
_BOUNDARIES = " \n\t\r(\"'/-\u2019\u201c\u00ab\u00bf\u00a1\xa0"
# Word starts after another non-word character (non-ASCII text; ASCII text needs no such scan,
# see Compiled.ascii_automaton).
_RARE_START = re.compile("[^\\w@" + re.escape(_BOUNDARIES) + "]\\w")
# A process scans its first WORD_SCAN_BUDGET characters word by word, then builds the automaton.
WORD_SCAN_BUDGET = 100_000
# Above this size referent indexing may pay off (see find()).
SMALL_TEXT = 150_000


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class Compiled:
    """Everything compiled for one language and mode; the expensive parts only when needed."""

    def __init__(self, rules: RuleSet, mode: str) -> None:
        self.rules = rules
        self.mode = mode
        index: dict[str, list[Surface]] = {}
        written: dict[str, bool] = {}
        # Entries written with a capital inside ("l'Homme", "el Hombre") match only the case
        # variants of their forms, even when another entry matches the same word in lower case.
        case_forms: dict[str, set[str]] = {}
        for entry in rules.entries:
            if not entry.applies_to(mode):
                continue
            forms = surface_forms(entry, rules.lang)
            if any(any(c.isupper() for c in f[1:]) for f in forms):
                case_forms[entry.id] = {v for f in forms for v in case_variants(f)}
            for form, (tag, poss) in forms.items():
                bucket = index.setdefault(norm(form), [])
                if not any(s.entry.id == entry.id for s in bucket):
                    bucket.append(Surface(entry, tag, poss))
                for variant in case_variants(form):
                    written[variant] = written.get(variant, False) or poss
        # A masculine title said of a named woman is a clearer finding than the same word as a
        # generic masculine: its filter runs first, and the generic reading is the fallback.
        self.index = {
            k: tuple(sorted(v, key=lambda s: s.entry.category != "feminine-title"))
            for k, v in index.items()
        }
        self.written = written
        self.case_forms = {k: frozenset(v) for k, v in case_forms.items()}
        by_run: dict[str, list[tuple[str, bool]]] = {}
        self.odd_forms = False
        for variant, poss in written.items():
            m = re.match(r"\w+", variant)
            if not m:
                self.odd_forms = True  # starts with a non-word character: regex path only
                continue
            by_run.setdefault(m.group(), []).append((variant, poss))
        # Keyed by the first word exactly as written: case variants never share a key.
        self.by_run = {
            k: tuple(sorted(v, key=lambda vp: (-len(vp[0]), vp[0]))) for k, v in by_run.items()
        }
        except_owner: dict[str, set[str]] = {}
        for entry in rules.entries:
            for phrase in entry.except_:
                except_owner.setdefault(norm(phrase), set()).add(entry.id)
        self.except_owner = {k: frozenset(v) for k, v in except_owner.items()}
        self.except_span = max((len(p) for p in except_owner), default=0)
        self._pairs = list(ctx.BUILTIN_PAIRS.get(rules.lang, ())) + list(rules.accepted_pairs)
        self.pairs_span = max((len(p) for p in self._pairs), default=0)
        self.proper_span = max((len(p) for p in rules.proper_names), default=0)
        # Words that occur in a pair, a proper name or an except phrase: a match whose word is
        # in none of them skips those (comparatively costly) window searches.
        self.pair_words = _words_of(self._pairs)
        self.proper_words = _words_of(rules.proper_names)
        self.except_words = _words_of(list(except_owner))
        self._flags: dict[str, tuple[bool, bool, bool]] = {}
        self.words_scanned = 0
        self.pronoun_forms = frozenset(
            k
            for k, surfaces in self.index.items()
            if any(
                s.entry.category == "generic-pronoun" or s.entry.has("generic-referent")
                for s in surfaces
            )
        )

    @cached_property
    def regex(self) -> re.Pattern[str]:
        if not self.written:
            return re.compile(r"(?!x)x")
        body = trie_regex(sorted(self.written.items()))
        return re.compile(_LEFT + "(?:" + body + ")" + _RIGHT)

    def word_flags(self, written: str) -> tuple[bool, bool, bool]:
        """Does the written form share a word with a pair, an except phrase, a proper name?"""
        flags = self._flags.get(written)
        if flags is None:
            flags = self._flags[written] = (
                _first_word_in(written, self.pair_words),
                _first_word_in(written, self.except_words),
                _first_word_in(written, self.proper_words),
            )
        return flags

    @cached_property
    def _fast_body(self) -> str:
        return grouped_trie_regex(sorted(self.written.items())) if self.written else r"(?!x)x"

    @cached_property
    def fast_ascii(self) -> re.Pattern[str]:
        """The scanning regex in the shape the C engine runs fastest, for ASCII text.

        It consumes the character before a form instead of looking behind: a pattern that
        starts with a character class lets the engine skip through the text in a tight loop,
        where a leading look-behind makes it try the whole pattern at every position. For ASCII
        text the class is a plain bitmap, which is faster still. Each variant is compiled only
        when a text needs it: compiling costs about 0.3 s.
        """
        return re.compile(
            r"[\x00-\x2f\x3a-\x3f\x5b-\x5e\x60\x7b-\x7f](?:" + self._fast_body + ")" + _RIGHT
        )

    @cached_property
    def fast_unicode(self) -> re.Pattern[str]:
        return re.compile(r"[^\w@](?:" + self._fast_body + ")" + _RIGHT)

    @cached_property
    def proper_rx(self) -> re.Pattern[str] | None:
        return _phrase_regex(self.rules.proper_names, ignore_case=False)

    @cached_property
    def pairs_rx(self) -> re.Pattern[str] | None:
        return _phrase_regex(self._pairs, ignore_case=True)

    @cached_property
    def except_rx(self) -> re.Pattern[str] | None:
        return _phrase_regex(list(self.except_owner), ignore_case=True)

    @cached_property
    def referents(self) -> ctx.ReferentFinder:
        return ctx.ReferentFinder(self.rules.lang, self.rules.generic_referents)

    @cached_property
    def automaton(self) -> ahocorasick.Automaton:
        """Every boundary character followed by every lower-cased written form."""
        auto = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
        for low in {variant.lower() for variant in self.written}:
            for b in _BOUNDARIES:
                auto.add_word(b + low)
        auto.make_automaton()
        return auto

    @cached_property
    def ascii_automaton(self) -> tuple[dict[int, str], ahocorasick.Automaton]:
        """For ASCII text: a table that turns every boundary into a space, and the automaton
        of the forms after a space (or after a character that occurs inside a form, which the
        table keeps). Nothing is left for _RARE_START to find."""
        keep = {
            c for v in self.written for c in v if c.isascii() and not (c.isalnum() or c in "_@")
        }
        table = {
            i: " " for i in range(128) if not (chr(i).isalnum() or chr(i) in "_@" or chr(i) in keep)
        }
        auto = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
        for low in {variant.lower().translate(table) for variant in self.written}:
            for b in {" "} | keep:
                auto.add_word(b + low)
        auto.make_automaton()
        return table, auto

    def scan(self, text: str) -> Iterator[tuple[int, int]]:
        """Spans of written forms, exactly as regex.finditer would give them."""
        built = "automaton" in self.__dict__ or "ascii_automaton" in self.__dict__
        if not built and self.words_scanned + len(text) <= WORD_SCAN_BUDGET:
            # A page: looking each word up (~5 MB/s) costs less than building the automaton
            # (15-30 ms); a process that has read more than the budget builds it.
            self.words_scanned += len(text)
            yield from self.scan_words(text)
            return
        yield from self.scan_automaton(text)

    def scan_automaton(self, text: str) -> Iterator[tuple[int, int]]:
        low = text.lower()
        if self.odd_forms or len(low) != len(text) or not self.written:
            # A form starting with punctuation, or a text whose lower case changes its length
            # ("İ"): the regex, which needs no lower-cased copy.
            yield from self.scan_fast(text)
            return
        ascii_text = text.isascii()
        if ascii_text:
            # str.translate has a fast path for ASCII (~3 ms/MB): every boundary becomes a
            # space, so the small automaton sees them all and no second scan is needed.
            table, auto = self.ascii_automaton
            low = low.translate(table)
        else:
            auto = self.automaton
        n = len(low)
        # Lengths of the lower-cased forms found at each start that end where a word does
        # (or before a possessive's apostrophe).
        found: dict[int, list[int]] = {}
        for end, size in auto.iter(low):
            if end + 1 == n or not (low[end + 1].isalnum() or low[end + 1] in "_@"):
                found.setdefault(end - size + 2, []).append(size - 1)
        others = set() if ascii_text else {m.start() + 1 for m in _RARE_START.finditer(low)}
        others.add(0)
        written = self.written
        resume = 0
        for start in sorted(found.keys() | others):
            if start < resume:
                continue
            span = None
            lengths = found.get(start)
            if lengths is not None and start not in others:
                # The same choice as _match_at, among the forms found here only.
                for size in sorted(lengths, reverse=True):
                    end = start + size
                    poss = written.get(text[start:end])
                    if poss is None:
                        continue
                    if poss:
                        pm = _POSS_RX.match(text, end)
                        if pm is not None:
                            span = start, pm.end()
                            break
                    if end == n or not (_is_word(text[end]) or text[end] == "@"):
                        span = start, end
                        break
            else:
                run = _WORD.match(text, start)
                if run is not None:
                    span = self._match_at(text, start, run.group())
            if span is not None:
                resume = span[1]
                yield span

    def scan_fast(self, text: str) -> Iterator[tuple[int, int]]:
        """The compiled big regex (the reference the other scanners are tested against)."""
        rx = self.fast_ascii if text.isascii() else self.fast_unicode
        resume = 0
        first = re.match(r"\w+", text)
        if first is not None:
            span = self._match_at(text, 0, first.group())
            if span is not None:
                resume = span[1]
                yield span
        for m in rx.finditer(text, resume):
            yield m.start() + 1, m.end()

    def _match_at(self, text: str, start: int, run: str) -> tuple[int, int] | None:
        candidates = self.by_run.get(run)
        if candidates is None:
            return None
        n = len(text)
        for variant, poss in candidates:
            if not text.startswith(variant, start):
                continue
            end = start + len(variant)
            if poss:
                pm = _POSS_RX.match(text, end)
                if pm is not None:
                    return start, pm.end()
            if end == n or not (_is_word(text[end]) or text[end] == "@"):
                return start, end
        return None

    def scan_words(self, text: str) -> Iterator[tuple[int, int]]:
        resume = 0
        for run in _RUN.finditer(text):
            start = run.start()
            if start < resume:
                continue
            span = self._match_at(text, start, run.group())
            if span is not None:
                resume = span[1]
                yield span


def _words_of(phrases: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for p in phrases:
        out.update(w for w in re.split(r"[^\w@]+", norm(p)) if w)
    return frozenset(out)


def _first_word_in(written: str, words: frozenset[str]) -> bool:
    return any(w in words for w in re.split(r"[^\w@]+", norm(written)) if w)


def _phrase_regex(phrases: Sequence[str], *, ignore_case: bool) -> re.Pattern[str] | None:
    if not phrases:
        return None
    variants: set[str] = set()
    for p in phrases:
        variants.add(p)
        variants.add(p.replace("'", "\u2019"))
        variants.add(p.replace("\u2019", "'"))
    if ignore_case:
        variants = {v.lower() for v in variants}
    body = trie_regex((v, False) for v in sorted(variants))
    return re.compile(_LEFT + "(?:" + body + ")" + _RIGHT, re.I if ignore_case else 0)


def compile_rules(lang: str, mode: str) -> Compiled:
    return _compile_rules(load_rules(lang), mode)


@cache
def _compile_rules(rules: RuleSet, mode: str) -> Compiled:
    # Keyed by the loaded RuleSet object (identity), so each data folder gets its own.
    return Compiled(rules, mode)


# Rule sets a caller builds from data (the term base app: one per revision and language) are
# compiled once and kept by object identity; RuleSet compares by identity, so a rebuilt rule
# set is a new key. Only the last few are kept: an old revision is never asked for again.
CUSTOM_CACHE_SIZE = 8
_custom: OrderedDict[int, tuple[RuleSet, dict[str, Compiled]]] = OrderedDict()
_custom_lock = threading.Lock()


def compile_ruleset(rules: RuleSet, mode: str) -> Compiled:
    """The compiled matcher of a caller's rule set, cached on the object's identity."""
    key = id(rules)
    with _custom_lock:
        held = _custom.get(key)
        if held is None or held[0] is not rules:
            held = (rules, {})
            _custom[key] = held
            while len(_custom) > CUSTOM_CACHE_SIZE:
                _custom.popitem(last=False)
        else:
            _custom.move_to_end(key)
        by_mode = held[1]
        compiled = by_mode.get(mode)
        if compiled is None:
            compiled = by_mode[mode] = Compiled(rules, mode)
        return compiled


def clear_caches() -> None:
    _compile_rules.cache_clear()
    with _custom_lock:
        _custom.clear()


# --- inline switches ----------------------------------------------------------------------

# "pat-ignore: en.chairman" is the documented form; "pat: disable en.chairman" and
# "pat: ignore" are accepted too, because people write what they have seen in other linters.
# Without a colon, only words shaped like rule ids count ("pat-ignore this line" ignores all).
_DIRECTIVE = re.compile(
    r"\bpat(?:-|:[ \t]*)(ignore-next-line|ignore|disable|enable)\b"
    r"(?:[ \t]*[:=][ \t]*([\w.,\- \t]*)|((?:[ \t,]+(?:en|fr|es)\.[\w.-]*\w)+))?"
)


@dataclass(frozen=True, slots=True)
class _Switch:
    lo: int
    hi: int
    rules: frozenset[str]  # empty: every rule


def parse_directives(text: str) -> list[_Switch]:
    """Lines with pat-ignore / pat-ignore-next-line / pat-disable / pat-enable."""
    switches: list[_Switch] = []
    open_disables: list[tuple[int, frozenset[str]]] = []
    for m in _DIRECTIVE.finditer(text):
        kind = m.group(1)
        ids = frozenset(
            t
            for t in re.split(r"[,\s]+", m.group(2) or m.group(3) or "")
            if any(c.isalpha() for c in t)
        )
        ls = text.rfind("\n", 0, m.start()) + 1
        le = text.find("\n", m.end())
        le = len(text) if le < 0 else le
        if kind == "ignore":
            switches.append(_Switch(ls, le, ids))
        elif kind == "ignore-next-line":
            nxt = le + 1
            while nxt < len(text) and text[nxt] == "\n":
                nxt += 1
            ne = text.find("\n", nxt)
            switches.append(_Switch(ls, len(text) if ne < 0 else ne, ids))
        elif kind == "disable":
            open_disables.append((ls, ids))
        else:
            still: list[tuple[int, frozenset[str]]] = []
            for lo, rules in open_disables:
                if not ids or rules == ids:
                    switches.append(_Switch(lo, ls, rules))
                elif rules and ids & rules:
                    switches.append(_Switch(lo, ls, rules & ids))
                    still.append((ls, rules - ids))
                else:
                    still.append((lo, rules))
            open_disables = still
    for lo, rules in open_disables:
        switches.append(_Switch(lo, len(text), rules))
    return switches


def rule_named(rule_id: str, names: Iterable[str]) -> bool:
    """'en.chairman' is named by 'en.chairman' or by plain 'chairman'."""
    short = rule_id.split(".", 1)[-1]
    return any(n in (rule_id, short) for n in names)


def _switched_off(switches: list[_Switch], pos: int, rule_id: str) -> bool:
    for s in switches:
        if s.lo <= pos <= s.hi and (not s.rules or rule_named(rule_id, s.rules)):
            return True
    return False


# --- inflection ---------------------------------------------------------------------------


def _case_like(suggestion: str, written: str) -> str:
    letters = [c for c in written if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return suggestion.upper()
    if written[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def _possessive(word: str, apostrophe: str) -> str:
    if word.endswith("s") and not word.endswith("ss"):
        return word + apostrophe
    return word + apostrophe + "s"


def inflect(entry: Entry, tag: str, written: str, possessive: str) -> tuple[str, ...]:
    """Suggestions bent to the span: number, verb form, possessive and capitalisation."""
    if tag in {"v3s", "ved", "ving"}:
        base = entry.suggestions
        out = [verb_forms(s)[tag] if s else s for s in base]
    elif tag == V_BASE:
        out = list(entry.suggestions)
    else:
        out = list(suggestions_for(entry, tag))
        if tag == PL and not entry.suggestions_pl and not entry.id.startswith("en."):
            out = list(entry.suggestions)
    lang = entry.id.split(".", 1)[0]
    if lang in ("fr", "es"):
        out = [fit_articles(s, written, lang) if s else s for s in out]
    if possessive:
        out = [_possessive(s, possessive[0]) for s in out]
    seen: set[str] = set()
    result: list[str] = []
    for s in out:
        s2 = _case_like(s, written)
        if s2 not in seen:
            seen.add(s2)
            result.append(s2)
    return tuple(result)


# --- articles of French and Spanish suggestions ----------------------------------------------

# gender/number of a suggestion's article; "" where French does not say (l', les)
_ART_GN = {
    "es": {
        "el": "ms",
        "la": "fs",
        "los": "mp",
        "las": "fp",
        "un": "ms",
        "una": "fs",
        "unos": "mp",
        "unas": "fp",
    },
    "fr": {
        "le": "ms",
        "la": "fs",
        "l'": "s",
        "l\u2019": "s",
        "les": "p",
        "un": "ms",
        "une": "fs",
        "des": "p",
    },
}
# determiners a span may start with, as families by gender/number (ms, fs, mp, fp)
_DET_FAMILIES = {
    "es": [
        ("el", "la", "los", "las"),
        ("un", "una", "unos", "unas"),
        ("este", "esta", "estos", "estas"),
        ("ese", "esa", "esos", "esas"),
        ("aquel", "aquella", "aquellos", "aquellas"),
        ("nuestro", "nuestra", "nuestros", "nuestras"),
        ("dicho", "dicha", "dichos", "dichas"),
        ("todo", "toda", "todos", "todas"),
        ("ningún", "ninguna", "ningunos", "ningunas"),
        ("mucho", "mucha", "muchos", "muchas"),
        ("algún", "alguna", "algunos", "algunas"),
        ("otro", "otra", "otros", "otras"),
        ("vario", "varia", "varios", "varias"),
        ("poco", "poca", "pocos", "pocas"),
        ("cada", "cada", "cada", "cada"),
        ("del", "de la", "de los", "de las"),
        ("al", "a la", "a los", "a las"),
    ],
    "fr": [
        ("le", "la", "les", "les"),
        ("un", "une", "des", "des"),
        ("ce", "cette", "ces", "ces"),
        ("cet", "cette", "ces", "ces"),
        ("chaque", "chaque", "chaque", "chaque"),
        ("tout", "toute", "tous", "toutes"),
        ("notre", "notre", "nos", "nos"),
        ("votre", "votre", "vos", "vos"),
        ("leur", "leur", "leurs", "leurs"),
        ("du", "de la", "des", "des"),
        ("au", "à la", "aux", "aux"),
        ("certain", "certaine", "certains", "certaines"),
    ],
}
_DET_INDEX = {lang: {w: fam for fam in fams for w in fam} for lang, fams in _DET_FAMILIES.items()}
_CONJ_WORDS = frozenset({"y", "o", "e", "u", "et", "ou"})


_FEMININE_HEADS = (
    "personne",
    "personnes",
    "ée",
    "ées",
    "ion",
    "ions",
    "ité",
    "ités",
    "ière",
    "ières",
    "rice",
    "rices",
    "euse",
    "euses",
    "ure",
    "ures",
    "ance",
    "ances",
    "ence",
    "ences",
    "équipe",
    "équipes",
)


def _gn_of(article: str, rest: str, lang: str) -> str:
    """Gender and number (ms, fs, mp, fp) of the noun phrase a suggestion's article opens."""
    gn = _ART_GN[lang].get(article.lower(), "")
    if len(gn) == 2:
        return gn
    head = rest.split(" ", 1)[0].lower()
    return ("f" if head.endswith(_FEMININE_HEADS) else "m") + (gn or "s")


def fit_articles(suggestion: str, written: str, lang: str) -> str:
    """A French/Spanish suggestion made to fit the span it replaces.

    The suggestion's own articles go when the span has none ("trabajadores" -> "personas
    trabajadoras", not "las personas trabajadoras"); a span that starts with another
    determiner passes it on, agreeing with the suggestion ("estos trabajadores" -> "estas
    personas trabajadoras", "del consultor" -> "de la persona consultora").
    """
    arts = _ART_GN.get(lang)
    if arts is None:
        return suggestion
    words = suggestion.split(" ")
    first = words[0].lower()
    elided = ""
    if lang == "fr" and first[:2] in ("l'", "l\u2019") and len(first) > 2:
        elided, first = first[:2], first[2:]
    if not elided and first not in arts:
        return suggestion
    span_words = written.split(" ")
    span_det = span_words[0].lower() if len(span_words) > 1 else ""
    if lang == "fr" and written[:2].lower() in ("l'", "l\u2019"):
        span_det = "le"  # "l'homme": a definite article
    if span_det not in _DET_INDEX[lang]:
        span_det = ""
    fam = _DET_INDEX[lang].get(span_det) if span_det else None
    out: list[str] = []
    at_np_start = True
    i = 0
    while i < len(words):
        w = words[i]
        low = w.lower()
        art, rest = low, None
        if lang == "fr" and low[:2] in ("l'", "l\u2019") and len(low) > 2:
            art, rest = low[:2], w[2:]
        if at_np_start and (art in arts):
            tail = rest if rest is not None else (words[i + 1] if i + 1 < len(words) else "")
            if fam is None:
                pass  # no determiner in the span: drop the article
            elif span_det in ("el", "la", "los", "las", "le", "les"):
                out.append(w if rest is None else w[:2])
            else:
                gn = _gn_of(art, tail, lang)
                det = fam[{"ms": 0, "fs": 1, "mp": 2, "fp": 3}.get(gn, 0)]
                if lang == "fr" and det in ("ce", "le") and tail[:1].lower() in "aeiouyhéèêâîôû":
                    det = "cet" if det == "ce" else "l'"
                out.append(det)
            if rest is not None:
                if out and out[-1].endswith("'"):
                    out[-1] = out[-1] + rest
                else:
                    out.append(rest)
            at_np_start = False
            i += 1
            continue
        out.append(w)
        at_np_start = low in _CONJ_WORDS
        i += 1
    fitted = " ".join(x for x in out if x)
    return fitted or suggestion


# A form of the entry quoted in its explanation ("«los responsables» se lee...").
_QUOTED = re.compile(
    "(\u00ab\\s?|[\"\u201c']|\u2018)([^\"\u201c\u201d\u00ab\u00bb\u2018\u2019']{1,60}?)"
    "(\\s?\u00bb|[\"\u201d']|\u2019)"
)


# The shared explanations of French and Spanish generic masculines speak of a group; said of
# one person (a singular form) they take these words instead.
_SINGULAR_WORDING = {
    "fr": (
        (
            "Le masculin pluriel employé pour un groupe mixte ou inconnu rend les femmes "
            "invisibles ; un doublet complet ou un terme épicène ou collectif nomme tout le monde.",
            "Le masculin singulier employé pour une personne qui n'est pas encore connue, ou pour "
            "n'importe qui dans ce rôle, la présente comme un homme ; un doublet ou une tournure "
            "épicène nomme tout le monde.",
        ),
    ),
    "es": (
        (
            "se lee como si el grupo fuera solo de hombres; cuando incluye a mujeres o no se sabe "
            "quién lo compone, un desdoblamiento o un término colectivo las hace visibles.",
            "se lee como si se tratara de un hombre; cuando puede ser una mujer o no se sabe "
            "quién es, un desdoblamiento o una expresión neutra la hace visible.",
        ),
    ),
}


def explain(entry: Entry, written: str, tag: str = "") -> str:
    """The explanation, agreeing with the form found: a form of the entry quoted in it
    becomes the form in the text (plural for a plural, feminine for a feminine), a quoted
    suggestion takes the number of the span, and a group's wording becomes one person's for
    a singular."""
    own = {norm(f) for f in (entry.lemma, *entry.forms_sg, *entry.forms_pl)}
    found = norm(written)
    text = entry.explanation
    lang = entry.id.split(".", 1)[0]
    if tag == SG:
        for plural, singular in _SINGULAR_WORDING.get(lang, ()):
            text = text.replace(plural, singular)
    plural_of = {}
    if tag == PL:
        plural_of = {
            norm(a): b
            for a, b in zip(entry.suggestions, suggestions_for(entry, PL), strict=False)
            if norm(a) != norm(b)
        }

    def swap(m: re.Match[str]) -> str:
        inner = m.group(2)
        key = norm(inner)
        if key in plural_of and key not in own:
            after = m.string[m.end() : m.end() + 4]
            # only where the sentence stays grammatical ("'women' is neutral": a word named
            # takes "is"; "'chair' names the function" is left alone)
            if after[:1] in {".", ",", ";", ")", ""} or after.startswith((" or ", " is ")):
                return m.group(1) + _case_like(plural_of[key], inner) + m.group(3)
            return m.group()
        if key not in own or key == found:
            return m.group()
        new = written if not inner[:1].isupper() else written[:1].upper() + written[1:]
        if not inner[:1].isupper() and written[:1].isupper() and not written.isupper():
            new = written[:1].lower() + written[1:]  # a sentence-initial capital of the text
        return m.group(1) + new + m.group(3)

    return _QUOTED.sub(swap, text)


def _message(term: str, suggestions: tuple[str, ...], entry: Entry) -> str:
    if suggestions:
        return f'"{term}": prefer "{suggestions[0]}"'
    if entry.category == "generic-pronoun":
        return f'"{term}": generic masculine pronoun; reword'
    return f'"{term}": consider rewording'


# --- the engine ---------------------------------------------------------------------------


def _lookup(cr: Compiled, written: str) -> tuple[tuple[Surface, ...], str, str]:
    """Surfaces for a matched string, the word without its possessive, and the possessive."""
    key = norm(written)
    found = cr.index.get(key)
    if found is not None:
        return found, written, ""
    for suffix_len in (2, 1):
        if len(written) > suffix_len and written[-suffix_len] in _APOS:
            base = written[:-suffix_len]
            found = cr.index.get(norm(base))
            if found is not None:
                return found, base, written[-suffix_len:]
    return (), written, ""


def _window_hits(
    rx: re.Pattern[str] | None, span: int, text: str, start: int, end: int
) -> list[re.Match[str]]:
    if rx is None:
        return []
    lo = max(0, start - span)
    hi = min(len(text), end + span)
    return [m for m in rx.finditer(text, lo, hi) if m.start() <= start and m.end() >= end]


_CAPITAL = re.compile(r"(?<![\w'\u2019])[A-Z\u00c0-\u00de]")
# Words for people whose gender a named man or an all-one-sex group makes right.
_PERSON_CATEGORIES = frozenset({"role-noun", "generic-masculine", "generic-pronoun"})
# Plural pronouns point back at a group ("les bénéficiaires ... ils"), not at one person.
_PLURAL_PRONOUNS = frozenset({"ils", "ellos", "they", "them", "themselves"})


def _keep(
    cr: Compiled,
    text: str,
    start: int,
    end: int,
    surface: Surface,
    base: str,
    refidx: ctx.TextIndex | None = None,
) -> bool:
    """The context filters. True when the match is a real finding.

    The category's own filter runs first: for pronouns it rejects most matches at once, which
    spares the window searches below on the most frequent words.
    """
    entry = surface.entry
    lang = cr.rules.lang
    cat = entry.category
    if cat == "generic-pronoun" or entry.has("generic-referent"):
        if base.lower().split(" ")[0] in _PLURAL_PRONOUNS:
            if not cr.referents.is_generic_plural(text, start):
                return False
        elif not cr.referents.is_generic(text, start, refidx, feminine=entry.has("feminine-form")):
            return False
    if entry.has("minors-ok") and not ctx.adult_reference(text, start, end, lang):
        return False
    if (cat == "vulnerable-lumping" or entry.has("adult-lumping")) and not ctx.is_lumping(
        text, start, end, lang
    ):
        return False
    if cat == "courtesy-title" and not ctx.followed_by_name(text, end):
        return False
    if cat == "feminine-title":
        written = text[start:end]
        if " " in written or "'" in written or "\u2019" in written:
            if not ctx.woman_holds_title(text, start, end):
                return False
        elif not ctx.woman_holds_bare_title(text, start, end):
            return False  # "directeur" alone: only in apposition to, or said of, a named woman
    if (
        cat == "humanity"
        and norm(base) in ctx.HUMANITY_WORDS.get(lang, ())
        and not any(c.isupper() for c in base[1:])
        and not ctx.means_humanity(text, start, end, lang)
    ):
        return False  # bare "man", "l'homme", "el hombre": one man unless used generically
    if cat == "generic-masculine" and ctx.after_non_human_noun(text, start):
        return False
    feminine = entry.has("feminine-form")
    if cat in _PERSON_CATEGORIES or feminine:
        if (
            not feminine
            # English -man titles stay flagged for a named man too ("the chairman, Mr
            # Mensah": "chair" is the title for anyone); a grammatical masculine is right
            and (cat != "role-noun" or lang != "en")
            and cat != "generic-pronoun"  # the referent search already weighs names
            and ctx.named_man(text, start, end)
        ):
            return False  # "el coordinador, Sr. Pérez,": one named man
        if cat == "generic-masculine" and ctx.one_person_described(text, start, end):
            return False  # "según un agricultor de Tumbes", "un pescador de 45 años"
        if ctx.single_sex_group(text, start, end, lang, feminine=feminine):
            return False  # "all men", "maternity leave", "a women's cooperative"
    if entry.has("facility-ok") and ctx.facility_sign(text, start, end):
        return False  # "the ladies' toilets", "a door marked Ladies"
    if ctx.in_quotation(text, start, end):
        return False  # a title, a quoted law or source, a word discussed as a word
    in_pairs, in_excepts, in_names = cr.word_flags(base)
    if in_pairs and _window_hits(cr.pairs_rx, cr.pairs_span, text, start, end):
        return False
    if entry.except_ and in_excepts:
        for m in _window_hits(cr.except_rx, cr.except_span, text, start, end):
            owners = cr.except_owner.get(norm(m.group()), frozenset())
            if entry.id in owners:
                return False
    if in_names and _window_hits(cr.proper_rx, cr.proper_span, text, start, end):
        return False
    if ctx.in_url_or_email(text, start, end):
        return False
    named_ok = cat not in {"feminine-title", "courtesy-title", "generic-pronoun"}
    if named_ok:
        # "del Hombre" in "el Día Internacional del Hombre": the name test starts at the
        # capitalised word of the span, not at its article
        first = start
        if text[start].islower():
            cap = _CAPITAL.search(text, start, end)
            first = cap.start() if cap is not None else start
        if ctx.in_capitalised_name(text, first, end, verb=entry.pos == "verb"):
            return False
    return not (
        cat in {"generic-masculine", "generic-pronoun"}
        and lang in {"fr", "es"}
        and ctx.in_doublet(text, start, end, lang)
    )


def find(
    text: str,
    lang: str,
    mode: str,
    *,
    allow: Iterable[str] = (),
    disabled_rules: Iterable[str] = (),
    rules: RuleSet | None = None,
) -> list[Finding]:
    """Findings of the shipped rules of lang, or of `rules` (a RuleSet of that language)."""
    if rules is None:
        cr = compile_rules(lang, mode)
    else:
        if rules.lang != lang:
            raise ValueError(f"the rule set is for {rules.lang!r}, not {lang!r}")
        cr = compile_ruleset(rules, mode)
    allowed = {norm(a.strip()) for a in allow if a.strip()}
    disabled = {d.strip() for d in disabled_rules if d.strip()}
    switches = parse_directives(text) if ("pat-" in text or "pat:" in text) else []
    # The rule ids written in a directive ("pat-enable: en.chairman") are not prose.
    directive_spans = [m.span() for m in _DIRECTIVE.finditer(text)] if switches else []
    raw: list[tuple[int, int, Surface, str, str]] = []
    spans = list(cr.scan(text))
    refidx = None
    if len(text) >= SMALL_TEXT and cr.pronoun_forms:
        # Dense pronouns (narrative text): index all referent candidates once instead of
        # scanning a window per pronoun. The index costs about 5 passes over the text
        # (~150 ms/MB), a windowed search ~40 µs per pronoun: the break-even is ~1 in 185 chars.
        pronouns = sum(1 for s, e in spans if norm(text[s:e]) in cr.pronoun_forms)
        if pronouns * 185 > len(text):
            refidx = cr.referents.index(text)
    last_end = -1
    for start, end in spans:
        if start < last_end:
            continue
        if directive_spans and any(lo <= start < hi for lo, hi in directive_spans):
            continue
        tries = [(start, end)]
        if " " in text[start:end]:
            # "to man up": a form that starts inside this one and reaches further is the more
            # specific reading ("man up", not "to man"); the shorter one is the fallback
            # ("La chef" when "chef de mission" is not a finding there).
            longer = _prefer_longer_overlap(cr, text, start, end)
            if longer != (start, end):
                tries.insert(0, longer)
        for s_, e_ in tries:
            hit = _choose(cr, text, s_, e_, allowed, disabled, switches, refidx)
            if hit is not None:
                raw.append((s_, e_, *hit))
                last_end = e_
                break
    return _findings(text, raw)


def _choose(
    cr: Compiled,
    text: str,
    start: int,
    end: int,
    allowed: set[str],
    disabled: set[str],
    switches: list[_Switch],
    refidx: ctx.TextIndex | None,
) -> tuple[Surface, str, str] | None:
    """The first surface of the matched string that passes the switches and the filters."""
    written = text[start:end]
    surfaces, base, poss = _lookup(cr, written)
    for surface in surfaces:
        entry = surface.entry
        if disabled and rule_named(entry.id, disabled):
            continue
        if allowed and (
            norm(entry.lemma) in allowed or norm(base) in allowed or norm(written) in allowed
        ):
            continue
        if switches and _switched_off(switches, start, entry.id):
            continue
        if poss and not surface.possessive_ok:
            continue
        strict = cr.case_forms.get(entry.id)
        if strict is not None and base not in strict:
            continue
        if _keep(cr, text, start, end, surface, base, refidx):
            return surface, base, poss
    return None


def _prefer_longer_overlap(cr: Compiled, text: str, start: int, end: int) -> tuple[int, int]:
    for run in _RUN.finditer(text, start + 1, end):
        other = cr._match_at(text, run.start(), run.group())
        if other is not None and other[1] > end:
            return other
    return start, end


def _findings(text: str, raw: list[tuple[int, int, Surface, str, str]]) -> list[Finding]:
    out: list[Finding] = []
    # The same word recurs in a long document; inflect it once.
    inflected: dict[tuple[str, str, str, str], tuple[str, ...]] = {}
    explained: dict[tuple[str, str, str, str], str] = {}
    line = 1
    counted_to = 0
    line_start = 0
    for start, end, surface, base, poss in raw:
        # Line numbers are counted incrementally (in C) from the previous finding, so the
        # cost is one pass over the text however many findings there are.
        newlines = text.count("\n", counted_to, start)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", counted_to, start) + 1
        counted_to = start
        column = start - line_start + 1
        entry = surface.entry
        term = text[start:end]
        key = (entry.id, surface.tag, base, poss)
        suggestions = inflected.get(key)
        if suggestions is None:
            suggestions = inflected[key] = inflect(entry, surface.tag, base, poss)
            explained[key] = explain(entry, base, surface.tag)
        out.append(
            Finding(
                start=start,
                end=end,
                line=line,
                column=column,
                term=term,
                rule=entry.id,
                category=entry.category,
                severity=entry.severity,
                suggestions=suggestions,
                message=_message(term, suggestions, entry),
                explanation=explained[key],
                debatable=entry.debatable,
                guide=entry.guide,
            )
        )
    # Generic masculine plurals in French and Spanish are everywhere and debatable; they go
    # last so that a reader meets the clear findings first.
    out.sort(key=lambda f: (f.category == "generic-masculine", f.start))
    return out


__all__ = [
    "Compiled",
    "compile_rules",
    "compile_ruleset",
    "find",
    "fit_articles",
    "inflect",
    "parse_directives",
    "plural_word",
]
