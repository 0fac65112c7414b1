from django.contrib import admin

from pat.appointments.models import BoardMember, Case, Meeting


@admin.register(BoardMember)
class BoardMemberAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["user", "seat", "since", "until"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "held_on"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    # Decisions go through the case page (the rules, the history, the lock): read-only here.
    list_display = ["vacancy", "opened_on", "special_measures", "decision"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
