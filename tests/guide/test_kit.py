from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pypdf
import pytest
from django.core.management import call_command

from pat.core.pdf import render_pdf
from pat.guide import kit
from pat.guide.keys import CATALOGUE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_kit_is_one_self_contained_file_under_2_mb(guide_content: Any, lang: str) -> None:
    html = kit.build_kit(lang).decode()
    assert len(html.encode()) < 2 * 1024 * 1024
    # Nothing is fetched: no src attributes, no stylesheet links, no external URLs in hrefs.
    assert not re.search(r"\ssrc=", html)
    assert "<link" not in html
    assert not re.search(r'href="(?!#)', html)
    assert "@import" not in html and "url(" not in html
    for spec in CATALOGUE:
        assert f'id="p-{spec.key}"' in html


def test_kit_in_french_falls_back_to_english_page_by_page(guide_content: Any) -> None:
    from pat.guide.models import GuidePage

    GuidePage.objects.filter(key="budget", language="fr").delete()  # a page not yet translated
    html = kit.build_kit("fr").decode()
    assert "Analyse de genre" in html  # translated
    assert "Budget lines by category" in html  # English, with a notice
    assert "pas encore traduite" in html or "not yet translated" in html.lower()


def test_kit_carries_the_terminology_list_of_its_language(guide_content: Any) -> None:
    html = kit.build_kit("es").decode()
    assert 'lang="es"' in html
    rules = kit.kit_rules("es")
    assert rules["lang"] == "es" and len(rules["entries"]) > 100
    assert "</script" not in html.split('id="pat-rules">', 1)[1].split("</script>", 1)[0]


def test_kit_rules_carry_every_generated_form(guide_content: Any) -> None:
    rules = kit.kit_rules("en")
    written = {v for variants in rules["byRun"].values() for v, _poss in variants}
    for form in ("chairman", "chairmen", "Chairman", "CHAIRMEN", "man-hours", "manhours"):
        assert form in written
    fr = kit.kit_rules("fr")
    fr_written = {v for variants in fr["byRun"].values() for v, _poss in variants}
    assert any("\u2019" in v for v in fr_written)  # curly-apostrophe elisions
    assert any("'" in v for v in fr_written)


def test_kit_command_writes_the_html_and_the_pdf(guide_content: Any, tmp_path: Path) -> None:
    html_path = tmp_path / "kit.html"
    call_command("kit", "--lang", "es", "-o", str(html_path), stderr=io.StringIO())
    assert html_path.read_bytes().startswith(b"<!doctype html>")
    pdf_path = tmp_path / "guide.pdf"
    call_command("kit", "--pdf", "-o", str(pdf_path), stderr=io.StringIO())
    reader = pypdf.PdfReader(str(pdf_path))
    text = "".join(p.extract_text() for p in reader.pages[:4])
    assert "Project Development Guide" in text and "Cover page" in text


def test_kit_and_pdf_download_links(guide_content: Any, signed_in: Any, developer: Any) -> None:
    client = signed_in(developer)
    response = client.get("/guide/kit/?lang=fr")
    assert response["Content-Disposition"] == 'attachment; filename="pat-offline-kit-fr.html"'
    pdf = client.get("/guide/kit/guide.pdf?lang=es")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_markdown_becomes_pdf_blocks() -> None:
    blocks = kit.markdown_blocks(
        "Intro **bold** [link](/x/).\n\n## Head\n\n- one\n- two\n\n| a | b |\n| --- | --- |\n"
        "| 1 | 2 |\n\n> quoted example\n"
    )
    assert blocks == [
        ("p", "Intro bold link."),
        ("h3", "Head"),
        ("bullets", ["one", "two"]),
        ("table", [["a", "b"], ["1", "2"]]),
        ("p", "quoted example"),
    ]


BLOCKS = [
    ("h1", "Rationale – análisis de género"),
    ("p", "Les femmes et les hommes… “quoted” œuvre ≥ 40 %"),
    ("bullets", ["première", "segunda"]),
    ("table", [["Sex", "0–17", "18+"], ["Female", "60", "230"], ["Male", "30"]]),
    ("h2", "Sub"),
    ("h3", "Subsub"),
]


@pytest.mark.parametrize("unicode_font", [True, False])
def test_render_pdf_writes_every_block_kind_with_or_without_dejavu(unicode_font: bool) -> None:
    if unicode_font and not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists():
        pytest.skip("DejaVu Sans not installed")
    data = render_pdf("Guide test", BLOCKS, unicode_font=unicode_font)
    text = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Guide test" in text and "Female" in text
    assert ("análisis" in text) and ("première" in text)
    if unicode_font:
        assert "œuvre" in text


def test_render_pdf_refuses_an_unknown_block_kind() -> None:
    with pytest.raises(ValueError, match="unknown block kind"):
        render_pdf("x", [("img", "a.png")])
