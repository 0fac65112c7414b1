"""Markdown to safe HTML, and to plain text for search (pure, no database).

Two layers, because either alone has failed somewhere before: markdown-it-py with raw HTML
switched off turns `<script>` into text, and nh3 then removes anything outside an allow-list
(tags, attributes, URL schemes), so a parser quirk still cannot let script through.
"""

from __future__ import annotations

import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "strong",
        "em",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "del",
        "s",
        "sup",
        "sub",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_SAFE_LINK = re.compile(r"^(?:https?:|mailto:|[^:]*$)", re.I)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.enable("strikethrough")
    # markdown-it's own validator already refuses javascript:/vbscript:/data: links; this
    # narrows it to the schemes nh3 keeps so the two layers agree.
    md.validateLink = lambda url: bool(_SAFE_LINK.match(url.strip()))  # type: ignore[method-assign]
    return md


def render_markdown(text: str) -> str:
    """Sanitised HTML for a Markdown text; safe to mark_safe."""
    html = _parser().render(text or "")
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"[ \t]+")


def plain_text(text: str) -> str:
    """The words of a Markdown text without markup, for the search index and snippets."""
    import html

    rendered = _TAG.sub(" ", render_markdown(text))
    lines = (_SPACE.sub(" ", line).strip() for line in html.unescape(rendered).splitlines())
    return "\n".join(line for line in lines if line)


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", plain_text(text)))
