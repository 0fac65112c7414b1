"""Behaviour of check() on the small fixture rule set (tests/terminology/fixtures/data)."""

from pathlib import Path

import pytest

from pat.terminology import check
from pat.terminology.rules import clear_caches

FIXTURES = Path(__file__).parent / "fixtures" / "data"


@pytest.fixture(autouse=True)
def fixture_rules(monkeypatch):
    monkeypatch.setenv("PAT_TERMINOLOGY_DATA", str(FIXTURES))
    clear_caches()
    yield
    monkeypatch.delenv("PAT_TERMINOLOGY_DATA")
    clear_caches()


def terms(text, lang="en", **kw):
    return [f.term for f in check(text, lang, **kw)]


@pytest.mark.parametrize(
    ("text", "term", "suggestions"),
    [
        ("The chairman spoke.", "chairman", ("chair", "chairperson")),
        ("The chairman's report.", "chairman's", ("chair's", "chairperson's")),
        ("The chairman\u2019s report.", "chairman\u2019s", ("chair\u2019s", "chairperson\u2019s")),
        ("Chairmen met.", "Chairmen", ("Chairs", "Chairpersons")),
        ("THE CHAIRMAN SPOKE", "CHAIRMAN", ("CHAIR", "CHAIRPERSON")),
        ("Ask the fishermen's union.", "fishermen's", ("fishers'",)),
        ("It took 30 man-hours.", "man-hours", ("person-hours",)),
        ("It took 30 manhours.", "manhours", ("person-hours",)),
        ("It took 30 man hours.", "man hours", ("person-hours",)),
        ("One man-hour is enough.", "man-hour", ("person-hour",)),
        ("They manned the desk.", "manned", ("staffed", "operated")),
        ("She mans the desk.", "mans", ("staffs", "operates")),
        ("Who is manning the desk?", "manning", ("staffing", "operating")),
        ("A man-made lake.", "man-made", ("human-made", "artificial")),
        ("Of all mankind.", "mankind", ("humanity", "humankind")),
        ("Not the fairer sex again.", "the fairer sex", ("women",)),
        ("The Fairer Sex is a cliché.", "The Fairer Sex", ("Women",)),
        ("She saw a female doctor.", "female doctor", ("doctor",)),
        ("Manpower is short.", "Manpower", ("Workforce", "Staff")),
    ],
)
def test_it_flags_the_whole_written_word_and_inflects_suggestions(text, term, suggestions):
    found = check(text, "en")
    assert [f.term for f in found] == [term]
    f = found[0]
    assert text[f.start : f.end] == term
    assert f.suggestions == suggestions
    assert f.message == f'"{term}": prefer "{suggestions[0]}"'


def test_a_finding_carries_its_rule_data():
    f = check("The chairman spoke.", "en")[0]
    assert (f.rule, f.category, f.severity, f.debatable, f.guide) == (
        "en.chairman",
        "role-noun",
        "medium",
        False,
        "gender-sensitive-language",
    )
    assert f.explanation == "Explanation of chairman."
    d = f.to_dict()
    assert d["suggestions"] == ["chair", "chairperson"]
    assert set(d) >= {"start", "end", "line", "column", "term", "rule", "message"}


def test_it_counts_lines_and_columns_from_one():
    text = "First line.\nA chairman here.\n\n  And a spokesman."
    found = check(text, "en")
    assert [(f.term, f.line, f.column) for f in found] == [("chairman", 2, 3), ("spokesman", 4, 9)]


@pytest.mark.parametrize(
    "text",
    [
        "The ferry to the Isle of Man left.",
        "The Ministry of Manpower published figures.",
        "ManpowerGroup hired ten people.",
        "UN Women opened an office in Manchester.",
        "See www.manpower.com for details.",
        "Write to chairman@example.org today.",
        "Go to https://example.org/chairman/report now.",
        'We watched "Death of a Salesman" twice.',
        "We watched \u201cDeath of a Salesman\u201d twice.",
        "The Manpower Planning Unit met on Monday.",
        "Hugh Manning wrote the report.",
    ],
)
def test_it_keeps_proper_names_urls_and_titles(text):
    assert terms(text) == []


def test_it_keeps_isle_of_man():
    assert terms("They live on the Isle of Man.") == []


def test_a_quoted_remark_is_a_mention_not_a_finding():
    # issue 16: words quoted from a source, a law or a speaker are mentioned, not used
    assert terms('She said "the chairman will decide".') == []
    assert terms("The chairman will decide.") == ["chairman"]


@pytest.mark.parametrize(
    "text",
    [
        "Each applicant must submit his or her CV.",
        "Each applicant must say whether he or she agrees.",
        "Each applicant must submit his/her CV.",
        "Each applicant says (s)he agrees.",
        "Training for women and men in rural areas.",
    ],
)
def test_it_accepts_inclusive_pairs(text):
    assert terms(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Each applicant must submit his CV.", ["his"]),
        ("The successful candidate will report to the director. He will manage a team.", ["He"]),
        ("Every participant should bring his own laptop.", ["his"]),
        ("Mr Diallo said his team was ready.", []),
        ("Mr. Diallo said his team was ready.", []),
        ("The Minister, Mr Kone, presented his plan.", []),
        ("The applicant, Juan Perez, sent his CV.", []),
        ("He arrived late.", []),
        ("The project manager and Mr Diallo met; he agreed.", []),
    ],
)
def test_it_flags_generic_pronouns_only_for_generic_referents(text, expected):
    assert terms(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Girls aged 10 to 14 will attend school.", []),
        ("Keep girls in secondary school.", []),
        ("The girls in the office will take notes.", ["girls"]),
        ("Our female staff, the girls, deserve a raise.", ["girls"]),
        ("The girls went out.", []),
    ],
)
def test_girls_is_fine_for_minors_and_flagged_for_adult_women(text, expected):
    assert terms(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vulnerable groups such as women and children need protection.", ["women and children"]),
        ("Women and children were evacuated first.", ["Women and children"]),
        ("The clinic offers maternal health care for women and children.", []),
        ("Women and children's health services will expand.", []),
        ("Women and children have different needs, which the plan addresses separately.", []),
    ],
)
def test_women_and_children_is_flagged_only_when_lumped(text, expected):
    assert terms(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dear Miss Ndiaye, thank you.", ["Miss"]),
        ("Miss the deadline and you lose.", []),
        ("We will not miss the deadline.", []),
    ],
)
def test_courtesy_titles_only_before_a_name(text, expected):
    assert terms(text) == expected


def test_an_except_phrase_keeps_the_term():
    assert terms("Ask the cameraman cam crew.") == []
    assert terms("Ask the cameraman now.") == ["cameraman"]


# --- switching rules off -------------------------------------------------------------------


def test_allow_list_keeps_a_word_in_every_form():
    text = "The chairman and the chairmen's spokesman."
    assert terms(text, allow=["chairman"]) == ["spokesman"]


def test_disabled_rules_by_full_or_short_id():
    text = "The chairman and the spokesman."
    assert terms(text, disabled_rules=["en.chairman"]) == ["spokesman"]
    assert terms(text, disabled_rules=["spokesman"]) == ["chairman"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The chairman spoke. pat-ignore\nThe chairman left.", ["chairman"]),
        ("The chairman and spokesman. pat-ignore: en.chairman", ["spokesman"]),
        ("<!-- pat-ignore-next-line -->\nThe chairman spoke.\nThe chairman left.", ["chairman"]),
        ("# pat-ignore-next-line: chairman\nThe chairman and spokesman.", ["spokesman"]),
        (
            "The chairman.\n<!-- pat-disable: en.chairman -->\nchairman\nchairman\n"
            "<!-- pat-enable: en.chairman -->\nchairman",
            ["chairman", "chairman"],
        ),
        ("[pat-disable]\nchairman spokesman", []),
        ("<!-- pat: disable en.chairman -->\nchairman spokesman", ["spokesman"]),
        ("chairman spokesman # pat: disable=en.spokesman", ["chairman"]),
        ("chairman spokesman [pat: ignore]", []),
        ("chairman spokesman pat-ignore this line please", []),
    ],
)
def test_inline_comments_switch_rules_off(text, expected):
    assert terms(text) == expected


# --- modes ----------------------------------------------------------------------------------


def test_vacancy_rules_only_in_vacancy_mode():
    text = "Hey guys, the headmaster is here."
    assert terms(text) == ["headmaster"]
    assert terms(text, mode="vacancy") == ["guys"]


def test_it_rejects_unknown_language_and_mode():
    with pytest.raises(ValueError, match="language"):
        check("x", "de")
    with pytest.raises(ValueError, match="mode"):
        check("x", "en", "essay")


def test_auto_language_picks_the_right_rules():
    text = "Les droits de l'homme sont universels et les migrants sont protégés."
    assert [f.rule for f in check(text, "auto")] == ["fr.droits-de-l-homme", "fr.migrant"]


# --- French and Spanish ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Les droits de l'homme sont universels.", ["droits de l'homme"]),
        ("Les droits de l\u2019homme sont universels.", ["droits de l\u2019homme"]),
        ("Le Conseil des droits de l'homme siège à Genève.", []),
        ("Les migrantes et les migrants arrivent.", []),
        ("Les migrants et les migrantes arrivent.", []),
        ("Les travailleuses et travailleurs du secteur.", []),
        ("Les travailleurs du secteur.", ["travailleurs"]),
        ("Le sexe faible, disait-il.", ["Le sexe faible"]),
        ("L'homme a marché sur la Lune.", ["homme"]),
        ("Chaque travailleur doit signer. Il doit aussi dater.", ["Il", "travailleur"]),
    ],
)
def test_french_rules_and_doublets(text, expected):
    assert terms(text, "fr") == expected


def test_generic_masculine_is_reported_after_clear_findings():
    found = check("Les travailleurs et le sexe faible.", "fr")
    assert [f.term for f in found] == ["le sexe faible", "travailleurs"]
    assert found[1].severity == "low" and found[1].debatable


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Los niños y niñas de la escuela.", []),
        ("Las niñas y los niños juegan.", []),
        ("Los trabajadores y las trabajadoras firmaron.", []),
        ("Las trabajadoras y trabajadores firmaron.", []),
        ("Los trabajadores firmaron.", ["trabajadores"]),
        ("Hola a tod@s y todxs.", ["tod@s", "todxs"]),
        ("La señorita García llegó.", ["señorita"]),
        ("ONU Mujeres publicó un informe.", []),
        ("Los niños/as jugaban.", []),
    ],
)
def test_spanish_rules_and_doublets(text, expected):
    assert terms(text, "es") == expected


def test_spanish_suggestions_follow_number_and_case():
    f = check("Trabajadores del campo.", "es")[0]
    assert f.suggestions == ("Personas trabajadoras",)
    f = check("Un trabajador del campo.", "es")[0]
    assert f.suggestions == ("persona trabajadora",)


def test_a_longer_form_starting_inside_a_match_wins(tmp_path, monkeypatch):
    import json

    data = json.loads((FIXTURES / "en.json").read_text(encoding="utf-8"))
    data["entries"].append(
        {
            "id": "en.man-up",
            "lemma": "man up",
            "pos": "verb",
            "category": "idiom",
            "severity": "high",
            "suggestions": ["step up"],
            "explanation": "x",
            "source": "s",
            "forms": {"verb": ["man up", "mans up", "manned up", "manning up"]},
        }
    )
    data["entries"].append(
        {
            "id": "en.to-man",
            "lemma": "to man",
            "pos": "phrase",
            "category": "idiom",
            "severity": "medium",
            "suggestions": ["to staff"],
            "explanation": "x",
            "source": "s",
        }
    )
    (tmp_path / "en.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("PAT_TERMINOLOGY_DATA", str(tmp_path))
    clear_caches()
    assert [(f.term, f.rule) for f in check("He told them to man up.", "en")] == [
        ("man up", "en.man-up")
    ]
    assert [f.term for f in check("We need someone to man the desk.", "en")] == ["to man"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Les pays participants ont signé.", []),
        ("Les participants ont signé.", ["participants"]),
    ],
)
def test_a_masculine_adjective_after_a_noun_for_things_is_kept(
    text, expected, monkeypatch, tmp_path
):
    import json

    data = json.loads((FIXTURES / "fr.json").read_text(encoding="utf-8"))
    data["entries"].append(
        {
            "id": "fr.participant",
            "lemma": "participant",
            "pos": "noun",
            "category": "generic-masculine",
            "severity": "low",
            "debatable": True,
            "suggestions": ["personne participante"],
            "suggestions_pl": ["personnes participantes"],
            "explanation": "x",
            "source": "s",
            "forms": {"sg": ["participant"], "pl": ["participants"]},
        }
    )
    (tmp_path / "fr.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("PAT_TERMINOLOGY_DATA", str(tmp_path))
    clear_caches()
    assert terms(text, "fr") == expected


def test_empty_and_whitespace_texts_have_no_findings():
    assert check("", "en") == []
    assert check(" \n\t ", "fr", "vacancy") == []


def test_a_long_text_gives_the_same_findings_as_its_pages():
    from pat.terminology.matcher import compile_rules

    page = "The chairman met Mr Diallo and his team. Each applicant must submit his CV.\n"
    text = page * 4000
    by_words = check(text, "en")
    _ = compile_rules("en", "proposal").fast_ascii  # from now on the compiled regex scans
    found = check(text, "en")
    assert found == by_words
    assert len(found) == 2 * 4000
    assert found[-1].line == 4000 and found[-1].term == "his"
    assert [f.term for f in check(page, "en")] == ["chairman", "his"]


def test_a_long_single_line_costs_linear_time():
    import time

    # PDF extraction gives texts without newlines; no per-finding search may run back to the
    # start of the text.
    text = "The chairman met the spokesman and the fishermen. " * 12_000  # 600 KB, one line
    t = time.perf_counter()
    found = check(text, "en")
    assert len(found) == 36_000 and found[-1].line == 1
    assert found[-1].column == found[-1].start + 1
    assert time.perf_counter() - t < 5
