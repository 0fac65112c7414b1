from django.contrib import admin

from pat.proposals.models import FundRule, ProposalVersion


@admin.register(FundRule)
class FundRuleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "donor", "bound", "percent", "categories", "active"]
    list_filter = ["active", "donor"]


@admin.register(ProposalVersion)
class ProposalVersionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    # Frozen versions are the record reviewers rely on: the admin only looks.
    list_display = ["project", "number", "reason", "created_by", "created_at"]
    readonly_fields = ["project", "number", "reason", "snapshot", "created_by", "created_at"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
