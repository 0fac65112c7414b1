from django.contrib import admin

from pat.evaluations.models import Evaluation, Recommendation


class RecommendationInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Recommendation
    extra = 0


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "project", "kind", "conduct", "started_on"]
    list_filter = ["kind", "conduct"]
    inlines = [RecommendationInline]
