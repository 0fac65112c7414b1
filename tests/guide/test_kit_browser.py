"""The offline kit in headless Chromium: opened from disk, network off, same findings as Python."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from pat.guide import kit
from pat.terminology import check

CORPUS = Path(__file__).resolve().parents[1] / "terminology" / "corpus"

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def _offline_page(page: Any, path: Path) -> list[str]:
    """Open a file:// URL with every other request refused; returns what was refused."""
    refused: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.context.route("**/*", guard)
    page.context.set_offline(True)
    page.goto(path.as_uri())
    return refused


def _write_kit(tmp_path: Path, lang: str) -> Path:
    path = tmp_path / f"kit-{lang}.html"
    path.write_bytes(kit.build_kit(lang))
    return path


def test_kit_opened_from_disk_offline_finds_terms_in_a_pasted_paragraph(
    guide_content: Any, page: Any, tmp_path: Path
) -> None:
    path = _write_kit(tmp_path, "en")
    assert path.stat().st_size < 2 * 1024 * 1024
    refused = _offline_page(page, path)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    assert page.locator("#p-rationale > h2").inner_text() == "Rationale and gender analysis"
    page.fill(
        "#text",
        "The chairman's report says each fisherman must register. Manpower is short, and "
        "policemen and firemen will brief the women and men of the Ministry of Manpower.",
    )
    page.click("button[type=submit]")
    found = page.locator("#found li")
    terms = [found.nth(i).get_attribute("data-rule") for i in range(found.count())]
    assert terms == ["en.chairman", "en.fisherman", "en.manpower", "en.policeman", "en.fireman"]
    assert "chair's" in page.locator("#found").inner_text()
    assert refused == [] and errors == []


def test_kit_guide_links_stay_inside_the_file(
    guide_content: Any, page: Any, tmp_path: Path
) -> None:
    path = _write_kit(tmp_path, "fr")
    _offline_page(page, path)
    page.click("#p-rationale a[href='#p-gender-analysis']")
    assert page.evaluate("location.hash") == "#p-gender-analysis"
    assert "Analyse de genre" in page.locator("#p-gender-analysis > h2").inner_text()


def _corpus(lang: str) -> list[str]:
    lines = (CORPUS / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


ARTICLE = re.compile(r"^(?:l['’]|(?:le|la|les|el|los|las)\s+)", re.IGNORECASE)


def _comparable(finding: list[Any]) -> tuple[Any, ...]:
    start, end, rule, suggestions = finding
    return (start, end, rule, tuple(ARTICLE.sub("", s).lower() for s in suggestions))


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_javascript_and_python_checkers_agree_on_list_based_rules(
    lang: str, guide_content: Any, page: Any, tmp_path: Path
) -> None:
    path = _write_kit(tmp_path, lang)
    _offline_page(page, path)
    data = kit.kit_rules(lang)
    list_based = {e["id"] for e in data["entries"] if e["list"]}
    texts = _corpus(lang) + EXTRA[lang]
    js = page.evaluate(
        """texts => texts.map(t => window.patCheck(t).filter(f => f.list).map(f => [
            Array.from(t.slice(0, f.start)).length, Array.from(t.slice(0, f.end)).length,
            f.rule, f.suggestions]))""",
        texts,
    )
    compared = 0
    for text, js_findings in zip(texts, js, strict=True):
        py = [
            [f.start, f.end, f.rule, list(f.suggestions)]
            for f in check(text, lang)
            if f.rule in list_based
        ]
        # Same spans and rules; the same suggestions but for the article the Python
        # checker adjusts to the span ("La femme rurale" -> "Les femmes rurales").
        assert sorted(_comparable(f) for f in js_findings) == sorted(_comparable(f) for f in py), (
            text
        )
        compared += len(py)
    assert compared > 20


EXTRA = {
    "en": [
        "Chairmen's meetings, the CHAIRMAN, Man-hours and manhours, see www.manpower.com.",
        "He read “The Old Man and the Sea” with the firemen and fishermen’s wives.",
        "Women and men, boys and girls: the spokesman met the spokesmen.",
    ],
    "fr": ["Le président et les présidents ; l'homme de la rue et les droits de l’homme."],
    "es": ["El hombre de negocios y los derechos del hombre; los hombres de negocios."],
}
