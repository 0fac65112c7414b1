from __future__ import annotations

from typing import Any

import pytest
from django.template import Context, Template

from pat.guide.keys import ALIASES, CATALOGUE, GENDER_PAGES, PROPOSAL_SECTIONS, resolve
from pat.guide.links import guide_url
from pat.guide.markdown import word_count
from pat.guide.models import GuidePage
from pat.guide.services import starter_content
from pat.terminology.rules import load_rules

pytestmark = pytest.mark.django_db


def test_starter_content_covers_every_catalogue_page_in_english() -> None:
    english = {f.key: f for f in starter_content() if f.language == "en"}
    assert set(english) == {spec.key for spec in CATALOGUE}
    for item in english.values():
        words = word_count(item.body)
        assert 200 <= words <= 600, (item.key, words)
        assert "example" in item.body.lower(), item.key


def test_gender_pages_and_rationale_are_translated_into_french_and_spanish() -> None:
    files = {(f.key, f.language) for f in starter_content()}
    for key in (*GENDER_PAGES, "rationale"):
        assert (key, "fr") in files and (key, "es") in files


def test_starter_content_loads_once_and_is_searchable(guide_content: Any) -> None:
    from pat.guide.services import content_load

    assert content_load() == 0
    assert GuidePage.objects.filter(language="en").count() == len(CATALOGUE)
    page = GuidePage.objects.get(key="rationale", language="en")
    assert page.revisions.count() == 1
    assert "<h2>" in page.body_html


def test_a_developer_reads_the_rationale_guidance_with_an_example(
    guide_content: Any, signed_in: Any, developer: Any
) -> None:
    response = signed_in(developer).get("/guide/rationale/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "gender analysis" in body.lower()
    assert "<blockquote>" in body


def test_french_reader_sees_french_page_where_it_exists(
    guide_content: Any, signed_in: Any, developer: Any
) -> None:
    client = signed_in(developer)
    body = client.get("/guide/gender-analysis/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Analyse de genre" in body
    assert "pas encore traduite" not in body


def test_french_reader_gets_english_with_a_notice_where_there_is_no_translation(
    guide_content: Any, signed_in: Any, developer: Any
) -> None:
    from pat.guide.models import GuidePage

    GuidePage.objects.filter(key="budget", language="fr").delete()  # a page not yet translated
    body = signed_in(developer).get("/guide/budget/?lang=fr").content.decode()
    assert "Budget lines by category" in body
    assert 'class="notice"' in body
    french_ui = signed_in(developer).get("/guide/budget/", HTTP_ACCEPT_LANGUAGE="fr")
    assert "pas encore traduite dans votre langue" in french_ui.content.decode()


def test_spanish_reader_sees_spanish_markers_page(
    guide_content: Any, signed_in: Any, developer: Any
) -> None:
    body = signed_in(developer).get("/guide/gender-markers/?lang=es").content.decode()
    assert "Marcadores de género" in body


@pytest.mark.parametrize("key", PROPOSAL_SECTIONS)
def test_every_proposal_section_key_has_a_page(
    key: str, guide_content: Any, signed_in: Any, developer: Any
) -> None:
    assert signed_in(developer).get(guide_url(key)).status_code == 200


def test_every_terminology_rule_guide_key_leads_to_a_page(
    guide_content: Any, signed_in: Any, developer: Any
) -> None:
    client = signed_in(developer)
    keys = {e.guide for lang in ("en", "fr", "es") for e in load_rules(lang).entries}
    for key in keys:
        response = client.get(guide_url(key), follow=True)
        assert response.status_code == 200
        assert response.redirect_chain == [] or response.redirect_chain[-1][0] != "/guide/"


def test_known_alias_redirects_to_its_page_without_a_404(
    guide_content: Any, signed_in: Any, developer: Any
) -> None:
    response = signed_in(developer).get("/guide/sadd/")
    assert response.status_code == 302
    assert response["Location"] == "/guide/sex-and-age-disaggregation/"
    for alias, target in ALIASES.items():
        assert resolve(alias).key == target


def test_misspelt_key_goes_to_the_nearest_page_with_a_notice(
    guide_content: Any, signed_in: Any, developer: Any
) -> None:
    response = signed_in(developer).get("/guide/rationnale/", follow=True)
    assert response.redirect_chain[-1][0] == "/guide/rationale/"
    assert "nearest" in response.content.decode()


def test_unknown_key_goes_to_the_index_with_a_notice(
    guide_content: Any, signed_in: Any, developer: Any
) -> None:
    response = signed_in(developer).get("/guide/qwertyuiop/", follow=True)
    assert response.redirect_chain[-1][0] == "/guide/"
    assert "qwertyuiop" in response.content.decode()


def test_guidance_partial_is_the_page_body_only(
    guide_content: Any, signed_in: Any, developer: Any
) -> None:
    client = signed_in(developer)
    body = client.get("/guide/rationale/guidance/").content.decode()
    assert "<html" not in body and "<h2>Rationale and gender analysis</h2>" in body
    htmx = client.get("/guide/rationale/", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in htmx and "gender analysis" in htmx


def test_guidance_partial_for_an_alias_shows_the_page(
    guide_content: Any, signed_in: Any, developer: Any
) -> None:
    body = signed_in(developer).get("/guide/workplan/guidance/").content.decode()
    assert "Work plan" in body


def test_guide_url_tag_for_other_apps() -> None:
    rendered = Template(
        "{% load guide %}{% guide_url 'rationale' %} {{ 'SADD'|guide_url }}"
    ).render(Context())
    assert rendered == "/guide/rationale/ /guide/sex-and-age-disaggregation/"
    assert guide_url("") == "/guide/"
    assert guide_url("!!") == "/guide/"


def test_index_lists_modules_and_offline_downloads(
    guide_content: Any, signed_in: Any, colleague: Any
) -> None:
    body = signed_in(colleague).get("/guide/").content.decode()
    assert "/guide/working" not in body
    assert "/guide/migrant-men-and-boys/" in body
    assert "/guide/kit/?lang=fr" in body and "/guide/kit/guide.pdf" in body


def test_guide_page_html_is_under_30_kb_gzipped(
    guide_content: Any, signed_in: Any, developer: Any
) -> None:
    import gzip

    response = signed_in(developer).get("/guide/gender-markers/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    raw = response.content
    size = len(raw) if response.get("Content-Encoding") == "gzip" else len(gzip.compress(raw))
    assert size < 30_000


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_guide_page_ships_in_french_and_spanish(guide_content: Any, language: str) -> None:
    from pat.guide.models import GuidePage

    english = set(GuidePage.objects.filter(language="en").values_list("key", flat=True))
    translated = set(GuidePage.objects.filter(language=language).values_list("key", flat=True))
    assert len(english) >= 20
    assert english <= translated
