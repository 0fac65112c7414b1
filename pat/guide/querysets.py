"""Queries over many guide pages and library documents."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from pat.guide.models import GuidePage, LibraryDocument  # noqa: F401

FALLBACK_LANGUAGE = "en"


class GuidePageQuerySet(models.QuerySet["GuidePage"]):
    def for_language(self, language: str) -> list[GuidePage]:
        """One page per key: the one in `language` where it exists, else the English one."""
        wanted = {language, FALLBACK_LANGUAGE}
        chosen: dict[str, GuidePage] = {}
        for page in self.filter(language__in=wanted).order_by("order", "key"):
            current = chosen.get(page.key)
            if current is None or page.language == language:
                chosen[page.key] = page
        return sorted(chosen.values(), key=lambda p: (p.order, p.key))

    def localised(self, key: str, language: str) -> GuidePage | None:
        pages = {p.language: p for p in self.filter(key=key, language__in={language, "en"})}
        return pages.get(language) or pages.get(FALLBACK_LANGUAGE)

    def keys(self) -> frozenset[str]:
        return frozenset(self.values_list("key", flat=True).distinct())


class LibraryDocumentQuerySet(models.QuerySet["LibraryDocument"]):
    def visible_to(self, user: Any) -> LibraryDocumentQuerySet:
        # Reference material is for every office: every signed-in user reads it all.
        if user.is_authenticated and user.is_active:
            return self
        return self.none()

    def for_list(self) -> LibraryDocumentQuerySet:
        return self.select_related("office").prefetch_related("tags")
