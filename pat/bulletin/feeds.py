"""The bulletin's Atom and RSS feeds (Django's syndication framework), one per language.

Each item is a published issue in the feed's language, or in English where it has no
translation; the entry's content is the introduction rendered by the guide's safe Markdown.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import gettext as _

from pat.bulletin.models import LANGUAGES, Edition, Issue
from pat.guide.markdown import render_markdown

FEED_ITEMS = 20


class IssueFeed(Feed[Edition, str]):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed
    login_required = False  # public, like the web edition (read by LoginRequiredMiddleware)

    def get_object(self, request: HttpRequest, lang: str) -> str:
        if lang not in dict(LANGUAGES):
            raise Http404
        translation.activate(lang)
        return lang

    def title(self, lang: str) -> str:
        return _("Gender and Migration News Bulletin")

    def description(self, lang: str) -> str:
        return _("The quarterly news bulletin on gender and migration, for all missions and staff.")

    def link(self, lang: str) -> str:
        return reverse("bulletin:public-home")

    def feed_url(self, lang: str) -> str:
        name = "bulletin:feed-atom" if self.feed_type is Atom1Feed else "bulletin:feed-rss"
        return reverse(name, kwargs={"lang": lang})

    def items(self, lang: str) -> list[Edition]:
        issues = (
            Issue.objects.published()
            .prefetch_related("editions")
            .order_by("-published_at")[:FEED_ITEMS]
        )
        return [e for e in (issue.edition(lang) for issue in issues) if e is not None]

    def item_title(self, item: Edition) -> str:
        return f"{item.issue}: {item.title}"

    def item_description(self, item: Edition) -> str:
        return render_markdown(item.summary)

    def item_link(self, item: Edition) -> str:
        return reverse(
            "bulletin:public-edition", kwargs={"issue": item.issue.slug, "lang": item.language}
        )

    def item_guid(self, item: Edition) -> str:
        return self.item_link(item)

    def item_pubdate(self, item: Edition) -> dt.datetime | None:
        return item.issue.published_at

    def item_extra_kwargs(self, item: Edition) -> dict[str, Any]:
        return {"language": item.language}


class AtomIssueFeed(IssueFeed):
    feed_type = Atom1Feed
    subtitle = IssueFeed.description
