from django.contrib import admin

from pat.projects.models import (
    AgeBand,
    AgeBandSet,
    Donor,
    Organization,
    Project,
    ProjectChange,
    ProjectType,
    Theme,
)


class AgeBandInline(admin.TabularInline):  # type: ignore[type-arg]
    model = AgeBand
    extra = 1


@admin.register(AgeBandSet)
class AgeBandSetAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    inlines = [AgeBandInline]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    # Edits to projects go through the pages so they are versioned and recorded;
    # the admin only looks.
    list_display = ["code", "title", "executing_office", "status", "region"]
    list_filter = ["status", "region"]
    search_fields = ["code", "title"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(ProjectChange)
class ProjectChangeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["project", "action", "actor", "at"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


admin.site.register([ProjectType, Theme, Donor, Organization])
