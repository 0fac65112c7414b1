from django.contrib import admin

from pat.staffing.models import ImportJob, Level, LevelGroup, Snapshot, Target, ValueAlias


@admin.register(Level)
class LevelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "name", "category", "rank"]
    list_filter = ["category"]


class TargetInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Target
    extra = 1


@admin.register(LevelGroup)
class LevelGroupAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "code", "order"]
    filter_horizontal = ["levels"]
    inlines = [TargetInline]


@admin.register(ValueAlias)
class ValueAliasAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["field", "value", "meaning"]
    list_filter = ["field"]


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    # Person-level rows stay out of the admin: snapshots show their size only.
    list_display = ["as_of", "rows", "source_name", "imported_at", "imported_by"]
    readonly_fields = ["as_of", "rows", "source_name", "imported_at", "imported_by"]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["filename", "created_by", "created_at", "state"]
    readonly_fields = ["filename", "created_by", "created_at", "state", "done", "total", "report"]
    exclude = ["stored_as", "mapping"]
