"""Language detection for lang="auto"."""

import pytest

from pat.terminology import detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The project will strengthen the capacity of the ministry to deliver services.", "en"),
        ("Le projet renforcera les capacités du ministère pour fournir des services.", "fr"),
        ("El proyecto fortalecerá la capacidad del ministerio para prestar servicios.", "es"),
        ("Les femmes et les hommes de la région participent à l'élaboration du plan.", "fr"),
        ("Las mujeres y los hombres de la región participan en la elaboración del plan.", "es"),
        ("", "en"),
        ("12345 !!!", "en"),
    ],
)
def test_it_detects_the_language_from_function_words(text, lang):
    assert detect_language(text) == lang


def test_it_looks_at_a_sample_of_long_texts():
    text = "Le projet est dans la région. " * 200_000
    assert detect_language(text) == "fr"
