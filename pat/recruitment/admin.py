from django.contrib import admin

from pat.recruitment.models import ChannelVisit, OutreachChannel, Vacancy, VacancyEvent


@admin.register(OutreachChannel)
class OutreachChannelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "slug", "kind", "active")
    list_filter = ("kind", "active")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "slug")


class VacancyEventInline(admin.TabularInline):  # type: ignore[type-arg]
    model = VacancyEvent
    extra = 0
    can_delete = False
    readonly_fields = ("at", "by", "action", "from_state", "to_state", "fields", "note")


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only here: notices are written through the recruitment pages (wording check,
    history, state rules)."""

    list_display = ("reference", "title", "office", "grade", "state", "closing_date")
    list_filter = ("state", "category", "language")
    search_fields = ("reference", "title", "duty_station")
    inlines = (VacancyEventInline,)

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(ChannelVisit)
class ChannelVisitAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("vacancy", "channel", "count", "last_at")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
