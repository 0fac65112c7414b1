"""The version comparison (pure): paragraphs first, words inside changed paragraphs, caps."""

from __future__ import annotations

import re
from html import unescape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pat.proposals import diffing


def _side(html: str, keep: str) -> str:
    drop = "del" if keep == "ins" else "ins"
    html = re.sub(rf"<{drop}>.*?</{drop}>", "", html, flags=re.S)
    html = html.replace("<br>", "\n")
    return unescape(re.sub(r"</?(ins|del)>", "", html))


@pytest.mark.parametrize(
    ("old", "new", "html", "added", "removed"),
    [
        ("same text", "same text", "same text", 0, 0),
        ("A review", "A review and more", "A review<ins> and more</ins>", 2, 0),
        ("one two three", "one three", "one<del> two</del> three", 0, 1),
        ("a\nb c\nd", "a\nb x c\nd", "a<br>b<ins> x</ins> c<br>d", 1, 0),
        ("<b>", "<i>", "<del>&lt;b&gt;</del><ins>&lt;i&gt;</ins>", 1, 1),
    ],
)
def test_word_diff_marks_words_inside_the_changed_paragraph(old, new, html, added, removed):
    assert diffing.word_diff(old, new) == (html, added, removed)


def test_a_changed_stretch_past_the_cap_is_shown_removed_and_added_whole():
    old = " ".join(f"w{i}" for i in range(diffing.WORD_DIFF_CAP))
    new = old.replace("w7 ", "changed ")
    html, added, removed = diffing.word_diff(old, new)
    assert html.count("<del>") == 1 and html.count("<ins>") == 1
    assert added == removed == diffing.WORD_DIFF_CAP


def test_past_the_section_budget_changed_paragraphs_are_shown_whole():
    paragraphs = [" ".join(f"p{p}w{i}" for i in range(100)) for p in range(800)]
    edited = [p.replace(f"p{n}w5 ", "changed ") for n, p in enumerate(paragraphs)]
    html, _added, _removed = diffing.word_diff("\n".join(paragraphs), "\n".join(edited))
    # The first paragraphs get word marks, the ones past the budget whole-paragraph marks.
    assert "<ins>changed</ins>" in html
    assert html.count("<ins>") == 800
    assert f"<ins>{edited[-1]}" in html.replace("<br>", "")


text = st.lists(
    st.lists(st.sampled_from(["women", "men", "the", "<b>", "&", "project", ""]), max_size=8).map(
        " ".join
    ),
    max_size=6,
).map("\n".join)


@settings(max_examples=200, deadline=None)
@given(text, text)
def test_either_side_of_the_diff_gives_back_that_text(old: str, new: str):
    html, _added, _removed = diffing.word_diff(old, new)
    assert _side(html, "ins") == new
    assert _side(html, "del") == old
