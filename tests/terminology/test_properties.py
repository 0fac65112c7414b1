"""No input crashes the checker, and every finding points at exactly its own text."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pat.terminology import check, vacancy_report
from pat.terminology.rules import clear_caches

FIXTURES = Path(__file__).parent / "fixtures" / "data"

# Words that reach the context filters, mixed with arbitrary Unicode, so that the filters
# (not just the scanner) meet strange neighbours.
VOCAB = [
    "chairman",
    "Chairmen's",
    "his",
    "he",
    "Mr",
    "girls",
    "women and children",
    "Miss",
    "man-hours",
    "the fairer sex",
    "Isle of Man",
    "pat-ignore",
    "pat-disable: en.his",
    "www.x.org",
    '"',
    "\u201c",
    "'s",
    "\u2019",
    "\n",
    ". ",
    "migrants",
    "les",
    "travailleurs",
    "et",
    "niños",
    "y",
    "niñas",
    "tod@s",
    "señorita",
    "ambitious",
    "Core Competencies",
    "l'homme",
    "droits de l\u2019homme",
    "applicant",
    "each",
]
texts = st.lists(st.one_of(st.sampled_from(VOCAB), st.text(max_size=8)), max_size=25).map(" ".join)


@pytest.fixture(scope="module", autouse=True)
def fixture_rules():
    mp = pytest.MonkeyPatch()
    mp.setenv("PAT_TERMINOLOGY_DATA", str(FIXTURES))
    clear_caches()
    yield
    mp.undo()
    clear_caches()


def _consistent(text, findings):
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.term
        assert f.line == text.count("\n", 0, f.start) + 1
        assert f.column == f.start - (text.rfind("\n", 0, f.start) + 1) + 1


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@pytest.mark.parametrize("mode", ["proposal", "vacancy"])
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=st.one_of(texts, st.text(max_size=300)))
def test_no_unicode_input_crashes_check(lang, mode, text):
    _consistent(text, check(text, lang, mode))


@settings(max_examples=150, deadline=None)
@given(text=st.one_of(texts, st.text(max_size=300)))
def test_auto_language_and_vacancy_report_never_crash(text):
    _consistent(text, check(text, "auto"))
    for lang in ("en", "fr", "es"):
        report = vacancy_report(text, lang)
        for c in report.coded:
            assert text[c.start : c.end] == c.term
        assert report.score == report.feminine - report.masculine


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@settings(max_examples=200, deadline=None)
@given(text=st.one_of(texts, st.text(max_size=200)))
def test_the_word_scanner_finds_what_the_big_regex_finds(lang, text):
    from pat.terminology.matcher import compile_rules

    cr = compile_rules(lang, "proposal")
    assert list(cr.scan_words(text)) == [m.span() for m in cr.regex.finditer(text)]


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_both_scanners_agree_on_the_shipped_rules(lang):
    from pat.terminology.matcher import Compiled
    from pat.terminology.rules import load_rules

    mp = pytest.MonkeyPatch()
    mp.delenv("PAT_TERMINOLOGY_DATA")
    clear_caches()
    try:
        rules = load_rules(lang)
    finally:
        mp.undo()
    cr = Compiled(rules, "proposal")
    samples = []
    for e in rules.entries:
        for form in list(e.forms_sg) + list(e.forms_pl) + [e.lemma]:
            samples += [
                f"x {form} y",
                f"{form.upper()}'s",
                f"{form.capitalize()}-z {form}s",
                f"({form}) \u2019{form}\u2019s",
                f"{form}@x {form}_ l'{form}",
            ]
    text = "\n".join(samples)
    clear_caches()
    expected = [m.span() for m in cr.regex.finditer(text)]
    assert list(cr.scan_words(text)) == expected
    assert list(cr.scan_fast(text)) == expected
    assert list(cr.scan_automaton(text)) == expected
    ascii_text = text.encode("ascii", "replace").decode()
    expected_ascii = [m.span() for m in cr.regex.finditer(ascii_text)]
    assert list(cr.scan_automaton(ascii_text)) == expected_ascii


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@settings(max_examples=200, deadline=None)
@given(text=st.one_of(texts, st.text(max_size=200)))
def test_the_fast_scanner_finds_what_the_big_regex_finds(lang, text):
    from pat.terminology.matcher import compile_rules

    cr = compile_rules(lang, "proposal")
    assert list(cr.scan_fast(text)) == [m.span() for m in cr.regex.finditer(text)]
    ascii_text = text.encode("ascii", "replace").decode()
    assert list(cr.scan_fast(ascii_text)) == [m.span() for m in cr.regex.finditer(ascii_text)]


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@settings(max_examples=60, deadline=None)
@given(text=st.one_of(texts, st.text(max_size=300)))
def test_no_input_crashes_check_on_the_shipped_rules(lang, text):
    # Caches are keyed by data folder, so switching folders needs no cache clearing.
    mp = pytest.MonkeyPatch()
    mp.delenv("PAT_TERMINOLOGY_DATA")
    try:
        for mode in ("proposal", "vacancy"):
            _consistent(text, check(text, lang, mode))
    finally:
        mp.undo()


PRONOUN_VOCAB = [
    "Mr Diallo",
    "said",
    "his",
    "he",
    "He",
    "each",
    "applicant",
    "the",
    "a",
    "manager",
    "must",
    "submit",
    "CV",
    ".",
    ". ",
    ",",
    "Juan Perez",
    "anyone",
    "The Minister",
    "father",
    "\n",
    "Mr.",
    "e.g.",
    "team",
    "participant",
]


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(PRONOUN_VOCAB), max_size=60))
def test_the_referent_index_agrees_with_the_window_search(words):
    from pat.terminology.context import ReferentFinder

    text = " ".join(words)
    finder = ReferentFinder("en")
    index = finder.index(text)
    for m in __import__("re").finditer(r"\b(?:he|his|He)\b", text):
        assert finder.is_generic(text, m.start(), index) == finder.is_generic(text, m.start())


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@settings(max_examples=200, deadline=None)
@given(text=st.one_of(texts, st.text(max_size=200)))
def test_the_automaton_scanner_finds_what_the_big_regex_finds(lang, text):
    from pat.terminology.matcher import compile_rules

    cr = compile_rules(lang, "proposal")
    assert list(cr.scan_automaton(text)) == [m.span() for m in cr.regex.finditer(text)]
    ascii_text = text.encode("ascii", "replace").decode()
    assert list(cr.scan_automaton(ascii_text)) == [m.span() for m in cr.regex.finditer(ascii_text)]
