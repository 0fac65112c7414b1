"""The PDF edition of an issue, written by the shared PDF writer from the articles' Markdown."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from pat.bulletin.models import Edition
from pat.core.pdf import render_pdf
from pat.guide.kit import markdown_blocks


def pdf(edition: Edition) -> bytes:
    with translation.override(edition.language):
        title = _("Gender and Migration News Bulletin, %(issue)s") % {"issue": edition.issue}
        blocks: list[tuple[str, Any]] = [("h1", edition.title), *markdown_blocks(edition.summary)]
        for article in edition.articles.order_by("position", "pk"):
            blocks.append(("h2", article.title))
            blocks += markdown_blocks(article.body)
        return render_pdf(title, blocks)
