from django.contrib import admin

from pat.reviews.models import (
    DonorReviewer,
    ReviewEvent,
    ReviewRoute,
    ReviewTask,
    RouteStep,
    SubmissionNeed,
    SubmissionPolicy,
)


class RouteStepInline(admin.TabularInline):  # type: ignore[type-arg]
    model = RouteStep
    extra = 1


@admin.register(ReviewRoute)
class ReviewRouteAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = [
        "name",
        "purpose",
        "order",
        "active",
        "project_type",
        "region",
        "donor",
        "budget_above",
    ]
    list_filter = ["purpose", "active", "region"]
    inlines = [RouteStepInline]


@admin.register(DonorReviewer)
class DonorReviewerAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["donor", "department", "stage", "deadline_days"]


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    # Decisions and history are the record: the admin only looks (reassigning is a page).
    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(ReviewTask)
class ReviewTaskAdmin(ReadOnlyAdmin):
    list_display = [
        "project",
        "purpose",
        "version",
        "report",
        "label",
        "state",
        "assignee",
        "due_on",
    ]
    list_filter = ["purpose", "state", "kind"]
    search_fields = ["project__code", "label"]


@admin.register(ReviewEvent)
class ReviewEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "project", "action", "actor", "task"]
    list_filter = ["action"]
    search_fields = ["project__code"]


@admin.register(SubmissionNeed)
class SubmissionNeedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["kind", "department", "part"]
    list_filter = ["kind", "part"]


@admin.register(SubmissionPolicy)
class SubmissionPolicyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["__str__", "minimum_readiness"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        # One row: made on first use, edited here.
        return not SubmissionPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
