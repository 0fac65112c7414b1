from django.contrib import admin

from pat.markers.models import MarkerAssessment, MarkerQuestion


@admin.register(MarkerQuestion)
class MarkerQuestionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    # Wording is configuration administrators own; the keys are what scoring reads.
    list_display = ["scheme", "key", "text_en", "order", "active"]
    list_filter = ["scheme", "active"]
    list_editable = ["order", "active"]
    search_fields = ["key", "text_en", "text_fr", "text_es"]


@admin.register(MarkerAssessment)
class MarkerAssessmentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    # Assessments are history: the admin looks, it never edits or deletes.
    list_display = ["project", "scheme", "code", "answered_by", "answered_at", "proposal_version"]
    list_filter = ["scheme", "code"]
    search_fields = ["project__code"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
