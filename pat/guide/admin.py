from django.contrib import admin

from pat.guide.models import GuidePage, GuidePageRevision, LibraryDocument, Tag


@admin.register(GuidePage)
class GuidePageAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    # Pages are edited on the guide's own pages so every save is versioned and indexed;
    # the admin only looks.
    list_display = ["key", "language", "title", "version", "updated_at"]
    list_filter = ["language", "module"]
    search_fields = ["key", "title"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(GuidePageRevision)
class GuidePageRevisionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["page", "version", "actor", "at", "note"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(LibraryDocument)
class LibraryDocumentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "topic", "language", "office", "published_on"]
    list_filter = ["topic", "language"]
    search_fields = ["title"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


admin.site.register(Tag)
