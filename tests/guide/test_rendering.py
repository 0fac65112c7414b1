from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from pat.guide.markdown import ALLOWED_TAGS, plain_text, render_markdown

HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](  javascript:alert(1))",
    "[x](java\tscript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "![pic](x.png)",
    "![pic](data:image/svg+xml;base64,PHN2Zz4=)",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    '<a href="javascript:alert(1)">click</a>',
    "<iframe src=https://evil.example></iframe>",
    "<style>body{display:none}</style>",
    '<div onclick="alert(1)">x</div>',
    "<svg onload=alert(1)>",
    "[x](<javascript:alert(1)>)",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "<details open ontoggle=alert(1)>",
]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_renders_without_active_content(text: str) -> None:
    html = render_markdown(text)
    for tag, attrs in _tags(html):
        assert tag in ALLOWED_TAGS
        for name, value in attrs:
            assert not name.startswith("on")
            assert name in {"href", "title", "rel", "align", "start"}
            if name == "href":
                assert re.match(r"^(https?:|mailto:|/|#|[^:]*$)", value or "", re.I), value


def test_raw_html_is_shown_as_text_not_markup() -> None:
    assert render_markdown("<b>bold</b>") == "<p>&lt;b&gt;bold&lt;/b&gt;</p>\n"


def test_safe_links_and_markdown_survive() -> None:
    html = render_markdown(
        "## Heading\n\n- **one** [site](https://example.org) [page](/guide/budget/)"
        " [mail](mailto:gfp@example.org)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert "<h2>Heading</h2>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">site</a>' in html
    assert 'href="/guide/budget/"' in html
    assert 'href="mailto:gfp@example.org"' in html
    assert "<table>" in html and "<td>1</td>" in html


def test_plain_text_drops_markup_for_the_search_index() -> None:
    assert plain_text("## Title\n\n**Bold** & <x>") == "Title\nBold & <x>"
