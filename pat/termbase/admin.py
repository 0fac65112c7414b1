from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from pat.termbase.models import TermChange, TermEntry


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only here: edits go through the terminology pages, which keep history and tell
    every app server to reload its rules."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(TermEntry)
class TermEntryAdmin(ReadOnly):
    list_display = ("rule_id", "lemma", "lang", "category", "severity", "enabled", "version")
    list_filter = ("lang", "category", "severity", "enabled")
    search_fields = ("rule_id", "lemma")


@admin.register(TermChange)
class TermChangeAdmin(ReadOnly):
    list_display = ("entry", "action", "actor", "at", "version")
    list_filter = ("action",)
