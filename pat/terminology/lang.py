"""Language guess for 'auto': counts of frequent function words in a sample of the text.

Function words are the cheapest reliable signal for three languages this far apart, and a
few kilobytes are enough, so the guess costs the same on a page or on a book.
"""

from __future__ import annotations

import re

from .model import Lang

_STOPWORDS: dict[Lang, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "and",
            "of",
            "to",
            "in",
            "is",
            "that",
            "for",
            "it",
            "with",
            "as",
            "was",
            "on",
            "be",
            "by",
            "this",
            "are",
            "or",
            "from",
            "at",
            "which",
            "have",
            "has",
            "an",
            "not",
            "will",
            "would",
            "their",
            "they",
            "were",
            "been",
            "its",
            "but",
            "these",
            "should",
            "must",
            "can",
            "who",
            "what",
            "we",
            "our",
            "you",
            "your",
            "into",
            "more",
            "also",
            "such",
            "than",
            "other",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "et",
            "des",
            "du",
            "de",
            "un",
            "une",
            "est",
            "que",
            "qui",
            "dans",
            "pour",
            "pas",
            "sur",
            "au",
            "aux",
            "par",
            "avec",
            "ce",
            "cette",
            "ces",
            "il",
            "elle",
            "ils",
            "elles",
            "sont",
            "ont",
            "être",
            "été",
            "leur",
            "leurs",
            "nous",
            "vous",
            "mais",
            "ou",
            "où",
            "plus",
            "son",
            "sa",
            "ses",
            "été",
            "aussi",
            "entre",
            "comme",
            "très",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "y",
            "del",
            "de",
            "un",
            "una",
            "unos",
            "unas",
            "es",
            "que",
            "en",
            "por",
            "para",
            "con",
            "no",
            "se",
            "su",
            "sus",
            "al",
            "lo",
            "como",
            "más",
            "pero",
            "este",
            "esta",
            "estos",
            "estas",
            "son",
            "fue",
            "ser",
            "han",
            "ha",
            "está",
            "están",
            "entre",
            "sobre",
            "también",
            "muy",
            "hay",
        ]
    ),
}
_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE = 20_000


def detect_language(text: str, default: Lang = "en") -> Lang:
    """'en', 'fr' or 'es' for the text; default when there is nothing to go on."""
    if len(text) > 2 * _SAMPLE:
        mid = len(text) // 2
        sample = text[:_SAMPLE] + " " + text[mid : mid + _SAMPLE]
    else:
        sample = text
    scores: dict[Lang, int] = {"en": 0, "fr": 0, "es": 0}
    for w in _WORD.findall(sample.lower()):
        for lang, words in _STOPWORDS.items():
            if w in words:
                scores[lang] += 1
    # Accented letters and apostrophe elision separate French from Spanish when the shared
    # short words ("de", "la", "que") tie them.
    scores["es"] += 2 * len(re.findall(r"[ñ¿¡]|ción\b|ado\b", sample))
    scores["fr"] += 2 * len(
        re.findall(r"\b[ldjnmsc]['\u2019][aeiouyhéè]|tion\b|eux\b|è|ê", sample, re.I)
    )
    best = max(scores.items(), key=lambda kv: kv[1])
    if best[1] == 0:
        return default
    return best[0]
