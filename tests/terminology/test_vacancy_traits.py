"""Issue 16, classes 7 and 8: vacancy mode counts traits, not tasks; explanations agree.

Sentences written for these tests. A coded word counts where it describes the person sought,
not where it names a duty or the subject of the work.
"""

import pytest

from pat.terminology import check, vacancy_report
from pat.terminology.vacancy import coded_words

# (language, text, the coded words that count, in order)
TRAITS = [
    (
        "en",
        "We seek a driven, competitive leader who is decisive under pressure.",
        ["driven", "competitive", "leader", "decisive"],
    ),
    ("en", "Draft policy analysis and determine budget allocations.", []),
    ("en", "Lead the drafting of guidelines for child protection.", []),
    ("en", "Provide support to partners and conduct analyses of labour markets.", []),
    ("en", "Strong analytical skills and a supportive attitude.", ["analytical", "supportive"]),
    ("en", "Demonstrated ability to lead a team under pressure.", ["lead"]),
    ("en", "You will lead the team and support partners; you are confident.", ["confident"]),
    ("en", "Fearless in defending the rights of migrant workers.", ["Fearless", "defending"]),
    ("fr", "Vous êtes déterminé et vous savez décider rapidement.", ["déterminé", "décider"]),
    ("fr", "La personne retenue fera preuve d'un esprit de collaboration.", ["collaboration"]),
    ("es", "Liderará un equipo de doce personas y apoyará a las comunidades.", []),
    ("es", "Buscamos una persona ambiciosa y segura de sí misma.", ["ambiciosa", "segura de sí"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), TRAITS)
def test_vacancy_mode_counts_traits_not_tasks(lang, text, expected):
    assert [c.term for c in coded_words(text, lang)] == expected


def test_words_beyond_the_gaucher_lists_are_marked_as_added():
    coded = {
        c.term: c.added for c in coded_words("A driven, ambitious and inclusive colleague.", "en")
    }
    assert coded == {"driven": True, "ambitious": False, "inclusive": True}


def test_each_coded_word_comes_with_the_phrase_it_was_found_in():
    text = "Duties: draft reports.\nWe seek a driven, competitive leader who is decisive."
    coded = coded_words(text, "en")
    assert [c.phrase for c in coded][:1] == ["We seek a driven, competitive leader who is decisive"]
    assert all(c.term in c.phrase for c in coded)
    assert all("draft" not in c.phrase for c in coded)  # the clause ends at the line


def test_he_and_his_for_the_candidate_are_flagged_in_vacancy_mode():
    report = vacancy_report(
        "The successful candidate will manage his own portfolio. He will report to the Chief.",
        "en",
    )
    assert [f.term for f in report.findings] == ["his", "He"]


# Explanations agree with the form found: a quoted form of the rule becomes the one in the
# text, a group's wording becomes one person's for a singular, and a quoted suggestion takes
# the number of the span where the sentence stays grammatical.
EXPLAINED = [
    ("es", "El responsable del programa elaborará un informe.", "«el responsable»", "un hombre"),
    (
        "es",
        "Los responsables del programa elaborarán un informe.",
        "«los responsables»",
        "el grupo",
    ),
    ("es", "El trabajador recibirá un bono.", "«trabajador»", "se tratara de un hombre"),
    ("en", "Ask the ladies at reception for the keys.", "'Ladies'", "'women' is neutral"),
    ("en", "Ask the lady at reception for the keys.", "'Lady'", "'woman' is neutral"),
    ("fr", "Le responsable du suivi rédigera le rapport.", "« le responsable »", "une personne"),
]


@pytest.mark.parametrize(("lang", "text", "quoted", "wording"), EXPLAINED)
def test_explanations_agree_with_the_form_found(lang, text, quoted, wording):
    (finding,) = check(text, lang)
    assert quoted in finding.explanation
    assert wording in finding.explanation
